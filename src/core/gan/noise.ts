/**
 * Standard normals in bulk for G's noise: Box–Muller on pairs of 32-bit uniforms drawn
 * in blocks with Rng.fillUint32, several times faster than Rng.normal() one by one. The
 * 32-bit resolution bounds |z| below 6.7, far beyond anything a batch ever draws.
 */
import type { Rng } from '../rng.js';

const BLOCK_PAIRS = 1024;
const TWO_POW_MINUS_32 = 2 ** -32;
const TWO_PI = 2 * Math.PI;
const draws = new Uint32Array(2 * BLOCK_PAIRS);

/** Fills out[start..end) with standard normals (both values of each pair used; an odd count drops the last sine). */
export function fillNormals(rng: Rng, out: Float32Array, start = 0, end = out.length): void {
  let i = start;
  while (i < end) {
    const pairs = Math.min(BLOCK_PAIRS, Math.ceil((end - i) / 2));
    rng.fillUint32(draws, 0, 2 * pairs);
    for (let p = 0; p < pairs; p++) {
      // u in (0, 1] keeps the logarithm finite.
      const radius = Math.sqrt(-2 * Math.log((draws[2 * p] + 1) * TWO_POW_MINUS_32));
      const angle = TWO_PI * draws[2 * p + 1] * TWO_POW_MINUS_32;
      out[i++] = radius * Math.cos(angle);
      if (i < end) out[i++] = radius * Math.sin(angle);
    }
  }
}
