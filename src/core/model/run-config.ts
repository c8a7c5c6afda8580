/**
 * The options every model family's run has, under the same names: what the run loop, its
 * outputs, the learning-rate schedule and the moving average read, whichever family trains.
 * Each family's config (core/gan/config.ts, core/flow/config.ts) extends it with its own.
 */

/** The file --export-samples writes: samples.csv or samples.npy. */
export const SAMPLES_FORMATS = ['csv', 'npy'] as const;
export type SamplesFormat = (typeof SAMPLES_FORMATS)[number];

export interface RunConfig {
  iterations: number;
  /** Points (a GAN: of each kind, real and fake; a flow: training pairs) per step. */
  batchSize: number;
  /** The last fraction of the run over which the learning rates fall linearly to 0 (schedule.ts); 0: constant. */
  lrDecay: number;
  /** Decay of the moving average of the generating network's weights (ema.ts); 0 turns it off. */
  emaDecay: number;
  displayInterval: number;
  seed: number;
  /** Worker threads for the engine; 0 lets the host choose. */
  threads: number;
  checkpointInterval: number;
  exportSamples: number;
  samplesFormat: SamplesFormat;
  /** Seconds of wall time after which the run stops as if it had reached its iterations; 0: no limit. */
  timeLimit: number;
}
