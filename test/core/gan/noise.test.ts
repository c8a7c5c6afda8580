import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import { fillNormals } from '../../../src/core/gan/noise.js';

/** Φ(x) from erf by Abramowitz & Stegun 7.1.26 (error below 1.5e-7, far under the test's tolerance). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

test('the ziggurat draws standard normals: moments, tails and the whole CDF (Kolmogorov–Smirnov)', () => {
  const n = 400_000;
  const values = new Float64Array(n);
  fillNormals(new Rng(2024, 9), values);
  let sum = 0;
  let squares = 0;
  let beyond3 = 0;
  let beyondR = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
    if (Math.abs(v) > 3) beyond3++;
    if (Math.abs(v) > 3.442619855899) beyondR++; // only the tail branch produces these
  }
  const mean = sum / n;
  const variance = squares / n - mean * mean;
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.01, `variance ${variance}`);
  // P(|z| > 3) = 0.0027 (1080 expected, sd ~33); P(|z| > 3.4426) = 5.76e-4 (230, sd ~15).
  assert.ok(Math.abs(beyond3 - 1080) < 150, `beyond 3: ${beyond3}`);
  assert.ok(Math.abs(beyondR - 230) < 75, `beyond the base layer: ${beyondR}`);

  const sorted = Float64Array.from(values).sort();
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf(sorted[i]);
    distance = Math.max(distance, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
  }
  // The 1% critical value of the KS statistic is 1.63 / √n.
  assert.ok(distance < 1.63 / Math.sqrt(n), `KS distance ${distance}`);
});

test('the same Rng state gives the same normals; the state moves on', () => {
  const a = new Float32Array(1001);
  const b = new Float32Array(1001);
  const rng = new Rng(5);
  const saved = rng.getState();
  fillNormals(rng, a);
  fillNormals(Rng.fromState(saved), b);
  assert.deepEqual(a, b);
  const c = new Float32Array(1001);
  fillNormals(rng, c);
  assert.notDeepEqual(a, c);
  // A part of an array: the rest is left alone.
  const d = new Float32Array(10).fill(7);
  fillNormals(new Rng(1), d, 2, 5);
  assert.deepEqual(Array.from(d.subarray(0, 2)), [7, 7]);
  assert.deepEqual(Array.from(d.subarray(5)), [7, 7, 7, 7, 7]);
});
