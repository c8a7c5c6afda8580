import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT_SQUARE, pictureBox, type Box } from '../../../src/core/density/placement.js';
import { pictureTarget } from '../../../src/core/density/target.js';
import { cellMasses } from '../../../src/core/metrics/cell-masses.js';
import { imageMetricFloors, type ExactSampler } from '../../../src/core/metrics/image-floors.js';
import { imageMetrics, js64, oos } from '../../../src/core/metrics/image-metrics.js';
import { JS_BINS, imageTarget } from '../../../src/core/metrics/image-target.js';
import { jensenShannon } from '../../../src/core/metrics/jensen-shannon.js';
import type { DensityRaster } from '../../../src/core/metrics/raster.js';
import { Rng } from '../../../src/core/rng.js';

function raster(width: number, height: number, values: number[]): DensityRaster {
  return { width, height, values: Float32Array.from(values) };
}

/** Reference masses: every (pixel, cell) pair's overlap area, the slow and obvious way. */
function bruteForceMasses(r: DensityRaster, box: Box, bins: number): Float64Array {
  const out = new Float64Array(bins * bins);
  const pw = (box.xMax - box.xMin) / r.width;
  const ph = (box.yMax - box.yMin) / r.height;
  const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  let total = 0;
  for (let row = 0; row < r.height; row++) {
    const top = box.yMax - row * ph;
    for (let col = 0; col < r.width; col++) {
      const left = box.xMin + col * pw;
      for (let iy = 0; iy < bins; iy++) {
        for (let ix = 0; ix < bins; ix++) {
          const area = overlap(left, left + pw, ix / bins, (ix + 1) / bins) * overlap(top - ph, top, iy / bins, (iy + 1) / bins);
          const mass = r.values[row * r.width + col] * area;
          out[iy * bins + ix] += mass;
          total += mass;
        }
      }
    }
  }
  return out.map((m) => m / total);
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

test('cell masses integrate rasters of any size and placement exactly (vs brute-force overlap areas)', () => {
  const rng = new Rng(3);
  for (const [w, h] of [[3, 5], [7, 4], [65, 1], [1, 1], [100, 37]]) {
    const r = raster(w, h, Array.from({ length: w * h }, () => rng.uniform()));
    for (const box of [pictureBox(w, h), UNIT_SQUARE, { xMin: 0.1, xMax: 0.73, yMin: 0.02, yMax: 0.5 }]) {
      const masses = cellMasses(r, box, 16);
      assert.ok(maxDifference(masses, bruteForceMasses(r, box, 16)) < 1e-12, `${w}x${h}`);
      assert.ok(Math.abs(masses.reduce((s, m) => s + m, 0) - 1) < 1e-12);
    }
  }
});

test('a 128×128 raster over the square: each 64-grid cell holds its 2×2 pixels; row 0 is the top', () => {
  const rng = new Rng(4);
  const r = raster(128, 128, Array.from({ length: 128 * 128 }, () => rng.uniform()));
  const masses = cellMasses(r, UNIT_SQUARE, JS_BINS);
  let total = 0;
  for (const v of r.values) total += v;
  for (const [ix, iy] of [[0, 0], [5, 63], [63, 0], [31, 17]]) {
    const topRow = 2 * (63 - iy); // cell row iy (from the bottom) covers raster rows from the top
    const pixels = [r.values[topRow * 128 + 2 * ix], r.values[topRow * 128 + 2 * ix + 1], r.values[(topRow + 1) * 128 + 2 * ix], r.values[(topRow + 1) * 128 + 2 * ix + 1]];
    assert.ok(Math.abs(masses[iy * JS_BINS + ix] - pixels.reduce((s, v) => s + v, 0) / total) < 1e-12);
  }
});

test('the image target: masses on the 64 grid then an empty outside bin; a non-square picture is centred', () => {
  // 2 wide, 1 high: it spans y in [0.25, 0.75]; only its left pixel has mass.
  const target = imageTarget(raster(2, 1, [1, 0]));
  assert.deepEqual(target.box, { xMin: 0, xMax: 1, yMin: 0.25, yMax: 0.75 });
  assert.equal(target.masses.length, JS_BINS * JS_BINS + 1);
  assert.equal(target.masses[JS_BINS * JS_BINS], 0);
  const perCell = 1 / (32 * 32);
  assert.ok(Math.abs(target.masses[16 * JS_BINS + 0] - perCell) < 1e-15); // bottom-left of the mass
  assert.ok(Math.abs(target.masses[47 * JS_BINS + 31] - perCell) < 1e-15); // top-right of the mass
  assert.equal(target.masses[15 * JS_BINS + 0], 0); // margin below the picture
  assert.equal(target.masses[16 * JS_BINS + 32], 0); // the empty right pixel
});

test('Jensen–Shannon by hand: equals H(m) − (H(p) + H(q))/2; 0 for equal, ln 2 for disjoint', () => {
  const entropy = (p: number[]): number => -p.reduce((s, v) => (v > 0 ? s + v * Math.log(v) : s), 0);
  const p = [1, 0, 0];
  const q = [0.5, 0.25, 0.25];
  const m = p.map((v, i) => (v + q[i]) / 2);
  assert.ok(Math.abs(jensenShannon(p, q) - (entropy(m) - (entropy(p) + entropy(q)) / 2)) < 1e-15);
  assert.equal(jensenShannon(q, q), 0);
  assert.equal(jensenShannon([0.5, 0.5, 0, 0], [0, 0, 0.3, 0.7]), Math.LN2);
});

test('js64 of a histogram identical to the density is 0; of disjoint ones ln 2', () => {
  const uniform = imageTarget(raster(64, 64, new Array(64 * 64).fill(1)));
  // One sample at the centre of each cell: the generated histogram is exactly uniform.
  const samples = new Float32Array(2 * 64 * 64);
  for (let iy = 0; iy < 64; iy++) {
    for (let ix = 0; ix < 64; ix++) {
      samples[2 * (iy * 64 + ix)] = (ix + 0.5) / 64;
      samples[2 * (iy * 64 + ix) + 1] = (iy + 0.5) / 64;
    }
  }
  assert.ok(js64(samples, uniform) < 1e-12);
  // Every sample outside the square: all generated mass in the bin whose true mass is 0.
  // (ln 2 up to the rounding of 1/3 + 1/3 + 1/3.)
  assert.ok(Math.abs(js64(new Float32Array([-0.1, 0.5, 1.5, 0.5, 0.5, 1.0001]), uniform) - Math.LN2) < 1e-14);
  // Every sample on the massless half of a picture.
  const rightHalf = imageTarget(raster(2, 1, [0, 1]), UNIT_SQUARE);
  assert.ok(Math.abs(js64(new Float32Array([0.1, 0.2, 0.4, 0.9, 0.49, 0]), rightHalf) - Math.LN2) < 1e-14);
});

test('js64 keeps y up: a picture lit only in its top half, scored by hand', () => {
  // 4×4 raster, row 0 at the top: the top two rows are 1, the bottom two 0. Over the unit
  // square it lights y in [0.5, 1], so on the 64 grid the true mass is 1/2048 in each cell
  // of rows iy = 32..63 (counted from the bottom, as y is) and 0 in rows 0..31 and outside.
  const topLit = imageTarget(raster(4, 4, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]));
  const top = new Float32Array(2 * 32 * 64);
  const bottom = new Float32Array(2 * 32 * 64);
  for (let row = 0; row < 32; row++) {
    for (let ix = 0; ix < 64; ix++) {
      const i = row * 64 + ix;
      top[2 * i] = bottom[2 * i] = (ix + 0.5) / 64;
      top[2 * i + 1] = (32 + row + 0.5) / 64; // one point at the centre of each top cell
      bottom[2 * i + 1] = (row + 0.5) / 64; // the same points mirrored into the bottom half
    }
  }
  // Top: the histogram is 1/2048 on each top cell, the true masses exactly: p = q, JS = 0.
  assert.ok(js64(top, topLit) < 1e-12, `top half: ${js64(top, topLit)}`);
  // Bottom: p lives on the bottom cells, q on the top ones. m = (p + q)/2 is 1/4096 on every
  // cell, so KL(p‖m) = KL(q‖m) = Σ (1/2048) ln 2 over 2048 cells = ln 2, and JS = ln 2.
  assert.ok(Math.abs(js64(bottom, topLit) - Math.LN2) < 1e-12, `bottom half: ${js64(bottom, topLit)}`);
  // Three quarters of the points on top, one quarter mirrored below: p is 3/8192 on a top
  // cell and 1/8192 on a bottom one, q 1/2048 = 4/8192 on top; m is 7/16384 on top and
  // 1/16384 below. KL(p‖m) = ¾ ln(6/7) + ¼ ln 2, KL(q‖m) = ln(8/7), JS the mean of the two.
  const mixed = new Float32Array([...top, ...top, ...top, ...bottom]);
  const byHand = (0.75 * Math.log(6 / 7) + 0.25 * Math.LN2 + Math.log(8 / 7)) / 2;
  assert.ok(Math.abs(js64(mixed, topLit) - byHand) < 1e-12, `¾ top: ${js64(mixed, topLit)} vs ${byHand}`);
  // Mirrored (¼ on top, ¾ below) it is another number: p 1/8192 on top, 3/8192 below; m is
  // 5/16384 on top, 3/16384 below. KL(p‖m) = ¼ ln(2/5) + ¾ ln 2, KL(q‖m) = ln(8/5).
  const mirrored = new Float32Array([...bottom, ...bottom, ...bottom, ...top]);
  const mirroredByHand = (0.25 * Math.log(2 / 5) + 0.75 * Math.LN2 + Math.log(8 / 5)) / 2;
  assert.ok(Math.abs(js64(mirrored, topLit) - mirroredByHand) < 1e-12, `¾ bottom: ${js64(mirrored, topLit)} vs ${mirroredByHand}`);
});

test('the square is closed: samples on x = 1 or y = 1 count inside', () => {
  const target = imageTarget(raster(1, 1, [1]));
  assert.equal(oos(new Float32Array([1, 1, 0, 0, 1, 0]), target), 0);
  assert.ok(js64(new Float32Array([1, 1]), target) < Math.LN2); // in a cell, not in the outside bin
});

test('oos by hand on a 2×2 raster (row 0 at the top)', () => {
  // Top row: 1, 0.01 (below 2% of the max); bottom row: 0.5, 0.5.
  const target = imageTarget(raster(2, 2, [1, 0.01, 0.5, 0.5]));
  const samples = new Float32Array([
    0.25, 0.75, // top-left, value 1: in
    0.75, 0.75, // top-right, value 0.01: out
    0.25, 0.25, // bottom-left, 0.5: in
    0.75, 0.25, // bottom-right, 0.5: in
    1.5, 0.5, // outside the square: out
    0.6, 0.9, // top-right again: out
    0.5, -0.001, // just below the square: out
    0.49, 0.99, // top-left: in
  ]);
  assert.equal(oos(samples, target), 4 / 8);
  // Exactly 2% of the max is not below it (float64 values: 0.02 has no exact float32).
  const atThreshold = { width: 2, height: 2, values: Float64Array.from([1, 0.02, 0.5, 0.5]) };
  assert.equal(oos(new Float32Array([0.75, 0.75]), imageTarget(atThreshold)), 0);
});

test('oos: the margins of a non-square picture are out of support', () => {
  const target = imageTarget(raster(2, 1, [1, 1])); // spans y in [0.25, 0.75]
  assert.equal(oos(new Float32Array([0.5, 0.1, 0.5, 0.9, 0.5, 0.5, 0.2, 0.3]), target), 2 / 4);
  // Stretched, the same picture fills the square.
  assert.equal(oos(new Float32Array([0.5, 0.1, 0.5, 0.9]), imageTarget(raster(2, 1, [1, 1]), UNIT_SQUARE)), 0);
});

/** A 4×4 picture with a bright blob, some dim pixels below 2% of the max, and empty ones. */
function blobPicture(): DensityRaster {
  return raster(4, 4, [
    0, 0.01, 0.3, 0,
    0.01, 1, 0.8, 0.2,
    0, 0.6, 0.9, 0.01,
    0, 0, 0.4, 0.015,
  ]);
}

test('exact samples of a density score js64 near its floor and oos at the dim pixels\' mass', () => {
  const picture = blobPicture();
  const sampler = pictureTarget('blob', { width: 4, height: 4, values: Float32Array.from(picture.values) });
  const target = imageTarget(picture);
  const n = 20000;
  const floors = imageMetricFloors(target, n, sampler);
  const samples = new Float32Array(2 * n);
  sampler.sample(n, new Rng(99), samples);
  const got = imageMetrics(samples, target);
  assert.ok(got.js64 > 0);
  assert.ok(Math.abs(got.js64 - floors.js64) < 0.1 * floors.js64, `js64 ${got.js64} vs floor ${floors.js64}`);
  // Pixels below 2% of the max (0.02) hold 0.045 of the 4.665 total mass.
  const dimShare = (0.01 + 0.01 + 0.01 + 0.015) / 4.665;
  const standardError = Math.sqrt((dimShare * (1 - dimShare)) / n);
  assert.ok(Math.abs(got.oos - dimShare) < 5 * standardError, `oos ${got.oos} vs ${dimShare}`);
  assert.ok(Math.abs(floors.oos - dimShare) < 5 * standardError);
});

test('a shifted density: js64 and oos as computed by hand, far above their floors', () => {
  // True density: uniform on the left half. Generated: uniform on [0.25, 0.75] × [0, 1].
  const target = imageTarget(raster(2, 1, [1, 0]), UNIT_SQUARE);
  const n = 20000;
  const rng = new Rng(8);
  const samples = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    samples[2 * i] = 0.25 + 0.5 * rng.uniform();
    samples[2 * i + 1] = rng.uniform();
  }
  // Half of each distribution lies where the other has none: JS = ½·(½ ln 2) + ½·(½ ln 2).
  const floorSampler: ExactSampler = {
    sample(count, r, out, offset = 0) {
      for (let i = 0; i < count; i++) {
        out[offset + 2 * i] = 0.5 * r.uniform();
        out[offset + 2 * i + 1] = r.uniform();
      }
    },
  };
  const floors = imageMetricFloors(target, n, floorSampler);
  const got = imageMetrics(samples, target);
  assert.ok(Math.abs(got.js64 - 0.5 * Math.LN2) < 0.01 + 2 * floors.js64, `js64 ${got.js64}`);
  assert.ok(got.js64 > 10 * floors.js64);
  assert.ok(Math.abs(got.oos - 0.5) < 0.02, `oos ${got.oos}`);
  assert.equal(floors.oos, 0);
});

test('floors are cached per (target, source, count) and average the batches they are given', () => {
  const target = imageTarget(blobPicture());
  let calls = 0;
  const inner = pictureTarget('blob', { width: 4, height: 4, values: Float32Array.from(blobPicture().values) });
  const counting: ExactSampler = {
    sample(count, rng, out, offset) {
      calls++;
      inner.sample(count, rng, out, offset);
    },
  };
  const first = imageMetricFloors(target, 500, counting, { repeats: 3 });
  assert.equal(calls, 3);
  assert.equal(first.batches, 3);
  assert.equal(imageMetricFloors(target, 500, counting, { repeats: 3 }), first);
  assert.equal(calls, 3);
  imageMetricFloors(target, 600, counting, { repeats: 3 });
  assert.equal(calls, 6);
  // The same seed gives the same floor from a fresh sampler object.
  const again = imageMetricFloors(target, 500, { sample: (c, r, o, f) => inner.sample(c, r, o, f) }, { repeats: 3 });
  assert.equal(again.js64, first.js64);

  // Precomputed samples: 2,500 points make 2 batches of 1,000 (the rest unused).
  const exact = new Float32Array(5000);
  inner.sample(2500, new Rng(1), exact);
  const fromSamples = imageMetricFloors(target, 1000, exact);
  const a = imageMetrics(exact.subarray(0, 2000), target);
  const b = imageMetrics(exact.subarray(2000, 4000), target);
  assert.equal(fromSamples.batches, 2);
  assert.ok(Math.abs(fromSamples.js64 - (a.js64 + b.js64) / 2) < 1e-15);
  assert.ok(Math.abs(fromSamples.oos - (a.oos + b.oos) / 2) < 1e-15);
});
