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
