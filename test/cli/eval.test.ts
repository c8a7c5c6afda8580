// gan2d eval: figures of hand-made samples files checked against hand computations, a run
// scored through its checkpoint, and every kind of bad input refused in one line.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertOneLineRefusal, runCli as gan2d } from '../support/cli.js';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ringMixture } from '../../src/core/density/builtins.js';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import { createTrainer } from '../../src/core/gan/trainer.js';
import { builtinTarget } from '../../src/core/density/builtins.js';
import { createReferenceEngine } from '../../src/core/nn/engine.js';
import { precisionRecall, slicedWasserstein1 } from '../../src/core/metrics/index.js';
import { Rng } from '../../src/core/rng.js';
import { encodeGrayPng } from '../../src/node/image/encode.js';
import { writeCheckpoint } from '../../src/node/train/checkpoint-file.js';
import { parseSamplesCsv } from '../../src/node/quality/samples-csv.js';
import { npyHeader } from '../../src/core/samples/npy.js';
import { writeSamples } from '../../src/node/samples/write.js';
import { loadTarget } from '../../src/node/target.js';
import { scoreSamples } from '../../src/core/bench/quality-scores.js';
import { formatEvalTable, runEval } from '../../src/cli/eval.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-eval-'));
after(() => rmSync(folder, { recursive: true, force: true }));


function writeCsv(name: string, rows: string[]): string {
  const path = join(folder, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

/** The ring's centre i, moved by (dx, dy). */
function nearCentre(i: number, dx = 0, dy = 0): string {
  const { centres } = ringMixture();
  return `${centres[2 * i] + dx},${centres[2 * i + 1] + dy}`;
}

test('eval of a hand-made ring sample: modes, high quality and reverse KL as computed by hand', async () => {
  // 10 points: 4 on centre 0, 3 near centre 1 (1.5σ off), 1 at 2.9σ from centre 2 (still HQ),
  // one at 3.1σ from centre 3 (not HQ) and one at the origin (far from every centre).
  const sigma = 0.01;
  const path = writeCsv('hand.csv', [
    'x,y',
    nearCentre(0), nearCentre(0), nearCentre(0), nearCentre(0),
    nearCentre(1, 1.5 * sigma), nearCentre(1, 0, -1.5 * sigma), nearCentre(1, 1.0 * sigma, 1.0 * sigma),
    nearCentre(2, 2.9 * sigma), nearCentre(3, 0, 3.1 * sigma), '0,0',
  ]);
  const { code, stdout, stderr } = await gan2d(['eval', path, '--target', 'builtin:ring', '--json']);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout);
  assert.equal(result.kind, 'mixture');
  assert.equal(result.points, 10);
  assert.equal(result.values.modes, 3);
  assert.equal(result.values.highQuality, 0.8);
  // p = (4/8, 3/8, 1/8) over K = 8 modes: Σ p ln(8p).
  const expected = 0.5 * Math.log(4) + 0.375 * Math.log(3) + 0.125 * Math.log(1);
  assert.ok(Math.abs(result.values.reverseKL - expected) < 1e-12, `${result.values.reverseKL} vs ${expected}`);
  // Mode width: the HQ points' mean squared distance (0,0,0,0, 2.25, 2.25, 2, 8.41 σ²) over exact Gaussians' within 3σ.
  const truncated = 2 - (9 * Math.exp(-4.5)) / (1 - Math.exp(-4.5));
  assert.ok(Math.abs(result.values.modeWidth - Math.sqrt(14.91 / 8 / truncated)) < 1e-5, `${result.values.modeWidth}`);
  assert.ok(Math.abs(result.floors.modeWidth - 1) < 0.2, 'exact samples have modes of width about 1σ');
  // Spread and offset: centre 1's three points have their own mean (2.5σ, −0.5σ) / 3; centre 0's
  // four sit on their centre, centre 2's one point is its own mean, 2.9σ off its centre.
  const own = [[1.5, 0], [0, -1.5], [1, 1]];
  const mean = [own.reduce((a, p) => a + p[0], 0) / 3, own.reduce((a, p) => a + p[1], 0) / 3];
  const toMeans = own.reduce((a, p) => a + (p[0] - mean[0]) ** 2 + (p[1] - mean[1]) ** 2, 0);
  assert.ok(Math.abs(result.values.modeSpread - Math.sqrt(toMeans / 8 / truncated)) < 1e-5, `${result.values.modeSpread}`);
  const offsets = 3 * (mean[0] ** 2 + mean[1] ** 2) + 2.9 ** 2;
  assert.ok(Math.abs(result.values.modeOffset - Math.sqrt(offsets / 8)) < 1e-5, `${result.values.modeOffset}`);
  // Sliced W1 and precision/recall are measured against exact samples drawn with the eval seed (0).
  for (const name of ['slicedW1', 'precision', 'recall']) assert.ok(Number.isFinite(result.values[name]), name);
  assert.equal(stdout.trim().split('\n').length, 1, '--json prints one line');
});

test('eval of a picture sample: js64 and oos as computed by hand, with their floors', async () => {
  // A 2×2 picture, left column white, right black: the density is uniform on x < 1/2.
  const picture = join(folder, 'half.png');
  writeFileSync(picture, encodeGrayPng(Uint8Array.from([255, 0, 255, 0]), 2, 2));
  // 3 points in one js64 cell of the left half, 1 in the black half (out of support).
  const path = writeCsv('half.csv', ['0.1,0.1', '0.1,0.1', '0.1,0.1', '0.9,0.5']);
  const { code, stdout, stderr } = await gan2d(['eval', path, '--target', picture, '--json']);
  assert.equal(code, 0, stderr);
  const { values, floors } = JSON.parse(stdout);
  assert.equal(values.oos, 0.25);
  // Generated P: 3/4 on one left cell, 1/4 on one right cell; true Q: 1/2048 on each of the 32×64 left cells.
  const q = 1 / 2048;
  const kl = (p: number, m: number): number => (p === 0 ? 0 : p * Math.log(p / m));
  const half = (p: number, qq: number): number => 0.5 * kl(p, (p + qq) / 2) + 0.5 * kl(qq, (p + qq) / 2);
  const js = half(0.75, q) + half(0.25, 0) + 2047 * half(0, q);
  assert.ok(Math.abs(values.js64 - js) < 1e-9, `${values.js64} vs ${js}`);
  assert.equal(floors.oos, 0, 'exact samples of this picture are never off it');
  assert.ok(floors.js64 > 0 && floors.js64 < values.js64);
});

test('the figures of a run are those of the points its checkpoint generates; the table lists every figure', async () => {
  const engine = createReferenceEngine();
  const config = resolveTrainConfig({ iterations: 3, batchSize: 32, dHidden: [8], gHidden: [8], optimizer: 'adam' });
  const target = builtinTarget('ring');
  const trainer = createTrainer(engine, config, target, 'builtin:ring');
  for (let i = 0; i < 3; i++) trainer.step();
  const run = join(folder, 'run');
  mkdirSync(run);
  writeCheckpoint(join(run, 'checkpoint.json'), trainer.getCheckpoint());
  const result = await runEval(run, { n: '500', seed: '3' }, () => undefined);
  assert.equal(result.from, 'generator');
  assert.equal(result.target, 'builtin:ring');
  assert.equal(result.iteration, 3);
  assert.equal(result.points, 500);
  const again = await runEval(join(run, 'checkpoint.json'), { n: '500', seed: '3', target: 'builtin:ring' }, () => undefined);
  assert.deepEqual(again.values, result.values, 'a folder and its checkpoint file, the same seed: the same figures');
  // The same figures from the library directly, on exact samples standing in for G.
  const exact = new Float32Array(1000);
  target.sample(500, new Rng(9, 9), exact);
  const direct = scoreSamples(exact, [500], [target], { seed: 3 });
  const reference = new Float32Array(1000);
  target.sample(500, new Rng(3, 0xe7a1), reference);
  assert.equal(direct.values.slicedW1, slicedWasserstein1(exact, reference));
  assert.deepEqual(
    { precision: direct.values.precision, recall: direct.values.recall },
    precisionRecall(reference, exact),
  );
  const table = formatEvalTable(result).split('\n');
  assert.match(table[0], /500 points generated by .*run, against builtin:ring/);
  for (const label of ['modes', 'high quality', 'reverse KL', 'mode width (σ)', 'mode spread (σ)', 'mode offset (σ)', 'sliced W1', 'precision', 'recall']) {
    assert.ok(table.some((line) => line.startsWith(label)), label);
  }
});

test('a samples file: header optional, x,y,condition rows put condition by condition', () => {
  const plain = parseSamplesCsv('1,2\n3,4\n', 'a.csv');
  assert.deepEqual(Array.from(plain.points), [1, 2, 3, 4]);
  assert.equal(plain.conditions, undefined);
  const conditional = parseSamplesCsv('x,y,condition\r\n1,2,1\r\n3,4,0\r\n\r\n', 'b.csv');
  assert.deepEqual(Array.from(conditional.points), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(conditional.conditions!), [1, 0]);
});

test('a .npy scores as the same points in a CSV: plain and conditional', async () => {
  const ring = join(folder, 'ring-points');
  for (const extension of ['.csv', '.npy']) {
    const made = await gan2d(['sample', 'builtin:ring', '-n', '3000', '--seed', '4', '-o', ring + extension]);
    assert.equal(made.code, 0, made.stderr);
  }
  const [csv, npy] = await Promise.all(['.csv', '.npy'].map((extension) => runEval(ring + extension, { target: 'builtin:ring', n: '2500' }, () => undefined)));
  assert.equal(npy.points, 2500);
  assert.deepEqual({ ...npy, input: '' }, { ...csv, input: '' });

  // Two conditions' points, written both ways by the same writer the commands use.
  const parts = [await loadTarget('examples/binary/0.png'), await loadTarget('examples/binary/1.png')];
  const points = new Float32Array(2 * 1200);
  parts[0].sample(700, new Rng(1), points);
  parts[1].sample(500, new Rng(2), points, 1400);
  const conditions = Array.from({ length: 1200 }, (_, i) => (i % 2 === 0 && i < 1000 ? 0 : 1)); // interleaved, then condition 1
  const mixed = new Float32Array(2 * 1200);
  const next = [0, 700];
  conditions.forEach((c, i) => mixed.set(points.subarray(2 * next[c], 2 * next[c]++ + 2), 2 * i));
  writeSamples(join(folder, 'binary.csv'), mixed, conditions);
  writeSamples(join(folder, 'binary.npy'), mixed, conditions);
  const [csv2, npy2] = await Promise.all(['binary.csv', 'binary.npy'].map((name) => runEval(join(folder, name), { target: 'examples/binary' }, () => undefined)));
  assert.equal(npy2.points, 1200);
  assert.deepEqual({ ...npy2, input: '' }, { ...csv2, input: '' });
});

/** A file of these bytes in the test folder. */
function writeBytes(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

/** A valid .npy of 4 points, to spoil. */
function goodNpy(): Buffer {
  const header = Buffer.from(npyHeader([4, 2]));
  return Buffer.concat([header, Buffer.from(Float32Array.from([0, 1, 1, 0, 0, -1, -1, 0]).buffer)]);
}

/** goodNpy with its header's dict text replaced (same length, padded with spaces). */
function withHeader(dict: string): Buffer {
  const good = goodNpy();
  const length = good.readUInt16LE(8);
  return Buffer.concat([good.subarray(0, 10), Buffer.from(dict.padEnd(length - 1, ' ') + '\n', 'latin1'), good.subarray(10 + length)]);
}

const bad: { what: string; args: () => string[]; message: RegExp }[] = [
  { what: 'a .npy with the wrong magic', args: () => ['eval', writeBytes('magic.npy', Buffer.concat([Buffer.from('PK\x03\x04'), goodNpy().subarray(4)])), '--target', 'builtin:ring'], message: /magic\.npy: not a \.npy file \(it does not start with \\x93NUMPY\)$/ },
  { what: 'a .npy of integers', args: () => ['eval', writeBytes('ints.npy', withHeader("{'descr': '<i4', 'fortran_order': False, 'shape': (4, 2), }")), '--target', 'builtin:ring'], message: /ints\.npy: dtype '<i4' is not float32 \('<f4'\) or float64 \('<f8'\), little-endian$/ },
  { what: 'a .npy of the wrong shape', args: () => ['eval', writeBytes('shape.npy', withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }")), '--target', 'builtin:ring'], message: /shape\.npy: shape \(2, 4\) is not \(n, 2\) for x, y or \(n, 3\) for x, y, condition$/ },
  { what: 'a truncated .npy', args: () => ['eval', writeBytes('cut.npy', goodNpy().subarray(0, goodNpy().length - 12)), '--target', 'builtin:ring'], message: /cut\.npy: truncated: shape \(4, 2\) of '<f4' needs 32 bytes of data, the file holds 20$/ },
  { what: 'a .npy cut in its header', args: () => ['eval', writeBytes('head.npy', goodNpy().subarray(0, 40)), '--target', 'builtin:ring'], message: /head\.npy: truncated in its header/ },
  { what: 'an empty .npy', args: () => ['eval', writeBytes('empty.npy', new Uint8Array(0)), '--target', 'builtin:ring'], message: /empty\.npy: not a \.npy file/ },
  { what: 'a NaN row', args: () => ['eval', writeCsv('nan.csv', ['x,y', '0.1,0.2', 'NaN,0.3']), '--target', 'builtin:ring'], message: /nan\.csv line 3: x is "NaN", not a finite number/ },
  { what: 'an empty cell', args: () => ['eval', writeCsv('gap.csv', ['x,y', '0.1,']), '--target', 'builtin:ring'], message: /gap\.csv line 2: y is empty/ },
  { what: 'a ragged row', args: () => ['eval', writeCsv('ragged.csv', ['x,y', '0.1,0.2,3']), '--target', 'builtin:ring'], message: /ragged\.csv line 2: 3 columns; the file has 2/ },
  { what: 'an unknown header', args: () => ['eval', writeCsv('header.csv', ['a,b', '1,2']), '--target', 'builtin:ring'], message: /header\.csv: unknown format \(the header is "a,b"/ },
  { what: 'only a header', args: () => ['eval', writeCsv('empty.csv', ['x,y']), '--target', 'builtin:ring'], message: /empty\.csv: no samples/ },
  { what: 'a missing target', args: () => ['eval', writeCsv('ok.csv', ['0,1', '1,0', '0,-1', '-1,0'])], message: /--target: required for a samples file/ },
  { what: 'an unknown target', args: () => ['eval', join(folder, 'ok.csv'), '--target', 'builtin:spiral'], message: /unknown builtin "spiral"/ },
  { what: 'an unknown input format', args: () => ['eval', writeCsv('points.txt', ['0,1']), '--target', 'builtin:ring'], message: /points\.txt: unknown format "\.txt" \(expected a run folder, a checkpoint \.json, or a samples \.csv or \.npy\)/ },
  { what: 'a missing input', args: () => ['eval', join(folder, 'nope.csv'), '--target', 'builtin:ring'], message: /nope\.csv: no such file or folder/ },
  { what: 'a folder that is not a run', args: () => ['eval', folder + '/sub', '--target', 'builtin:ring'], message: /sub: a folder without checkpoint\.json/ },
  { what: 'a corrupt checkpoint', args: () => ['eval', writeCsv('broken.json', ['{"format": 3']), '--target', 'builtin:ring'], message: /broken\.json: corrupt \(cut short: its JSON ends unfinished after \d+ bytes\)/ },
  { what: 'a bad -n', args: () => ['eval', join(folder, 'ok.csv'), '--target', 'builtin:ring', '-n', 'lots'], message: /-n: "lots" is not valid/ },
  { what: '-n beyond the file', args: () => ['eval', join(folder, 'ok.csv'), '--target', 'builtin:ring', '-n', '40'], message: /-n 40: .*ok\.csv holds only 4 rows/ },
  { what: 'a condition column for a plain target', args: () => ['eval', writeCsv('cond.csv', ['x,y,condition', '0,1,0', '1,0,0', '0,-1,0', '-1,0,0']), '--target', 'builtin:ring'], message: /cond\.csv: has a condition column, but the target builtin:ring is not a folder/ },
  { what: 'no condition column for a folder', args: () => ['eval', join(folder, 'ok.csv'), '--target', 'examples/binary'], message: /ok\.csv: has no condition column, but the target examples\/binary has 2 conditions/ },
];

for (const { what, args, message } of bad) {
  test(`eval refuses ${what} in one line`, async () => {
    mkdirSync(join(folder, 'sub'), { recursive: true });
    assertOneLineRefusal(await gan2d(args()), message);
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), []);
  });
}

test('a folder is also scored picture by picture: each condition as its points alone, the whole their weighted mean', async () => {
  const parts = [await loadTarget('examples/binary/0.png'), await loadTarget('examples/binary/1.png')];
  // Condition 0's points are exact samples; condition 1's all sit in a corner where its picture is black.
  const points = new Float32Array(2 * 1200);
  parts[0].sample(700, new Rng(1), points);
  points.fill(0.01, 1400);
  const scores = scoreSamples(points, [700, 500], parts, { seed: 2 });
  assert.deepEqual(scores.conditions?.map((c) => [c.condition, c.name, c.points]), [[0, parts[0].name, 700], [1, parts[1].name, 500]]);
  const [first, second] = scores.conditions!;
  assert.equal(first.values.oos, 0);
  assert.equal(second.values.oos, 1);
  assert.equal(second.values.farOos, 1);
  // Condition 0 alone, with the same seed, draws the same exact samples: the same figures and floors.
  const alone = scoreSamples(points.subarray(0, 1400), [700], [parts[0]], { seed: 2 });
  assert.deepEqual({ values: first.values, floors: first.floors }, { values: alone.values, floors: alone.floors });
  assert.equal(alone.conditions, undefined, 'a plain target has no per-condition figures');
  for (const name of Object.keys(scores.values)) {
    const mean = (700 * first.values[name] + 500 * second.values[name]) / 1200;
    assert.ok(Math.abs(scores.values[name] - mean) < 1e-12, `${name}: ${scores.values[name]} vs ${mean}`);
  }
  // The table adds a row per condition, with js64 over its own floor.
  const csv = join(folder, 'corner.csv');
  writeSamples(csv, points, Array.from({ length: 1200 }, (_, i) => (i < 700 ? 0 : 1)));
  const result = await runEval(csv, { target: 'examples/binary', seed: '2' }, () => undefined);
  const table = formatEvalTable(result).split('\n');
  const rows = table.slice(table.findIndex((line) => line.startsWith('by condition')) + 2);
  assert.equal(rows.length, 2, table.join('\n'));
  assert.match(rows[0], new RegExp(`^0 0\\.png +700 +\\S+ +${(first.values.js64 / first.floors.js64).toFixed(1)}× +0\\.00% +0\\.00% +\\S+%$`));
  assert.match(rows[1], /^1 1\.png +500 .* 100\.00% +100\.00% +\S+%$/);
});
