// Shared by the wasm-*.test.ts files: seeded inputs and float32 comparisons with stated bounds.
import assert from 'node:assert/strict';
import { Rng } from '../../src/core/rng.js';

/** The float32 unit roundoff (half an ulp of 1). */
export const U32 = 2 ** -24;

/** Fills `out` with seeded uniforms in [low, high). */
export function fillUniform(out: Float32Array, seed: number, low = -1, high = 1): void {
  const rng = new Rng(seed);
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * rng.uniform();
}

const bits = new Int32Array(1);
const floats = new Float32Array(bits.buffer);

/** Position of a float32 on the number line of all float32s (monotone, −0 and +0 both 0). */
function ordinal(x: number): number {
  floats[0] = x;
  const b = bits[0];
  return b < 0 ? -(b & 0x7fffffff) : b;
}

/** Distance in units in the last place between two float32 values (NaN counts as infinitely far). */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return Math.abs(ordinal(a) - ordinal(b));
}

/** Every element within maxUlp of the expected one. */
export function assertWithinUlp(actual: Float32Array, expected: Float32Array, maxUlp: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: lengths`);
  for (let i = 0; i < actual.length; i++) {
    const distance = ulpDistance(actual[i], expected[i]);
    if (distance > maxUlp) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (${distance} ulp apart, at most ${maxUlp} allowed)`);
    }
  }
}

/** Bit-for-bit equality of two float32 arrays. */
export function assertSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) assert.fail(`${what}: element ${i} is ${actual[i]}, expected exactly ${expected[i]}`);
  }
}

/**
 * |actual − expected| <= bound[i] for every element, where `bound` comes from a rounding-error
 * analysis of the computation (see the callers).
 */
export function assertWithinBounds(actual: Float32Array, expected: Float32Array, bound: Float64Array, what: string): void {
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= bound[i])) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} ± ${bound[i]}`);
    }
  }
}

/**
 * Rounding bound for C = op(A)·op(B) (+ C0) computed two ways in float32 with different
 * summation orders: each is within (k + 2)·u·(|C0| + Σ_p |a_ip·b_pj|) of the exact value.
 */
export function gemmBound(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, b: Float32Array, c0: Float32Array | null,
): Float64Array {
  const bound = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let magnitude = c0 === null ? 0 : Math.abs(c0[i * n + j]);
      for (let p = 0; p < k; p++) {
        const x = transA ? a[p * m + i] : a[i * k + p];
        const y = transB ? b[j * k + p] : b[p * n + j];
        magnitude += Math.abs(x * y);
      }
      bound[i * n + j] = 2 * (k + 2) * U32 * magnitude;
    }
  }
  return bound;
}
