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

/** Whether each frequency is twice the one before (as geometricFrequencies makes them): the double-angle path applies. */
function isOctaveLadder(frequencies: ArrayLike<number>): boolean {
  for (let k = 1; k < frequencies.length; k++) if (frequencies[k] !== 2 * frequencies[k - 1]) return false;
  return true;
}

/**
 * For each row r of `values` (rows × inputs, row-major), writes into out[r · stride + offset …]
 * the features of each input i, frequency k: sin(f_k · v), then cos(f_k · v), input after input.
 *
 * When each frequency doubles the last (every caller's), only the lowest's sin and cos are
 * computed and each octave follows by the double-angle formulas (sin 2a = 2 sin a cos a,
 * cos 2a = cos² a − sin² a): Math.sin and Math.cos were a third of a D step's time with
 * `--d-fourier 6`. In float64 the doubling's error grows as 2^k rounding units, under 10⁻¹² at
 * 12 octaves, far below the float32 columns' resolution.
 */
export function sinusoidalFeatures(
  values: ArrayLike<number>, rows: number, inputs: number, frequencies: ArrayLike<number>,
  out: Float32Array, stride: number, offset: number,
): void {
  const count = frequencies.length;
  if (count === 0) return;
  const doubling = isOctaveLadder(frequencies);
  const lowest = frequencies[0];
  for (let r = 0; r < rows; r++) {
    let to = r * stride + offset;
    for (let i = 0; i < inputs; i++) {
      const v = values[r * inputs + i];
      if (doubling) {
        let sin = Math.sin(lowest * v), cos = Math.cos(lowest * v);
        out[to++] = sin;
        out[to++] = cos;
        for (let k = 1; k < count; k++) {
          const next = 2 * sin * cos;
          cos = (cos - sin) * (cos + sin);
          sin = next;
          out[to++] = sin;
          out[to++] = cos;
        }
      } else {
        for (let k = 0; k < count; k++) {
          const angle = frequencies[k] * v;
          out[to++] = Math.sin(angle);
          out[to++] = Math.cos(angle);
        }
      }
    }
  }
}
