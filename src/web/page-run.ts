/**
 * What both models' page runs (TrainingSession for the GAN, FlowSession for a flow) share: the
 * run's fixed facts, its stop (run-limit.ts) and its chart interval, which the worker sets the
 * same way for either.
 */
import type { Engine } from '../core/nn/engine.js';
import type { DataSource } from './data-source.js';
import { requestRows } from '../core/model/condition-split.js';
import type { EvaluationSample, RunInfo } from './protocol.js';
import { RunLimit } from './run-limit.js';

/** What a page run is built from, with its model's config. */
export interface RunOptions<Config> {
  config: Config;
  data: DataSource;
  checkpoint?: unknown;
  engine: Engine;
  engineName: string;
  threads: number;
  /**
   * Stop by itself after this many iterations; null: train until paused (the page's default).
   * Left out, the config's iterations (as the CLI stops).
   */
  stopAfter?: number | null;
}

/** Generated points per quality evaluation (the PacGAN protocol's 2,500). */
export const EVALUATION_POINTS = 2500;

/** What a quality sample needs of a model (core/model's Model: the GAN's trainer, or a flow). */
export interface Sampler {
  readonly iteration: number;
  generateRows(rows: readonly number[]): Float32Array;
}

export abstract class PageRun {
  /** When the run stops by itself: the "Stop after" limit, or a loss that is not finite. */
  protected readonly limit: RunLimit;
  /** Iterations between chart points. */
  protected displayInterval: number;
  /** A chart interval passed (or a step ran) since the last quality sample. */
  protected evaluationDue = true;
  protected abstract readonly info: RunInfo;
  abstract get iteration(): number;

  /** `stopAfter`: the iteration the run stops at by itself (null: none). */
  constructor(stopAfter: number | null, displayInterval: number) {
    this.limit = new RunLimit(stopAfter);
    this.displayInterval = displayInterval;
  }

  runInfo(): RunInfo {
    return { ...this.info, iteration: this.iteration };
  }

  /** A message when the run stopped by itself (limit reached, loss not finite); null while it can go on. */
  get stopped(): string | null {
    return this.limit.stopped;
  }

  /** The options that change no network: the stop (null: none) and the chart interval. */
  setFreeOptions(stopAfter: number | null, displayInterval: number): void {
    this.limit.setStopAfter(stopAfter, this.iteration);
    this.displayInterval = displayInterval;
  }

  /**
   * Play after a stop at the limit: the run goes on past it, until paused (or a new limit).
   * Returns false when it cannot go on (a loss is not finite).
   */
  resume(): boolean {
    return this.limit.resume(this.iteration);
  }

  /** Fresh generated points for the metrics, from the model's own generation stream (as the CLI's evaluations). */
  protected evaluation(model: Sampler, conditionCount: number, masses: readonly number[]): EvaluationSample {
    this.evaluationDue = false;
    const rowsPerCondition = requestRows(Math.max(EVALUATION_POINTS, conditionCount), masses);
    return { iteration: model.iteration, points: model.generateRows(rowsPerCondition), rowsPerCondition };
  }
}
