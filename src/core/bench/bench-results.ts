/**
 * What the PacGAN benchmark runs and what it gives back, as plain data: the runner
 * (node/quality/bench.ts) fills it, the report (quality-report.ts) reads it. Each seed is
 * one model's run: the GAN with the target's recommended settings, or the flow with its recipe.
 */
import type { ModelName } from '../flow/config.js';

export const BENCH_TARGETS = ['ring', 'grid'] as const;
export type BenchTarget = (typeof BENCH_TARGETS)[number];

/** The protocol's sample count per seed. */
export const SAMPLES_PER_SEED = 2500;
/** Further draws of 2,500 points from each seed's checkpoint, for its expected figures. */
export const REDRAWS = 20;
/**
 * What the train process needs beyond its training, per model: start-up, the last figures, the
 * GIF's last frames; the flow's 20,000-point evaluation integrates an ODE, so it needs more
 * (its default --time-limit of 42 s is made for 60 s in all).
 */
export const TIME_LIMIT_MARGIN_SECONDS: Readonly<Record<ModelName, number>> = { gan: 5, flow: 18 };

export interface BenchOptions {
  seeds: number;
  budgetSeconds: number;
  targets: readonly BenchTarget[];
  /** Further draws per seed for its expected figures (default REDRAWS). */
  redraws?: number;
  /** The models trained on each target and seed, in the report's order. */
  models: readonly ModelName[];
  /** Where the run folders go (runs/NAME-seed-S for the GAN, runs/NAME-flow-seed-S for the flow). */
  folder: string;
  /** The entry point of the gan2d child processes (cli/child.js). */
  entry: string;
  onLine?: (line: string) => void;
}

/** The figures the bar judges. */
export interface BarFigures {
  modes: number;
  highQuality: number;
  reverseKL: number;
}

export interface SeedResult {
  target: BenchTarget;
  model: ModelName;
  seed: number;
  runFolder: string;
  /** Iterations trained, and the recipe's maximum. */
  iterations: number;
  plannedIterations: number;
  stoppedByTimeLimit: boolean;
  /** Spawn to exit of the train process, and its training loop alone (summary.json). */
  processSeconds: number;
  trainSeconds: number;
  /** One-minute load average just before and just after the process. */
  loadBefore: number;
  loadAfter: number;
  /** The scores of its 2,500 points, and of 2,500 exact samples drawn beside them (the floor). */
  values: Record<string, number>;
  floors: Record<string, number>;
  /** The mean of each figure over REDRAWS further draws of 2,500 from the run's checkpoint, and over as many draws of exact samples. */
  expected: BarFigures;
  expectedFloors: BarFigures;
  points: Float32Array;
}

export interface BenchResults {
  options: Omit<BenchOptions, 'onLine'>;
  /** Per model and target, the flags each seed trained with beyond the model's settings (only --time-limit, for another budget). */
  extraFlags: Record<ModelName, Record<BenchTarget, string[]>>;
  seeds: SeedResult[];
  /** Further draws per seed behind `expected` and `expectedFloors`. */
  redraws: number;
  /**
   * Per target: the share of simulated benchmarks of exact samples (as many seeds, 2,500
   * points each) whose mean reverse KL meets the bar: how often a perfect generator would.
   */
  exactMeetsReverseKL: Partial<Record<BenchTarget, number>>;
  machine: { cpu: string; cores: number; node: string };
  started: Date;
  finished: Date;
}
