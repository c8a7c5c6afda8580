import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run } from '../support/cli.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { encodeGrayPng } from '../../src/node/image/encode.js';
import { builtinTarget } from '../../src/core/density/builtins.js';
import { Rng } from '../../src/core/rng.js';
import { loadTarget } from '../../src/node/target.js';
import { BLOCK_ROWS } from '../../src/core/samples/block.js';
import { decodeNpy } from '../support/npy.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-sample-'));
after(() => rmSync(folder, { recursive: true, force: true }));
function writeGray(name: string, width: number, height: number, level: number): string {
  const path = join(folder, name);
  writeFileSync(path, encodeGrayPng(new Uint8Array(width * height).fill(level), width, height));
  return path;
}

/** A valid PNG whose header says width 0 (checksum fixed so only the size is wrong). */
function zeroSizedPng(): string {
  const bytes = Buffer.from(encodeGrayPng(new Uint8Array(4).fill(255), 2, 2));
  bytes.writeUInt32BE(0, 16);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  const path = join(folder, 'zero.png');
  writeFileSync(path, bytes);
  return path;
}

const bad: { what: string; args: (out: string) => string[]; message: RegExp }[] = [
  { what: 'a missing file', args: (o) => ['sample', join(folder, 'nope.png'), '-o', o], message: /nope\.png: no such file/ },
  { what: 'a folder where a file is expected', args: (o) => ['sample', folder, '-o', o], message: /is a folder/ },
  {
    what: 'a non-image',
    args: (o) => {
      writeFileSync(join(folder, 'text.png'), 'this is text, not a picture\n');
      return ['sample', join(folder, 'text.png'), '-o', o];
    },
    message: /text\.png: not a picture we can read/,
  },
  {
    what: 'a corrupt PNG',
    args: (o) => {
      const good = readFileSync('examples/binary.png');
      const corrupt = Buffer.concat([good.subarray(0, 33), Buffer.alloc(200, 0xab)]);
      writeFileSync(join(folder, 'corrupt.png'), corrupt);
      return ['sample', join(folder, 'corrupt.png'), '-o', o];
    },
    message: /corrupt\.png: cannot decode this PNG file \(corrupt or truncated\)/,
  },
  {
    what: 'an empty file',
    args: (o) => {
      writeFileSync(join(folder, 'empty.jpg'), '');
      return ['sample', join(folder, 'empty.jpg'), '-o', o];
    },
    message: /empty\.jpg: the file is empty/,
  },
  { what: 'a picture with no mass', args: (o) => ['sample', writeGray('black.png', 20, 10, 0), '-o', o], message: /black\.png: has no mass/ },
  { what: 'a zero-sized picture', args: (o) => ['sample', zeroSizedPng(), '-o', o], message: /zero\.png: the PNG is zero-sized \(0x2/ },
  { what: '-n zero', args: (o) => ['sample', 'builtin:ring', '-n', '0', '-o', o], message: /option -n: expected a positive integer, got "0"/ },
  { what: '-n negative', args: (o) => ['sample', 'builtin:ring', '-n', '-5', '-o', o], message: /option -n/ },
  { what: '-n fractional', args: (o) => ['sample', 'builtin:ring', '-n', '1.5', '-o', o], message: /option -n: expected a positive integer, got "1.5"/ },
  { what: '-n text', args: (o) => ['sample', 'builtin:ring', '-n', 'many', '-o', o], message: /option -n: expected a positive integer, got "many"/ },
  { what: 'a bad seed', args: (o) => ['sample', 'builtin:ring', '--seed', 'x', '-o', o], message: /option --seed/ },
  {
    what: 'an unknown builtin',
    args: (o) => ['sample', 'builtin:spiral', '-o', o],
    message: /unknown builtin "spiral": the known ones are builtin:ring, builtin:grid, builtin:binary, .*builtin:penta/,
  },
  { what: 'an output in a missing folder', args: () => ['sample', 'builtin:ring', '-o', join(folder, 'no', 'such', 'out.png')], message: /out\.png: the folder .* does not exist/ },
  { what: 'an unknown output extension', args: () => ['sample', 'builtin:ring', '-o', join(folder, 'out.txt')], message: /out\.txt: unknown extension "\.txt" \(use \.png, \.csv, \.npy, \.json\)/ },
  { what: 'no output', args: () => ['sample', 'builtin:ring'], message: /-o\/--output is required/ },
];

for (const [i, { what, args, message }] of bad.entries()) {
  test(`bad input through the CLI: ${what}`, async () => {
    const out = join(folder, `bad-${i}.png`);
    const before = readdirSync(folder).filter((f) => f.startsWith('.')).length;
    const { code, stdout, stderr } = await run(args(out));
    assert.notEqual(code, 0);
    assert.equal(stdout, '');
    const lines = stderr.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 1, `expected one line, got: ${stderr}`);
    assert.match(lines[0], /^gan2d: /);
    assert.match(lines[0], message);
    assert.ok(!existsSync(out), 'an output file was written');
    assert.equal(readdirSync(folder).filter((f) => f.startsWith('.')).length, before, 'a temporary file was left');
  });
}

test('a picture over 4096x4096 is downscaled with a one-line notice, and sampled', async () => {
  const path = join(folder, 'huge.png');
  const width = 4200;
  const height = 4000;
  const gray = new Uint8Array(width * height);
  for (let row = 0; row < 2000; row++) gray.fill(255, row * width, row * width + 2100); // top-left quarter
  writeFileSync(path, encodeGrayPng(gray, width, height));
  const out = join(folder, 'huge.csv');
  const { code, stderr } = await run(['sample', path, '-n', '500', '-o', out]);
  assert.equal(code, 0, stderr);
  const lines = stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /huge\.png: 4200x4000 is over the limit of 16\.8 Mpx; downscaled to 4197x3997/);
  const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, 500);
  for (const [x, y] of rows) assert.ok(x <= 0.5 + 1e-3 && y >= 0.5 - 1e-3 - (1 - 4000 / 4200) / 2);
});

test('PNG output: the figure decodes back, with the density and green samples', async () => {
  const out = join(folder, 'figure.png');
  const { code, stderr } = await run(['sample', 'examples/binary.png', '-n', '5000', '--seed', '3', '-o', out]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const image = await loadImage(readFileSync(out));
  assert.equal(image.width, 980);
  assert.equal(image.height, 520);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  // Count pure-ish real-data green (#008837) in each half: the density panel and the scatter.
  const green = [0, 0];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = 4 * (y * image.width + x);
      if (Math.abs(pixels[p]) < 20 && Math.abs(pixels[p + 1] - 0x88) < 20 && Math.abs(pixels[p + 2] - 0x37) < 20) green[x < 490 ? 0 : 1]++;
    }
  }
  // The discs cover 13.6% of a 400x400 panel, about 21,700 pixels.
  assert.ok(green[0] > 15_000, `density panel green pixels: ${green[0]}`);
  assert.ok(green[1] > 1_000, `scatter green pixels: ${green[1]}`);
});

test('CSV and JSON outputs parse back to the same samples; the seed decides them', async () => {
  const csv = join(folder, 'ring.csv');
  const json = join(folder, 'ring.json');
  const other = join(folder, 'ring-other.csv');
  const results = await Promise.all([
    run(['sample', 'builtin:ring', '-n', '2000', '--seed', '9', '-o', csv]),
    run(['sample', 'builtin:ring', '-n', '2000', '--seed', '9', '-o', json]),
    run(['sample', 'builtin:ring', '-n', '2000', '--seed', '10', '-o', other]),
  ]);
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(csv, 'utf8').split('\n');
  assert.equal(lines[0], 'x,y');
  assert.equal(lines.at(-1), '');
  const rows = lines.slice(1, -1).map((line) => line.split(',').map(Number));
  assert.equal(rows.length, 2000);
  const parsed = JSON.parse(readFileSync(json, 'utf8')) as { target: string; seed: number; n: number; x: number[]; y: number[] };
  assert.equal(parsed.target, 'builtin:ring');
  assert.equal(parsed.seed, 9);
  assert.equal(parsed.n, 2000);
  assert.deepEqual(parsed.x, rows.map((r) => r[0]));
  assert.deepEqual(parsed.y, rows.map((r) => r[1]));
  // The decimals read back to exactly the float32 samples the library draws with that seed.
  const expected = new Float32Array(4000);
  builtinTarget('ring').sample(2000, new Rng(9), expected);
  rows.forEach(([x, y], i) => {
    assert.equal(Math.fround(x), expected[2 * i]);
    assert.equal(Math.fround(y), expected[2 * i + 1]);
  });
  assert.notDeepEqual(readFileSync(other, 'utf8'), readFileSync(csv, 'utf8'));
});

test('CSV and .npy of more than one block: the very float32s the library draws in one call', async () => {
  const n = BLOCK_ROWS + 4321; // sample draws and writes BLOCK_ROWS points at a time
  for (const spec of ['builtin:grid', 'examples/binary.png']) {
    const name = spec.replace(/\W/g, '-');
    const csv = join(folder, `${name}.csv`);
    const npy = join(folder, `${name}.npy`);
    const results = await Promise.all([
      run(['sample', spec, '-n', String(n), '--seed', '5', '-o', csv]),
      run(['sample', spec, '-n', String(n), '--seed', '5', '-o', npy]),
    ]);
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const expected = new Float32Array(2 * n);
    (await loadTarget(spec)).sample(n, new Rng(5), expected);
    const decoded = decodeNpy(readFileSync(npy));
    assert.deepEqual(decoded.shape, [n, 2]);
    assert.ok(decoded.values.every((v, i) => v === expected[i]), `${spec}: .npy values`);
    const rows = readFileSync(csv, 'utf8').split('\n').slice(1, -1);
    assert.equal(rows.length, n);
    assert.ok(rows.every((row, i) => {
      const [x, y] = row.split(',').map(Number);
      return Math.fround(x) === expected[2 * i] && Math.fround(y) === expected[2 * i + 1];
    }), `${spec}: CSV values`);
  }
});

test('a folder given as an output path is refused before any work', async () => {
  const out = join(folder, 'as-folder.csv');
  mkdirSync(out);
  const { code, stderr } = await run(['sample', 'builtin:ring', '-o', out]);
  assert.notEqual(code, 0);
  assert.equal(stderr.split('\n').filter(Boolean).length, 1);
  assert.match(stderr, /as-folder\.csv: is a folder, expected a file name/);
});
