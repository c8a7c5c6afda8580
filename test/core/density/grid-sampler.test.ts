import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import { GridSampler } from '../../../src/core/density/grid-sampler.js';
import { createGrid, type DensityGrid } from '../../../src/core/density/grid.js';

function gridOf(width: number, height: number, values: number[]): DensityGrid {
  const grid = createGrid(width, height);
  grid.values.set(values);
  return grid;
}

/**
 * Pearson's chi-square of observed counts against expected ones over the cells with mass. Under
 * the null it has mean df and standard deviation sqrt(2 df); we allow 5 of those above the mean,
 * a false alarm rate below 1e-4 for any sample count.
 */
function assertChiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): void {
  let chi = 0;
  let df = -1;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === 0) {
      assert.equal(observed[i], 0, `cell ${i} has no mass but got ${observed[i]} samples`);
      continue;
    }
    chi += (observed[i] - expected[i]) ** 2 / expected[i];
    df++;
  }
  assert.ok(chi < df + 5 * Math.sqrt(2 * df), `chi-square ${chi.toFixed(1)} with ${df} degrees of freedom`);
}

test('fillUint32 gives exactly the nextUint32 sequence and leaves the same state', () => {
  const a = new Rng(99, 3);
  const b = new Rng(99, 3);
  const bulk = new Uint32Array(1000);
  a.fillUint32(bulk, 10, 990);
  for (let i = 10; i < 990; i++) assert.equal(bulk[i], b.nextUint32());
  assert.equal(bulk[0], 0);
  assert.equal(a.nextUint32(), b.nextUint32());
  assert.deepEqual(a.getState().s.map((v) => v >>> 0), b.getState().s.map((v) => v >>> 0));
});

test('sampled pixel histogram matches the density (chi-square), zeros never hit', () => {
  // 7 x 5, uneven values with zeros, including a lone bright pixel.
  const values = [
    0, 1, 2, 3, 0, 0, 9,
    0, 0.5, 0.5, 0, 0, 0, 0,
    4, 0, 0, 0, 0.25, 0, 0,
    1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0.01,
  ];
  const grid = gridOf(7, 5, values);
  const sampler = new GridSampler(grid, { stretch: true });
  const n = 400_000;
  const out = new Float32Array(2 * n);
  sampler.sample(n, new Rng(7), out);
  const counts = new Float64Array(values.length);
  let fractionSum = 0;
  for (let i = 0; i < n; i++) {
    const fx = out[2 * i] * 7;
    const fy = out[2 * i + 1] * 5;
    const col = Math.min(6, Math.floor(fx));
    const rowFromBottom = Math.min(4, Math.floor(fy));
    counts[(4 - rowFromBottom) * 7 + col]++; // row 0 of the grid is the top
    fractionSum += fx - col + (fy - rowFromBottom);
  }
  const total = values.reduce((a, b) => a + b, 0);
  assertChiSquare(counts, values.map((v) => (v / total) * n));
  // Within its pixel a point is uniform: the mean of 2n fractions is 1/2 (sd 0.289 / sqrt(2n)).
  assert.ok(Math.abs(fractionSum / (2 * n) - 0.5) < (5 * 0.289) / Math.sqrt(2 * n));
});

test('orientation: mass only in the top-left quarter gives x < 0.5 and y > 0.5', () => {
  const grid = createGrid(4, 4);
  for (const index of [0, 1, 4, 5]) grid.values[index] = 1; // rows 0-1 (top), columns 0-1 (left)
  const out = new Float32Array(2 * 5000);
  new GridSampler(grid).sample(5000, new Rng(1), out);
  for (let i = 0; i < 5000; i++) {
    assert.ok(out[2 * i] >= 0 && out[2 * i] <= 0.5, `x = ${out[2 * i]}`);
    assert.ok(out[2 * i + 1] >= 0.5 && out[2 * i + 1] <= 1, `y = ${out[2 * i + 1]}`);
  }
});

test('aspect: a wide picture is centred vertically, a tall one horizontally; stretch fills the square', () => {
  const n = 20_000;
  const cases = [
    { width: 8, height: 4, stretch: false, box: [0, 1, 0.25, 0.75] },
    { width: 2, height: 6, stretch: false, box: [1 / 3, 2 / 3, 0, 1] },
    { width: 8, height: 4, stretch: true, box: [0, 1, 0, 1] },
  ];
  for (const { width, height, stretch, box } of cases) {
    const grid = createGrid(width, height);
    grid.values.fill(1);
    const sampler = new GridSampler(grid, { stretch });
    const [xMin, xMax, yMin, yMax] = box;
    assert.ok(Math.abs(sampler.box.xMin - xMin) < 1e-12 && Math.abs(sampler.box.yMax - yMax) < 1e-12);
    const out = new Float32Array(2 * n);
    sampler.sample(n, new Rng(2), out);
    let lowX = Infinity, highX = -Infinity, lowY = Infinity, highY = -Infinity;
    for (let i = 0; i < n; i++) {
      lowX = Math.min(lowX, out[2 * i]);
      highX = Math.max(highX, out[2 * i]);
      lowY = Math.min(lowY, out[2 * i + 1]);
      highY = Math.max(highY, out[2 * i + 1]);
    }
    // The extremes of 20,000 uniform points are within 1e-3 of the edges of the box (a 1e-8 chance otherwise).
    const tolerance = 1e-3;
    assert.ok(lowX >= Math.fround(xMin) && lowX < xMin + tolerance, `${width}x${height} low x ${lowX}`);
    assert.ok(highX <= Math.fround(xMax) && highX > xMax - tolerance, `${width}x${height} high x ${highX}`);
    assert.ok(lowY >= Math.fround(yMin) && lowY < yMin + tolerance, `${width}x${height} low y ${lowY}`);
    assert.ok(highY <= Math.fround(yMax) && highY > yMax - tolerance, `${width}x${height} high y ${highY}`);
  }
});

test('a single lit pixel: every sample inside it', () => {
  const grid = createGrid(10, 10);
  grid.values[3 * 10 + 7] = 0.2; // row 3 from the top, column 7
  const out = new Float32Array(2 * 1000);
  new GridSampler(grid).sample(1000, new Rng(4), out);
  for (let i = 0; i < 1000; i++) {
    assert.ok(out[2 * i] >= 0.7 && out[2 * i] <= 0.8);
    assert.ok(out[2 * i + 1] >= 0.6 && out[2 * i + 1] <= 0.7); // rows from the bottom: 6
  }
});

test('same seed, same samples; four draws a sample; offset writes only its range', () => {
  const grid = gridOf(3, 2, [1, 2, 3, 0, 5, 6]);
  const sampler = new GridSampler(grid);
  const a = new Float32Array(200);
  const b = new Float32Array(220);
  const rngA = new Rng(5);
  const rngB = new Rng(5);
  sampler.sample(100, rngA, a);
  sampler.sample(100, rngB, b, 20);
  assert.deepEqual(Array.from(b.subarray(20)), Array.from(a));
  assert.deepEqual(Array.from(b.subarray(0, 20)), new Array(20).fill(0));
  const reference = new Rng(5);
  for (let i = 0; i < 400; i++) reference.nextUint32();
  assert.equal(rngA.nextUint32(), reference.nextUint32());
});

test('refuses grids with no mass and outputs that are too small', () => {
  assert.throws(() => new GridSampler(createGrid(3, 3)), /no mass/);
  const sampler = new GridSampler(gridOf(1, 1, [1]));
  assert.throws(() => sampler.sample(5, new Rng(1), new Float32Array(9)), /too small/);
});
