/**
 * An MLP that sees its input through a sinusoidal embedding (ops/sinusoidal-embedding.ts),
 * after an optional fixed scale: forward(x) = Mlp(embed(inputScale · x)). Everything that runs
 * it (training, R1, generation, the page's probes of D's surface) gives it raw points.
 */
import { Mlp, type MlpConfig } from './mlp.js';
import type { Engine } from './engine.js';
import type { Rng } from '../rng.js';
import { scale } from './ops/elementwise.js';
import { sinusoidalEmbedding } from './ops/sinusoidal-embedding.js';
import type { Var } from './tape.js';

export class EmbeddedMlp extends Mlp {
  /** `config.sizes[0]` is the embedding's width (plus any condition columns), not the raw input's. */
  constructor(engine: Engine, config: MlpConfig, rng: Rng, readonly frequencies: Float64Array, readonly inputScale = 1) {
    super(engine, config, rng);
  }

  private embed(x: Var): Var {
    return sinusoidalEmbedding(this.inputScale === 1 ? x : scale(x, this.inputScale), this.frequencies);
  }

  override forward(x: Var): Var {
    return super.forward(this.embed(x));
  }

  override forwardConditioned(x: Var, oneHot: Var | (() => Var), rowsPerCondition: readonly number[]): Var {
    return super.forwardConditioned(this.embed(x), oneHot, rowsPerCondition);
  }
}
