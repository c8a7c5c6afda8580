/**
 * Points from a trained run as its recipe generates them: G's weights (the averaged ones when
 * the run kept an average), then, when the run asks for it, rejection by D. Every way out of a
 * run (generate, --export-samples, eval) goes through here, so they all agree.
 */
import type { Engine } from '../nn/engine.js';
import type { Rng } from '../rng.js';
import type { TrainerCheckpoint } from './checkpoint.js';
import { restoreGenerator } from './saved-generator.js';

export interface RecipeSampler {
  readonly conditionCount: number;
  /** Points for each condition's rows, interleaved (x, y), condition by condition. */
  generate(rowsPerCondition: readonly number[], rng: Rng): Float32Array;
}

export function restoreRecipeSampler(engine: Engine, checkpoint: TrainerCheckpoint): RecipeSampler {
  const generator = restoreGenerator(engine, checkpoint);
  return { conditionCount: generator.conditionCount, generate: (rows, rng) => generator.generate(rows, rng) };
}
