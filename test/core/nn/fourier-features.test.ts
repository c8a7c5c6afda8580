// The fixed sinusoidal features: frequencies and the features laid out in their columns, against values worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geometricFrequencies, sinusoidalFeatures, sinusoidalWidth } from '../../../src/core/nn/fourier-features.js';

test('frequencies double from the lowest', () => {
  assert.deepEqual([...geometricFrequencies(4, 0.5)], [0.5, 1, 2, 4]);
  assert.equal(geometricFrequencies(0, 1).length, 0);
  assert.throws(() => geometricFrequencies(1.5, 1), RangeError);
});

test('features: sin then cos per frequency, input after input, at the row stride and offset', () => {
  const half = Math.PI / 2;
  // Two rows of two inputs; frequencies π/2 and π; one spare column before and after the features.
  const values = [0.5, 1, -1, 0];
  const stride = 1 + sinusoidalWidth(2, 2) + 1;
  assert.equal(sinusoidalWidth(2, 2), 8);
  const out = new Float32Array(2 * stride).fill(7);
  sinusoidalFeatures(values, 2, 2, [half, Math.PI], out, stride, 1);
  const r = Math.SQRT1_2; // sin(π/4) = cos(π/4)
  const expected = [
    7, r, r, 1, 0, /* input 1 = 1: */ 1, 0, 0, -1, 7,
    7, -1, 0, 0, -1, /* input 0: */ 0, 1, 0, 1, 7,
  ];
  expected.forEach((value, i) => assert.ok(Math.abs(out[i] - value) < 1e-7, `column ${i}: ${out[i]} vs ${value}`));
});

test('octave ladders by the double-angle formulas agree with Math.sin and Math.cos to float32 resolution, 12 octaves, wide values', () => {
  const frequencies = geometricFrequencies(12, Math.PI / 2);
  const rows = 2000;
  const values = Array.from({ length: rows }, (_, r) => (r - rows / 2) * 0.00731 + Math.sin(r) * 1e-3); // −7.3 … 7.3
  const width = sinusoidalWidth(1, 12);
  const out = new Float32Array(rows * width);
  sinusoidalFeatures(values, rows, 1, frequencies, out, width, 0);
  let worst = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < 12; k++) {
      const angle = frequencies[k] * values[r];
      worst = Math.max(worst, Math.abs(out[r * width + 2 * k] - Math.sin(angle)), Math.abs(out[r * width + 2 * k + 1] - Math.cos(angle)));
    }
  }
  assert.ok(worst < 1e-7, `largest difference ${worst}`); // float32 rounds [−1, 1] to within 6·10⁻⁸
});

test('frequencies that are not octaves are computed one by one', () => {
  const out = new Float32Array(4);
  sinusoidalFeatures([0.5], 1, 1, [1, 3], out, 4, 0);
  const expected = [Math.sin(0.5), Math.cos(0.5), Math.sin(1.5), Math.cos(1.5)];
  expected.forEach((value, i) => assert.ok(Math.abs(out[i] - value) < 1e-7, `column ${i}: ${out[i]} vs ${value}`));
});
