/**
 * Standard normals in bulk for G's noise, by the ziggurat method (Marsaglia & Tsang 2000,
 * 128 layers): most draws cost one 32-bit random integer, a table look-up, a compare and a
 * multiply, several times faster than Box–Muller. Unlike the original, the layer index
 * (low 7 bits) and the signed value (high 25 bits) come from disjoint bits of the draw,
 * which avoids the correlation Doornik (2005) pointed out. Random integers come in blocks
 * from Rng.fillUint32, so a checkpointed Rng state fixes the noise exactly.
 */
import type { Rng } from '../rng.js';

const LAYERS = 128;
/** Right edge of the base layer, and the volume of each layer (Marsaglia & Tsang's constants). */
const R = 3.442619855899;
const VOLUME = 9.91256303526217e-3;
/** The value part of a draw is a signed 25-bit integer in [-2^24, 2^24). */
const SCALE = 2 ** 24;

/** Per layer: the integer threshold below which a draw is inside the layer's rectangle, the value scale, and the density at the layer's edge. */
const threshold = new Float64Array(LAYERS);
const width = new Float64Array(LAYERS);
const edge = new Float64Array(LAYERS);
{
  let x = R;
  const q = VOLUME / Math.exp(-0.5 * x * x);
  threshold[0] = (x / q) * SCALE;
  threshold[1] = 0;
  width[0] = q / SCALE;
  width[LAYERS - 1] = x / SCALE;
  edge[0] = 1;
  edge[LAYERS - 1] = Math.exp(-0.5 * x * x);
  for (let i = LAYERS - 2; i >= 1; i--) {
    const next = Math.sqrt(-2 * Math.log(VOLUME / x + Math.exp(-0.5 * x * x)));
    threshold[i + 1] = (next / x) * SCALE;
    x = next;
    edge[i] = Math.exp(-0.5 * x * x);
    width[i] = x / SCALE;
  }
}

const BLOCK = 2048;
const TWO_POW_MINUS_32 = 2 ** -32;

/** A block of random integers drawn ahead, used in order; refilled as it runs out. */
class Draws {
  private readonly words = new Uint32Array(BLOCK);
  private next = BLOCK;

  constructor(private readonly rng: Rng, count: number) {
    this.refill(count);
  }

  /** Draws exactly `count` words (fewer than a block when little is needed), so no draw is wasted. */
  private refill(count: number): void {
    const n = Math.min(BLOCK, Math.max(1, count));
    this.rng.fillUint32(this.words, BLOCK - n, BLOCK);
    this.next = BLOCK - n;
  }

  take(stillNeeded: number): number {
    if (this.next === BLOCK) this.refill(stillNeeded);
    return this.words[this.next++];
  }

  /** Uniform in (0, 1]: keeps logarithms finite. */
  uniform(): number {
    return (this.take(1) + 1) * TWO_POW_MINUS_32;
  }
}

/** One normal from the layers' edges or the tail: the rare slow path (about 1 draw in 80). */
function slowPath(draws: Draws, first: number): number {
  let word = first;
  for (;;) {
    const layer = word & (LAYERS - 1);
    const value = word >> 7; // signed, from the high 25 bits
    const x = value * width[layer];
    if (layer === 0) {
      // The tail beyond R (Marsaglia's method for the normal tail).
      let tail: number;
      let y: number;
      do {
        tail = -Math.log(draws.uniform()) / R;
        y = -Math.log(draws.uniform());
      } while (y + y < tail * tail);
      return value >= 0 ? R + tail : -R - tail;
    }
    if (edge[layer] + draws.uniform() * (edge[layer - 1] - edge[layer]) < Math.exp(-0.5 * x * x)) return x;
    word = draws.take(1);
    const nextLayer = word & (LAYERS - 1);
    const nextValue = word >> 7;
    if (Math.abs(nextValue) < threshold[nextLayer]) return nextValue * width[nextLayer];
  }
}

/** Fills out[start..end) with standard normals. */
export function fillNormals(rng: Rng, out: Float32Array | Float64Array, start = 0, end = out.length): void {
  const draws = new Draws(rng, end - start);
  for (let i = start; i < end; i++) {
    const word = draws.take(end - i);
    const layer = word & (LAYERS - 1);
    const value = word >> 7;
    out[i] = Math.abs(value) < threshold[layer] ? value * width[layer] : slowPath(draws, word);
  }
}
