import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../src/core/rng.js';
import { UserError } from '../../src/core/errors.js';
import { encodeGrayPng } from '../../src/node/image/encode.js';
import { loadConditionalTarget, loadTarget } from '../../src/node/target.js';
import { buildTrainingTarget } from '../../src/web/build-target.js';
import { conditionOfRows, splitBatch } from '../../src/core/model/condition-split.js';
import { isConditional, sampleRows, targetParts } from '../../src/core/model/target.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-target-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function writeGray(name: string, width: number, height: number, lit: (col: number, row: number) => number): string {
  const gray = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) for (let col = 0; col < width; col++) gray[row * width + col] = lit(col, row);
  const path = join(folder, name);
  writeFileSync(path, encodeGrayPng(gray, width, height));
  return path;
}

test('a picture file: the top-left quarter lit gives samples with x < 0.5 and y > 0.5', async () => {
  const path = writeGray('quarter.png', 16, 16, (col, row) => (col < 8 && row < 8 ? 255 : 0));
  const target = await loadTarget(path);
  assert.equal(target.kind, 'picture');
  assert.equal(target.name, path);
  const out = new Float32Array(2 * 4000);
  target.sample(4000, new Rng(3), out);
  for (let i = 0; i < 4000; i++) assert.ok(out[2 * i] <= 0.5 && out[2 * i + 1] >= 0.5);
});

test('a wide picture keeps its aspect ratio unless stretched', async () => {
  const path = writeGray('wide.png', 40, 10, () => 200);
  const kept = await loadTarget(path);
  assert.deepEqual(kept.rasterBox, { xMin: 0, xMax: 1, yMin: 0.375, yMax: 0.625 });
  const stretched = await loadTarget(path, { stretch: true });
  assert.deepEqual(stretched.rasterBox, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
  const out = new Float32Array(2 * 2000);
  kept.sample(2000, new Rng(1), out);
  for (let i = 0; i < 2000; i++) assert.ok(out[2 * i + 1] >= 0.375 && out[2 * i + 1] <= 0.625);
});

test('bad specs are UserErrors naming what is wrong', async () => {
  await assert.rejects(loadTarget('builtin:nope'), (e: unknown) => e instanceof UserError && /builtin:ring, builtin:grid, builtin:binary/.test(e.message));
  const black = writeGray('black.png', 8, 8, () => 0);
  await assert.rejects(loadTarget(black), (e: unknown) => e instanceof UserError && e.message.includes('black.png') && /no mass/.test(e.message));
  await assert.rejects(loadConditionalTarget(join(folder, 'missing')), /no such folder/);
  await assert.rejects(loadConditionalTarget(black), /expected a folder/);
  const empty = join(folder, 'empty');
  mkdirSync(empty);
  await assert.rejects(loadConditionalTarget(empty), /holds no pictures/);
});

test('a folder of pictures: one condition each in numeric file-name order, with their masses', async () => {
  const conditions = join(folder, 'conditions');
  mkdirSync(conditions);
  copyFileSync('examples/binary/0.png', join(conditions, '10.png'));
  copyFileSync('examples/binary/1.png', join(conditions, '2.png'));
  writeFileSync(join(conditions, 'notes.txt'), 'not a picture, ignored');
  const target = await loadConditionalTarget(conditions);
  assert.deepEqual(target.conditions.map((c) => c.name), ['2', '10']);
  const [small, big] = target.conditions;
  assert.ok(Math.abs(small.mass - Math.PI * 0.111 ** 2) < 2e-4);
  assert.ok(Math.abs(big.mass - Math.PI * 0.176 ** 2) < 2e-4);
  // The page builds the same pictures into the same masses (area in the unit square), so a
  // checkpoint records the same numbers whichever made it.
  const page = buildTrainingTarget({ kind: 'pictures', names: ['2.png', '10.png'], grids: target.conditions.map((c) => c.target.raster) });
  assert.ok(isConditional(page));
  assert.deepEqual(page.conditions.map((c) => c.mass), target.conditions.map((c) => c.mass));
});

test('builtin:binary\'s parts: each samples its own disc, their masses are the discs\' areas, and rows split by mass follow the whole', async () => {
  const target = await loadConditionalTarget('builtin:binary');
  assert.deepEqual(target.conditions.map((c) => c.name), ['0', '1']);
  const discs = [[0.34, 0.637, 0.176], [0.687, 0.302, 0.111]];
  target.conditions.forEach((c, i) => assert.ok(Math.abs(c.mass - Math.PI * discs[i][2] ** 2) < 2e-4, `condition ${i}: mass ${c.mass}`));
  // The trainer's real batch: rows per condition in proportion to mass, each condition's points from its own picture.
  const n = 40_000;
  const rows = splitBatch(n, target.conditions.map((c) => c.mass));
  const share = rows[0] / n;
  assert.ok(Math.abs(share - 0.176 ** 2 / (0.176 ** 2 + 0.111 ** 2)) < 0.005, `share of the big disc ${share}`);
  const out = new Float32Array(2 * n);
  sampleRows(targetParts(target), rows, new Rng(12), out);
  const labels = conditionOfRows(rows);
  for (let i = 0; i < n; i++) {
    const [cx, cy, r] = discs[labels[i]];
    assert.ok(Math.hypot(out[2 * i] - cx, out[2 * i + 1] - cy) < r + 0.01, `sample ${i} outside disc ${labels[i]}`);
  }
  assert.equal((await loadConditionalTarget('builtin:penta')).conditions.length, 5);
  await assert.rejects(loadConditionalTarget('builtin:ring'), /unknown builtin picture "ring"/);
});
