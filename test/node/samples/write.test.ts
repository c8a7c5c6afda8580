// Samples files as gan2d writes them: the format by extension, read back (CSV by our reader, .npy
// by an independent decoder and, where python3 has numpy, by np.load), atomic on failure.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../../src/core/rng.js';
import { samplesExtension, writeSampleBlocks, writeSamples } from '../../../src/node/samples/write.js';
import { parseSamplesCsv } from '../../../src/node/quality/samples-csv.js';
import { decodeNpy, hasNumpy, numpyLoad } from '../../support/npy.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-samples-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const count = 3000;
const rng = new Rng(11);
const points = Float32Array.from({ length: 2 * count }, () => (rng.nextUint32() / 2 ** 32 - 0.5) * 8);
const conditions = Array.from({ length: count }, (_, i) => i % 3);

test('the extension chooses the format', () => {
  assert.equal(samplesExtension('a/b.csv'), '.csv');
  assert.equal(samplesExtension('B.NPY'), '.npy');
  assert.equal(samplesExtension('b.json'), undefined);
  assert.throws(() => writeSamples(join(folder, 'x.txt'), points), RangeError);
});

test('CSV: our reader gives back the same float32s and conditions', () => {
  const path = join(folder, 'c.csv');
  writeSamples(path, points, conditions);
  const file = parseSamplesCsv(readFileSync(path, 'utf8'), path);
  assert.deepEqual(file.points, points);
  assert.deepEqual(Array.from(file.conditions!), conditions);
});

test('.npy: (n, 2) and (n, 3) read back by an independent decoder, and by np.load when numpy is here', async (t) => {
  const plain = join(folder, 'p.npy');
  const conditional = join(folder, 'c.npy');
  writeSamples(plain, points);
  writeSamples(conditional, points, conditions);
  const a = decodeNpy(readFileSync(plain));
  assert.deepEqual(a.shape, [count, 2]);
  assert.deepEqual(a.values, Array.from(points));
  const b = decodeNpy(readFileSync(conditional));
  assert.deepEqual(b.shape, [count, 3]);
  assert.deepEqual(b.values, Array.from({ length: 3 * count }, (_, i) => (i % 3 === 2 ? conditions[(i - 2) / 3] : points[2 * Math.floor(i / 3) + (i % 3)])));
  if (!(await hasNumpy())) {
    t.diagnostic('python3 with numpy is not installed: np.load not checked');
    return;
  }
  const loaded = await numpyLoad(plain);
  assert.equal(loaded.dtype, 'float32');
  assert.deepEqual(loaded.shape, [count, 2]);
  assert.deepEqual(loaded.bits, Array.from(new Uint32Array(points.buffer)));
  const loaded3 = await numpyLoad(conditional);
  assert.deepEqual(loaded3.shape, [count, 3]);
  assert.deepEqual(new Float32Array(Uint32Array.from(loaded3.bits).buffer), Float32Array.from(b.values));
});

test('a failed write leaves neither the file nor its temporary', () => {
  const path = join(folder, 'broken.npy');
  const failing = function* () {
    yield { points: points.subarray(0, 20) };
    throw new Error('the producer failed');
  };
  assert.throws(() => writeSampleBlocks(path, count, false, failing()), /the producer failed/);
  assert.ok(!existsSync(path));
  assert.deepEqual(readdirSync(folder).filter((name) => name.includes('broken')), []);
});
