import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pictureBox, type Box } from '../../../src/core/density/placement.js';
import { FAR_DISTANCE, farOos } from '../../../src/core/metrics/far-oos.js';
import { oos } from '../../../src/core/metrics/image-metrics.js';
import { imageTarget, isOutOfSupport } from '../../../src/core/metrics/image-target.js';
import type { DensityRaster } from '../../../src/core/metrics/raster.js';
import { Rng } from '../../../src/core/rng.js';

/** Reference: a point is far when it is out of support and more than FAR_DISTANCE from the centre of EVERY in-support pixel (all of them, not just the edge). */
function bruteForceFarOos(points: Float64Array, raster: DensityRaster, box: Box): number {
  const target = imageTarget(raster, box);
  const max = Math.max(...raster.values);
  const centres: [number, number][] = [];
  for (let row = 0; row < raster.height; row++) {
    for (let column = 0; column < raster.width; column++) {
      if (raster.values[row * raster.width + column] < 0.02 * max) continue;
      centres.push([
        box.xMin + ((column + 0.5) / raster.width) * (box.xMax - box.xMin),
        box.yMax - ((row + 0.5) / raster.height) * (box.yMax - box.yMin),
      ]);
    }
  }
  let far = 0;
  for (let i = 0; i < points.length; i += 2) {
    if (!isOutOfSupport(target, points[i], points[i + 1])) continue;
    const nearest = Math.min(...centres.map(([x, y]) => Math.hypot(points[i] - x, points[i + 1] - y)));
    if (nearest > FAR_DISTANCE) far++;
  }
  return far / (points.length / 2);
}

test('far oos equals a brute-force search over every in-support pixel, on random blobs, square and not', () => {
  const rng = new Rng(4, 0);
  for (const [width, height] of [[40, 40], [50, 30], [17, 61]]) {
    // Two random discs and scattered specks, so the support has holes, islands and a border.
    const values = new Float32Array(width * height);
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        const u = column / width;
        const v = row / height;
        const inDisc = (u - 0.3) ** 2 + (v - 0.4) ** 2 < 0.04 || (u - 0.75) ** 2 + (v - 0.7) ** 2 < 0.01;
        values[row * width + column] = inDisc ? 1 : rng.uniform() < 0.01 ? 0.5 : rng.uniform() < 0.3 ? 0.01 : 0;
      }
    }
    const raster = { width, height, values };
    const box = pictureBox(width, height);
    const points = new Float64Array(2 * 3000);
    for (let i = 0; i < points.length; i++) points[i] = -0.1 + 1.2 * rng.uniform();
    const expected = bruteForceFarOos(points, raster, box);
    assert.ok(expected > 0.05, `the case has far points (${expected})`);
    assert.equal(farOos(points, imageTarget(raster, box)), expected, `${width}×${height}`);
  }
});

test('far oos counts a stray by its distance to the support: near ones are edge blur, far ones are not', () => {
  // One bright pixel in the middle of a 64×64 picture: its centre is at (32.5/64, 1 − 32.5/64).
  const values = new Float32Array(64 * 64);
  values[31 * 64 + 32] = 1;
  const target = imageTarget({ width: 64, height: 64, values });
  const cx = 32.5 / 64;
  const cy = 1 - 31.5 / 64;
  const at = (dx: number, dy: number): Float64Array => Float64Array.of(cx + dx, cy + dy);
  assert.equal(farOos(at(0, 0), target), 0, 'on the pixel: in support');
  assert.equal(oos(at(0.9 / 64, 0), target), 1, 'one pixel over is out of support');
  assert.equal(farOos(at(0.9 / 64, 0), target), 0, 'but within 1/64 of the support: not far');
  assert.equal(farOos(at(1.1 / 64, 0), target), 1, 'beyond 1/64: far');
  assert.equal(farOos(at(0.8 / 64, 0.8 / 64), target), 1, 'diagonal: √2·0.8/64 > 1/64');
  assert.equal(farOos(Float64Array.of(2, 2), target), 1, 'outside the square: far');
  // Four points, one far: a quarter.
  assert.equal(farOos(Float64Array.of(cx, cy, cx + 0.5 / 64, cy, cx, cy - 0.5 / 64, 0.9, 0.1), target), 0.25);
});

test('far oos refuses NaN rows and empty input like the other metrics', () => {
  const target = imageTarget({ width: 2, height: 2, values: Float32Array.of(1, 0, 0, 1) });
  assert.throws(() => farOos(Float64Array.of(0.5, Number.NaN), target), /NaN|finite/i);
  assert.throws(() => farOos(new Float64Array(0), target), /empty|no samples|at least/i);
});
