import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianBlur, gaussianKernel, histogram2d, smoothedHistogram } from '../../../src/core/render/histogram.js';
import { Rng } from '../../../src/core/rng.js';

const bounds = { xMin: -1, xMax: 2, yMin: 0, yMax: 1.5 };

test('histogram2d counts each point in its cell (row 0 at the top), checked by testing every cell', () => {
  const rng = new Rng(11);
  const count = 3000;
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    // A little beyond the bounds on every side, so some points fall outside.
    points[2 * i] = -1.3 + 3.6 * rng.uniform();
    points[2 * i + 1] = -0.2 + 1.9 * rng.uniform();
  }
  // Points exactly on the corners and edges.
  points.set([-1, 0, 2, 1.5, 2, 0, -1, 1.5, 0.5, 1.5], 0);
  const width = 7;
  const height = 5;
  const grid = histogram2d(points, bounds, width, height);

  // The other way: for every cell, count the points inside its limits (closed at the top/right edge of the grid).
  const cellWidth = (bounds.xMax - bounds.xMin) / width;
  const cellHeight = (bounds.yMax - bounds.yMin) / height;
  let inside = 0;
  for (let row = 0; row < height; row++) {
    // The grid's own edges exactly (summing cell sizes would miss them by a rounding error).
    const yTop = row === 0 ? bounds.yMax : bounds.yMax - row * cellHeight;
    const yBottom = bounds.yMax - (row + 1) * cellHeight;
    for (let column = 0; column < width; column++) {
      const xLeft = bounds.xMin + column * cellWidth;
      const xRight = column === width - 1 ? bounds.xMax : bounds.xMin + (column + 1) * cellWidth;
      let expected = 0;
      for (let i = 0; i < count; i++) {
        const x = points[2 * i];
        const y = points[2 * i + 1];
        const inX = x >= xLeft && (x < xRight || (column === width - 1 && x <= xRight));
        const inY = y >= yBottom && (y < yTop || (row === 0 && y <= yTop));
        if (inX && inY) expected++;
      }
      assert.equal(grid[row * width + column], expected, `cell row ${row} column ${column}`);
      inside += expected;
    }
  }
  const total = grid.reduce((sum, value) => sum + value, 0);
  assert.equal(total, inside);
  assert.ok(total < count, 'points outside the bounds are not counted');
  // The corner (-1, 1.5) is the top-left cell; (2, 0) the bottom-right one.
  assert.ok(grid[0] >= 1 && grid[width * height - 1] >= 1);
});

test('NaN points are skipped and a single point lands in the cell expected', () => {
  const grid = histogram2d(new Float32Array([NaN, 0.5, 0.15, 0.95]), { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 10);
  assert.equal(grid.reduce((sum, value) => sum + value, 0), 1);
  assert.equal(grid[0 * 10 + 1], 1, 'x 0.15, y 0.95: column 1 of the top row');
});

test('gaussianBlur equals a direct 2D convolution with a Gaussian, cut at 3 sigma, outside empty', () => {
  const rng = new Rng(3);
  const width = 13;
  const height = 9;
  const grid = Float32Array.from({ length: width * height }, () => (rng.uniform() < 0.3 ? rng.int(5) : 0));
  for (const sigma of [0.7, 1.5]) {
    const blurred = gaussianBlur(grid, width, height, sigma);
    const radius = Math.ceil(3 * sigma);
    // Direct: every output cell sums every input cell within the square window, weighted by the 2D Gaussian.
    let norm = 0;
    for (let dy = -radius; dy <= radius; dy++) for (let dx = -radius; dx <= radius; dx++) norm += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        let sum = 0;
        for (let dy = -radius; dy <= radius; dy++) {
          for (let dx = -radius; dx <= radius; dx++) {
            const r = row + dy;
            const c = column + dx;
            if (r < 0 || c < 0 || r >= height || c >= width) continue;
            sum += grid[r * width + c] * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
          }
        }
        assert.ok(Math.abs(blurred[row * width + column] - sum / norm) < 1e-5, `sigma ${sigma} cell ${row},${column}`);
      }
    }
  }
});

test('blurring keeps the mass of a point far from the edges, and sigma 0 is the identity', () => {
  const size = 31;
  const grid = new Float32Array(size * size);
  grid[15 * size + 15] = 10;
  const blurred = gaussianBlur(grid, size, size, 2);
  assert.ok(Math.abs(blurred.reduce((s, v) => s + v, 0) - 10) < 1e-4);
  assert.ok(blurred[15 * size + 15] < 10 && blurred[15 * size + 16] > 0);
  // Symmetric around the point.
  assert.ok(Math.abs(blurred[15 * size + 12] - blurred[15 * size + 18]) < 1e-6);
  assert.ok(Math.abs(blurred[12 * size + 15] - blurred[15 * size + 12]) < 1e-6);
  assert.deepEqual(gaussianBlur(grid, size, size, 0), grid);
  const kernel = gaussianKernel(1);
  assert.equal(kernel.length, 7);
  assert.ok(Math.abs(kernel.reduce((s, v) => s + v, 0) - 1) < 1e-12);
});

test('smoothedHistogram is the blurred histogram; bad sizes are refused', () => {
  const points = new Float32Array([0.5, 0.5, 0.2, 0.3]);
  const unit = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
  assert.deepEqual(smoothedHistogram(points, unit, 16, 1), gaussianBlur(histogram2d(points, unit, 16), 16, 16, 1));
  assert.throws(() => histogram2d(points, unit, 0), /grid size/);
  assert.throws(() => histogram2d(points, { xMin: 1, xMax: 0, yMin: 0, yMax: 1 }, 4), /bounds/);
  assert.throws(() => gaussianBlur(new Float32Array(3), 2, 2, 1), /grid has 3 cells/);
  assert.throws(() => gaussianBlur(new Float32Array(4), 2, 2, -1), /sigma/);
});

test('paintDensity in area mode shows each pixel the mean of the grid under it, scaled to the panel maximum', async () => {
  const { paintDensity } = await import('../../../src/core/render/density-image.js');
  // A grey ramp of 256 steps, so step k is the colour (k, k, k) and colours can be read back as numbers.
  const ramp = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) ramp.set([k, k, k, 255], k * 4);
  // 4×4 grid shown in 2×2 pixels: each pixel covers a 2×2 block.
  const values = Float32Array.from([
    1, 3, 0, 0,
    5, 7, 0, 8,
    0, 0, 2, 2,
    0, 0, 2, 2,
  ]);
  const buffer = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
  paintDensity(buffer, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, { width: 4, height: 4, values }, ramp, { interpolation: 'area' });
  const means = [4, 2, 0, 2]; // top-left, top-right, bottom-left, bottom-right
  const shown = [0, 1, 2, 3].map((pixel) => buffer.data[pixel * 4]);
  assert.deepEqual(shown, means.map((mean) => Math.round((mean / 4) * 255)));

  // A raster covering only the left half of the panel: the right half shows no mass.
  const half = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
  paintDensity(half, { xMin: 0, xMax: 2, yMin: 0, yMax: 1 }, { width: 1, height: 1, values: Float32Array.of(3), bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 } }, ramp, { interpolation: 'area' });
  assert.deepEqual([0, 1, 2, 3].map((pixel) => half.data[pixel * 4]), [255, 0, 255, 0]);
});
