/**
 * An MLP that sees its input through a sinusoidal embedding (ops/sinusoidal-embedding.ts),
 * after an optional fixed scale: forward(x) = Mlp(embed(inputScale · x)). Everything that runs
 * it (training, R1, generation, the page's probes of D's surface) gives it raw points.
 *
 * Its frequency bands can be opened coarse to fine (setOpenBands): band k's sin and cos columns
 * are multiplied by a weight that rises from 0 to 1 as the open count passes from k to k + 1
 * (the windowed encoding of Park et al. 2021, Nerfies; BARF's, Lin et al. 2021). A network
 * that starts on its raw coordinates alone pulls from afar before it resolves fine detail.
 */
import { Mlp, type MlpConfig } from './mlp.js';
import type { Engine } from './engine.js';
import type { Rng } from '../rng.js';
import { mul, scale } from './ops/elementwise.js';
import { embeddingWidth, sinusoidalEmbedding } from './ops/sinusoidal-embedding.js';
import { Var } from './tape.js';

/** Band k's weight when `open` bands are open (0 ≤ open ≤ count): 0 below k, a half-cosine ramp to 1 at k + 1. */
export function bandWeight(open: number, k: number): number {
  const t = Math.min(1, Math.max(0, open - k));
  return (1 - Math.cos(Math.PI * t)) / 2;
}

export class EmbeddedMlp extends Mlp {
  /** Bands open, from 0 (raw coordinates only) to the frequency count (all: the plain embedding). */
  private open: number;
  /** The embedding's column weights for the current `open`, made on first use for an input count (null: not yet made). */
  private window: Float32Array | null = null;

  /** `config.sizes[0]` is the embedding's width (plus any condition columns), not the raw input's. */
  constructor(engine: Engine, config: MlpConfig, rng: Rng, readonly frequencies: Float64Array, readonly inputScale = 1) {
    super(engine, config, rng);
    this.open = frequencies.length;
  }

  get openBands(): number {
    return this.open;
  }

  /** Opens `open` of the bands (clamped to [0, frequency count]); fractional values ramp the next band in. */
  setOpenBands(open: number): void {
    const count = this.frequencies.length;
    const clamped = Math.min(count, Math.max(0, open));
    if (clamped === this.open) return;
    this.open = clamped;
    this.window = null;
  }

  /** The embedding's column weights for rows of `inputs` values: 1 on the raw columns, bandWeight on each band's sin and cos. */
  private windowFor(inputs: number): Float32Array {
    const count = this.frequencies.length;
    const width = embeddingWidth(inputs, count);
    if (this.window !== null && this.window.length === width) return this.window;
    const window = new Float32Array(width).fill(1);
    for (let i = 0; i < inputs; i++) {
      for (let k = 0; k < count; k++) {
        const column = inputs + 2 * count * i + 2 * k;
        window[column] = window[column + 1] = bandWeight(this.open, k);
      }
    }
    this.window = window;
    return window;
  }

  private embed(x: Var): Var {
    const embedded = sinusoidalEmbedding(this.inputScale === 1 ? x : scale(x, this.inputScale), this.frequencies);
    if (this.open >= this.frequencies.length) return embedded;
    const window = this.windowFor(x.cols);
    return mul(embedded, Var.from(this.engine, 1, window.length, window));
  }

  override forward(x: Var): Var {
    return super.forward(this.embed(x));
  }

  override forwardConditioned(x: Var, oneHot: Var | (() => Var), rowsPerCondition: readonly number[]): Var {
    return super.forwardConditioned(this.embed(x), oneHot, rowsPerCondition);
  }
}
