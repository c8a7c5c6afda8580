/**
 * Fixed sinusoidal features of a network's inputs, computed outside the tape (they have no
 * weights, and nothing differentiates through them): sin(f·v) and cos(f·v) at frequencies
 * f = lowest · 2^k, k = 0 … count − 1. An MLP on raw 2D coordinates is slow to learn sharp,
 * thin structure (its spectral bias, Tancik et al. 2020, "Fourier features let networks
 * learn high frequency functions"); these features hand it the high frequencies directly.
 * The flow uses them for time (its sinusoidal embedding) and for points; any model family may.
 */

/** The frequencies lowest · 2^k for k = 0 … count − 1. */
export function geometricFrequencies(count: number, lowest: number): Float64Array {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`geometricFrequencies: count must be a whole number, got ${count}`);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = lowest * 2 ** k;
  return out;
}

/** Columns that sinusoidalFeatures writes for `inputs` values and `frequencies.length` frequencies. */
export function sinusoidalWidth(inputs: number, frequencyCount: number): number {
  return 2 * inputs * frequencyCount;
}

/**
 * For each row r of `values` (rows × inputs, row-major), writes into out[r · stride + offset …]
 * the features of each input i, frequency k: sin(f_k · v), then cos(f_k · v), input after input.
 */
export function sinusoidalFeatures(
  values: ArrayLike<number>, rows: number, inputs: number, frequencies: ArrayLike<number>,
  out: Float32Array, stride: number, offset: number,
): void {
  const count = frequencies.length;
  for (let r = 0; r < rows; r++) {
    let to = r * stride + offset;
    for (let i = 0; i < inputs; i++) {
      const v = values[r * inputs + i];
      for (let k = 0; k < count; k++) {
        const angle = frequencies[k] * v;
        out[to++] = Math.sin(angle);
        out[to++] = Math.cos(angle);
      }
    }
  }
}
