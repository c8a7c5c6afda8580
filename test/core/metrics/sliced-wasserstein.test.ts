import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slicedDirections, slicedWasserstein1, wasserstein1D } from '../../../src/core/metrics/sliced-wasserstein.js';
import { Rng } from '../../../src/core/rng.js';

/** W1 the other way: ∫ |F_a(x) − F_b(x)| dx over the merged support (CDFs, not quantiles). */
function w1ByCdf(a: number[], b: number[]): number {
  const points = [...a, ...b].sort((u, v) => u - v);
  const cdf = (s: number[], x: number): number => s.filter((v) => v <= x).length / s.length;
  let sum = 0;
  for (let i = 0; i + 1 < points.length; i++) sum += Math.abs(cdf(a, points[i]) - cdf(b, points[i])) * (points[i + 1] - points[i]);
  return sum;
}

function meanAbs(values: Float64Array, f: (angle: number) => number): number {
  let sum = 0;
  for (const v of values) sum += Math.abs(f(v));
  return sum / values.length;
}

function randomPoints(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) out[i] = rng.normal() * (i % 2 === 0 ? 2 : 0.5);
  return out;
}

test('1D W1 of unequal sorted samples, by hand: [0,1,2] vs [0,3] = 5/6', () => {
  // Quantiles: on (1/3,1/2] 1 vs 0, on (1/2,2/3] 1 vs 3, on (2/3,1] 2 vs 3.
  assert.ok(Math.abs(wasserstein1D([0, 1, 2], [0, 3]) - 5 / 6) < 1e-15);
  assert.equal(wasserstein1D([4], [4]), 0);
  assert.equal(wasserstein1D([0], [0, 1]), 0.5);
});

test('1D W1 agrees with the CDF integral on random samples of unequal sizes', () => {
  const rng = new Rng(21);
  for (const [n, m] of [[1, 7], [13, 13], [20, 31], [50, 3]]) {
    const a = Array.from({ length: n }, () => rng.normal()).sort((u, v) => u - v);
    const b = Array.from({ length: m }, () => 0.5 + 2 * rng.uniform()).sort((u, v) => u - v);
    assert.ok(Math.abs(wasserstein1D(a, b) - w1ByCdf(a, b)) < 1e-12, `${n} vs ${m}`);
  }
});

test('directions: evenly spaced over a half turn with a seeded offset', () => {
  const angles = slicedDirections(16, 7);
  assert.equal(angles.length, 16);
  assert.ok(angles[0] >= 0 && angles[0] < Math.PI / 16);
  for (let k = 1; k < 16; k++) assert.ok(Math.abs(angles[k] - angles[k - 1] - Math.PI / 16) < 1e-12);
  assert.deepEqual(slicedDirections(16, 7), angles);
  assert.notDeepEqual(slicedDirections(16, 8), angles);
});

test('a set against itself shifted by (d, 0): d·mean|cos θ| over the directions, ≈ 2d/π', () => {
  const points = randomPoints(500, 1);
  for (const [dx, dy] of [[0.7, 0], [0, 3], [1, -2]]) {
    const shifted = points.map((v, i) => v + (i % 2 === 0 ? dx : dy));
    for (const projections of [1, 8, 128]) {
      const expected = meanAbs(slicedDirections(projections, 0), (t) => dx * Math.cos(t) + dy * Math.sin(t));
      const got = slicedWasserstein1(points, shifted, { projections });
      assert.ok(Math.abs(got - expected) < 1e-9 * (1 + expected), `${dx},${dy} P=${projections}: ${got} vs ${expected}`);
    }
    // E|cos θ| = 2/π for a uniform direction; 128 evenly spaced ones are within 0.01%.
    const exactMean = (2 / Math.PI) * Math.hypot(dx, dy);
    assert.ok(Math.abs(slicedWasserstein1(points, shifted) - exactMean) < 1e-3 * exactMean);
  }
});

test('sliced W1: unequal sizes, symmetry, identity, seed', () => {
  const single = new Float32Array([0, 0]);
  const pair = new Float32Array([0, 0, 1, 0]);
  const angles = slicedDirections(32, 5);
  const expected = 0.5 * meanAbs(angles, Math.cos);
  assert.ok(Math.abs(slicedWasserstein1(single, pair, { projections: 32, seed: 5 }) - expected) < 1e-12);
  const a = randomPoints(300, 2);
  const b = randomPoints(170, 3).map((v) => v + 0.3);
  assert.equal(slicedWasserstein1(a, b), slicedWasserstein1(b, a));
  assert.equal(slicedWasserstein1(a, a), 0);
  assert.equal(slicedWasserstein1(a, b, { seed: 4 }), slicedWasserstein1(a, b, { seed: 4 }));
  assert.notEqual(slicedWasserstein1(a, b, { seed: 4 }), slicedWasserstein1(a, b, { seed: 5 }));
});
