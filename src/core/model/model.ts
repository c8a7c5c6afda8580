/**
 * What every model family offers the rest of gan2d: the run loop, its outputs (frames,
 * metrics lines, samples, the final evaluation), checkpoints and the page talk to this,
 * not to a family's internals. The GAN's trainer (core/gan/trainer.ts) is one; a second
 * family (docs/design.md, "The Model interface, and a second family") goes beside it.
 *
 * `Losses` is the family's own record of one iteration's losses (named numbers), and
 * `Checkpoint` its whole state as JSON-safe data.
 */
import type { Rng } from '../rng.js';
import type { TargetInfo } from './target.js';

/** What a frame draws: fresh real and generated points, with each point's condition in a conditional run. */
export interface ModelSnapshot {
  real: Float32Array;
  fake: Float32Array;
  realConditions?: Uint8Array;
  fakeConditions?: Uint8Array;
  rowsPerCondition: readonly number[];
}

/** The part of a model that generates points: enough to measure it (final-evaluation.ts). */
export interface PointGenerator {
  readonly target: TargetInfo;
  /** Points for rowsPerCondition[c] rows of each condition c, condition by condition (see requestRows). */
  generateRows(rowsPerCondition: readonly number[], rng?: Rng): Float32Array;
}

export interface Model<Losses extends object = object, Checkpoint = unknown> extends PointGenerator {
  /** Iterations completed. */
  readonly iteration: number;
  /** Rows of each condition in every batch ([batchSize] without conditions). */
  readonly rowsPerCondition: readonly number[];
  /** One training iteration on fresh batches. */
  step(): Losses;
  /**
   * n points: all of `condition` when given, else split between conditions by mass.
   * Draws from its own stream (or `rng`), never from the training's.
   */
  generate(n: number, condition?: number, rng?: Rng): Float32Array;
  /**
   * A batch of real and generated points for drawing and metrics, from a stream of its own
   * that depends only on the seed and the iteration: taking one never changes the training.
   */
  snapshot(): ModelSnapshot;
  /** The run length --lr-decay is scheduled over: --iterations unless planRunLength fixed a shorter one (a --time-limit). */
  readonly plannedIterations: number;
  /** Schedules the decay over `length` iterations from now on (kept in the checkpoint). */
  planIterations(length: number): void;
  getCheckpoint(): Checkpoint;
  /** Continues from a checkpoint of the same config and target, bit for bit. */
  restore(checkpoint: Checkpoint): void;
}
