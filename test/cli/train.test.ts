// gan2d train / generate / export as a user runs them: a child process, its exit code,
// its output, and the files it leaves (or does not leave).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, runCli as gan2d } from '../support/cli.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { GifReader } from 'omggif';
import { parseCheckpoint } from '../../src/core/gan/checkpoint.js';
import { encodeGrayPng } from '../../src/node/image/encode.js';
import { decodeNpy } from '../support/npy.js';

const SMALL = ['--iterations', '20', '--batch-size', '64', '--d-hidden', '16', '--g-hidden', '12', '--display-interval', '5', '--threads', '1'];

let root = '';
/** A finished plain run and a finished conditional run, shared by the tests below. */
let plainRun = '';
let conditionalRun = '';

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'gan2d-cli-'));
  plainRun = join(root, 'plain');
  conditionalRun = join(root, 'conditional');
  const [plain, conditional] = await Promise.all([
    gan2d(['train', 'examples/zig.png', ...SMALL, '--out', plainRun, '--export-samples', '30']),
    gan2d(['train', 'examples/binary/', ...SMALL, '--out', conditionalRun, '--export-samples', '40']),
  ]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(conditional.code, 0, conditional.stderr);
});

after(() => rmSync(root, { recursive: true, force: true }));

test('train leaves the run\'s files; the GIF and PNGs decode; without a terminal, a line per display interval', async () => {
  for (const file of ['training.gif', 'final.png', 'losses.png', 'metrics.jsonl', 'summary.json', 'checkpoint.json', 'samples.csv']) {
    assert.ok(existsSync(join(plainRun, file)), file);
  }
  assert.ok(!existsSync(join(plainRun, 'frames')));
  const gif = new GifReader(readFileSync(join(plainRun, 'training.gif')));
  assert.equal(gif.numFrames(), 4);
  const final = await loadImage(readFileSync(join(plainRun, 'final.png')));
  assert.equal(final.width, 1440);
  const losses = await loadImage(readFileSync(join(plainRun, 'losses.png')));
  assert.ok(losses.width > 0);
  const csv = readFileSync(join(plainRun, 'samples.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'x,y');
  assert.equal(csv.length, 31);
  for (const row of csv.slice(1)) {
    const [x, y] = row.split(',').map(Number);
    assert.ok(x >= 0 && x <= 1 && y >= 0 && y <= 1, `a picture's G ends in a sigmoid: ${row}`);
  }
});

test('a conditional run records its conditions and writes the condition column', () => {
  const summary = JSON.parse(readFileSync(join(conditionalRun, 'summary.json'), 'utf8'));
  assert.deepEqual(summary.target.conditions, ['0', '1']);
  const csv = readFileSync(join(conditionalRun, 'samples.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'x,y,condition');
  const conditions = new Set(csv.slice(1).map((row) => row.split(',')[2]));
  assert.deepEqual([...conditions].sort(), ['0', '1']);
});

test('progress without a terminal: one plain line per display interval, and a closing summary', async () => {
  const out = join(root, 'progress');
  const result = await gan2d(['train', 'examples/zig.png', ...SMALL, '--iterations', '10', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stderr.trim().split('\n').filter((line) => line.startsWith('iteration '));
  assert.deepEqual(lines.map((line) => line.split(' ')[1]), ['5/10', '10/10']);
  assert.ok(!result.stderr.includes('\r') && !result.stderr.includes('\x1b'));
  assert.match(result.stdout, /^trained 10 iterations in .* it\/s\); wrote .*progress/);
  // Far from its floor on the seed demo's settings, the run ends by naming the quality recipe, with summary.json's ratio.
  const { evaluation } = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { evaluation: { js64: number; js64Floor: number } };
  const hint = /^js64 is (\d+)× its floor on the seed demo's settings; to fit the picture more closely \(about a minute\): gan2d train examples\/zig\.png --recipe quality \(docs\/benchmarks-pictures\.md\)$/m.exec(result.stderr);
  assert.ok(hint, result.stderr);
  assert.ok(Math.abs(Number(hint[1]) - evaluation.js64 / evaluation.js64Floor) <= 0.5 + 1e-3 * Number(hint[1]), `${hint[1]} against ${evaluation.js64 / evaluation.js64Floor}`);
});

test('no recipe hint where the seed demo was asked for by name, or on a built-in mixture', async () => {
  const [named, mixture] = await Promise.all([
    gan2d(['train', 'examples/zig.png', ...SMALL, '--iterations', '10', '--recipe', 'seed', '--out', join(root, 'named-seed')]),
    gan2d(['train', 'builtin:ring', ...SMALL, '--iterations', '10', '--recipe', 'seed', '--out', join(root, 'ring-seed')]),
  ]);
  for (const result of [named, mixture]) {
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /--recipe quality/);
  }
});

test('generate writes CSV rows of one condition, and a figure', async () => {
  const csvPath = join(root, 'generated.csv');
  const csv = await gan2d(['generate', conditionalRun, '-n', '25', '-o', csvPath, '--condition', '1']);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = readFileSync(csvPath, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'x,y,condition');
  assert.equal(rows.length, 26);
  assert.ok(rows.slice(1).every((row) => row.endsWith(',1')));
  const pngPath = join(root, 'generated.png');
  const png = await gan2d(['generate', join(plainRun, 'checkpoint.json'), '-n', '500', '-o', pngPath]);
  assert.equal(png.code, 0, png.stderr);
  assert.equal((await loadImage(readFileSync(pngPath))).width, 1440);
});

/** A samples CSV's rows as numbers, each read back to float32. */
function csvRows(path: string): number[][] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((row) => row.split(',').map((cell) => Math.fround(Number(cell))));
}

test('generate -o x.npy: the same points as x.csv, the condition as a third column', async () => {
  const npyPath = join(root, 'generated.npy');
  const csvPath = join(root, 'generated-all.csv');
  for (const output of [npyPath, csvPath]) {
    const result = await gan2d(['generate', conditionalRun, '-n', '30', '-o', output, '--seed', '8']);
    assert.equal(result.code, 0, result.stderr);
  }
  const decoded = decodeNpy(readFileSync(npyPath));
  assert.deepEqual(decoded.shape, [30, 3]);
  assert.deepEqual(decoded.values, csvRows(csvPath).flat());
});

test('train --samples-format npy writes samples.npy: the points a CSV run writes to samples.csv', async () => {
  const out = join(root, 'npy-run');
  const result = await gan2d(['train', 'examples/binary/', ...SMALL, '--out', out, '--export-samples', '40', '--samples-format', 'npy']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(!existsSync(join(out, 'samples.csv')));
  const decoded = decodeNpy(readFileSync(join(out, 'samples.npy')));
  assert.deepEqual(decoded.shape, [40, 3]);
  assert.deepEqual(decoded.values, csvRows(join(conditionalRun, 'samples.csv')).flat());
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.config.samplesFormat, 'npy');
  const bad = await gan2d(['train', 'examples/zig.png', ...SMALL, '--out', join(root, 'bad-format'), '--samples-format', 'parquet']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^gan2d: --samples-format: "parquet" is not valid; expected one of csv, npy\n$/);
});

test('export --format tfjs writes model.json and its weights', async () => {
  const folder = join(root, 'tfjs');
  const result = await gan2d(['export', plainRun, '--format', 'tfjs', '-o', folder]);
  assert.equal(result.code, 0, result.stderr);
  const model = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  assert.equal(model.format, 'layers-model');
  const bytes = readFileSync(join(folder, model.weightsManifest[0].paths[0])).length;
  // G 2-12-2: (2·12 + 12) + (12·2 + 2) float32 values.
  assert.equal(bytes, 4 * (2 * 12 + 12 + 12 * 2 + 2));
  const again = await gan2d(['export', plainRun, '--format', 'tfjs', '-o', folder]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already holds model\.json/);
});

test('Ctrl-C writes the checkpoint and says how to resume; the resumed run finishes', async () => {
  const out = join(root, 'interrupted');
  const child = spawn(process.execPath, [CLI, 'train', 'examples/zig.png', ...SMALL, '--iterations', '1000000', '--display-interval', '1', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let sent = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
    if (!sent && stderr.includes('iteration 3/')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  // Generous, but a run that never prints its third line or never stops fails here instead of hanging the run.
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gan2d train did not ${sent ? 'stop within 120 s of Ctrl-C' : 'reach iteration 3 within 120 s'}; stderr: ${stderr}`));
    }, 120_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  assert.equal(code, 130);
  const match = /interrupted at iteration (\d+); resume with: gan2d train --resume (.*)\n/.exec(stderr);
  assert.ok(match, stderr);
  assert.equal(match[2], out);
  const stoppedAt = Number(match[1]);
  assert.equal(parseCheckpoint(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'))).iteration, stoppedAt);
  const resumed = await gan2d(['train', '--resume', out, '--iterations', String(stoppedAt + 4)]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(parseCheckpoint(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'))).iteration, stoppedAt + 4);
  assert.equal(new GifReader(readFileSync(join(out, 'training.gif'))).numFrames(), stoppedAt + 4);
});

test('bad input: one line naming the problem, exit 1, no stack trace, no files', async () => {
  const bad = join(root, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'notes.png'), 'this is not a picture');
  writeFileSync(join(bad, 'black.png'), encodeGrayPng(new Uint8Array(16), 4, 4));
  mkdirSync(join(bad, 'empty'));
  writeFileSync(join(bad, 'empty', 'readme.txt'), 'no pictures here');
  mkdirSync(join(bad, 'shapes'));
  writeFileSync(join(bad, 'shapes', 'a.png'), encodeGrayPng(new Uint8Array(16).fill(255), 4, 4));
  writeFileSync(join(bad, 'shapes', 'b.png'), encodeGrayPng(new Uint8Array(32).fill(255), 8, 4));
  mkdirSync(join(bad, 'taken'));
  writeFileSync(join(bad, 'taken', 'keep.txt'), 'mine');
  mkdirSync(join(bad, 'corrupt'));
  writeFileSync(join(bad, 'corrupt', 'checkpoint.json'), '{"format": "gan2d-checkpoint", "ver');
  mkdirSync(join(bad, 'wrong'));
  writeFileSync(join(bad, 'wrong', 'checkpoint.json'), JSON.stringify({ format: 'gan2d-checkpoint', version: 1, config: {} }));
  const out = join(bad, 'out');

  const cases: [string[], RegExp][] = [
    [['train', join(bad, 'missing.png'), '--out', out], /picture .*missing\.png: no such file/],
    [['train', join(bad, 'notes.png'), '--out', out], /picture .*notes\.png: not a picture/],
    [['train', join(bad, 'black.png'), '--out', out], /black\.png.*no mass/],
    [['train', join(bad, 'empty'), '--out', out], /folder .*empty: holds no pictures/],
    [['train', join(bad, 'shapes'), '--out', out], /folder .*shapes: pictures differ in shape \(a is 4×4, b is 8×4\)/],
    [['train', 'examples/penta', '--batch-size', '3', '--out', out], /--batch-size: 3 is smaller than the number of conditions \(5\)/],
    [['train', 'examples/zig.png', '--iterations', '0', '--out', out], /--iterations: "0" is not valid; expected an integer from 1 to/],
    [['train', 'examples/zig.png', '--batch-size', '-5', '--out', out], /--batch-size: "-5" is not valid; expected an integer from 1 to/],
    [['train', 'examples/zig.png', '--z-dim', 'abc', '--out', out], /--z-dim: "abc" is not valid/],
    [['train', 'examples/zig.png', '--g-lr', '-1', '--out', out], /--g-lr: "-1" is not valid; expected a number above 0/],
    [['train', 'examples/zig.png', '--loss', 'bce', '--out', out], /--loss: "bce" is not valid; expected one of nonsaturating, minimax, lsgan, wgan-gp, hinge/],
    [['train', 'examples/zig.png', '--frobnicate', '--out', out], /unknown option '--frobnicate'/],
    [['train', 'examples/zig.png', '--out', join(bad, 'taken')], /--out .*taken: the folder exists and is not empty/],
    [['train', '--out', out], /train: give a picture, a folder of pictures, or builtin:NAME/],
    [['train', 'builtin:nothing', '--out', out], /unknown builtin "nothing"/],
    [['train', '--resume', join(bad, 'nowhere')], /--resume .*nowhere: no such file/],
    [['train', '--resume', join(bad, 'corrupt')], /--resume .*corrupt.*checkpoint\.json: corrupt \(cut short: its JSON ends unfinished after \d+ bytes\)/],
    [['train', '--resume', join(bad, 'wrong')], /--resume .*wrong.*checkpoint\.json: corrupt \(config: missing z-dim\)/],
    [['train', '--resume', plainRun, '--d-hidden', '64'], /--resume .*: conflicts with the checkpoint's config: --d-hidden 64 \(the checkpoint has 16\)/],
    [['train', '--resume', plainRun], /--iterations: the checkpoint is already at iteration 20; give more than that/],
    [['generate', plainRun, '-n', '0', '-o', join(bad, 'x.csv')], /-n: "0" is not valid; expected an integer from 1/],
    [['generate', plainRun, '-n', '5', '-o', join(bad, 'x.txt')], /-o .*x\.txt: expected a \.csv, \.npy or \.png file name/],
    [['generate', plainRun, '-n', '5', '-o', join(bad, 'x.csv'), '--condition', '1'], /--condition: "1" is not valid; expected an integer from 0 to 0/],
    [['generate', conditionalRun, '-n', '5', '-o', join(bad, 'x.csv'), '--condition', '2'], /--condition: "2" is not valid; expected an integer from 0 to 1/],
    [['generate', join(bad, 'nowhere'), '-n', '5', '-o', join(bad, 'x.csv')], /checkpoint .*nowhere: no such file/],
    [['export', plainRun, '--format', 'onnx', '-o', join(bad, 'model')], /--format: "onnx" is not valid; expected one of tfjs/],
  ];
  const results = await Promise.all(cases.map(([args]) => gan2d(args)));
  results.forEach((result, i) => {
    const [args, message] = cases[i];
    const label = args.join(' ');
    assert.equal(result.code, 1, `${label}: exit code`);
    assert.match(result.stderr, /^gan2d: /m, label);
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('gan2d: '));
    assert.equal(errorLines.length, 1, `${label}: ${result.stderr}`);
    assert.match(errorLines[0], message, label);
    assert.ok(!/\n\s+at /.test(result.stderr), `${label}: no stack trace`);
  });
  // Nothing was made for the runs that were refused, and nothing half-written lies about.
  assert.ok(!existsSync(out));
  assert.deepEqual(readdirSync(join(bad, 'taken')), ['keep.txt']);
  assert.ok(!existsSync(join(bad, 'x.csv')) && !existsSync(join(bad, 'model')));
});
