/** A trained generator brought back from a checkpoint alone (no target needed), to generate points. */
import type { Engine } from '../nn/engine.js';
import { Rng } from '../rng.js';
import type { TrainerCheckpoint } from './checkpoint.js';
import { generatePoints } from './generator-input.js';
import { requestRows } from '../model/condition-split.js';
import { buildGenerator, loadNetworkWeights } from './networks.js';

export interface SavedGenerator {
  readonly conditionCount: number;
  /** Points for each condition's rows (see requestRows), interleaved (x, y). */
  generate(rowsPerCondition: readonly number[], rng: Rng): Float32Array;
  /** Rows per condition for n points, all of one condition when given. */
  rowsFor(n: number, condition?: number): number[];
}

export function restoreGenerator(engine: Engine, checkpoint: TrainerCheckpoint): SavedGenerator {
  const { config, target } = checkpoint;
  const conditionCount = target.conditions.length;
  // The initial weights are overwritten at once; the stream only has to exist.
  const generator = buildGenerator(engine, config, conditionCount, checkpoint.generator.outputActivation, new Rng(0));
  loadNetworkWeights(generator, checkpoint.generatorAverage ?? checkpoint.generator); // the average, when the run kept one, is what it generates with
  return {
    conditionCount,
    generate: (rows, rng) => generatePoints(engine, generator, config.zDim, conditionCount, rows, rng),
    rowsFor: (n, condition) => requestRows(n, target.masses, condition),
  };
}
