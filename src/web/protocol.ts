/**
 * The messages between the page and its training worker. The page asks for one frame
 * at a time (after drawing the previous one), so a slow screen never queues frames and
 * the worker spends the time between requests training.
 */
import type { TrainConfig } from '../core/gan/config.js';
import type { FlowConfig } from '../core/flow/config.js';
import type { FlowCoordinates } from '../core/flow/coordinates.js';
import type { VelocityGrid } from '../core/flow/flow-view.js';
import type { OdeSpacing } from '../core/flow/ode.js';
import type { TrainingLosses } from '../core/render/frame.js';
import type { DataSource } from './data-source.js';
import type { Pace } from './pace.js';
import type { ConditionScores } from '../core/metrics/index.js';

/** Which layers the next frame must carry: the worker skips the work for hidden ones. */
export interface LayerRequest {
  surface: boolean;
  gradients: boolean;
  manifold: boolean;
  /** A flow's velocity field, at `time` (left out: not shown, as for a GAN). */
  velocity?: boolean;
  /** The time in [0, 1] the flow's view shows (its velocity field is taken there); left out: 1. */
  time?: number;
  /** The condition shown alone, or null for all (conditional runs). */
  condition: number | null;
}

/** The model a run trains, with its options: the GAN (core/gan) or a flow (core/flow). */
export type ModelRun = { model: 'gan'; config: TrainConfig } | { model: 'flow'; config: FlowConfig };

export type StepPart = 'd' | 'g' | 'both';

export type ToWorker =
  /** stopAfter: the iteration the run stops at by itself; null: it trains until paused. */
  | ({ type: 'start'; data: DataSource; stopAfter: number | null; checkpoint?: unknown } & ModelRun)
  /** Also goes on past a stop at the limit. */
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; part: StepPart }
  /** The staged step: D's half of an iteration, or, after it, G's half. */
  | { type: 'stage' }
  /** How fast to train while playing. */
  | { type: 'speed'; pace: Pace }
  /** Options that do not change the networks (stop after, or null for none; chart interval). */
  | { type: 'free-options'; stopAfter: number | null; displayInterval: number }
  | { type: 'frame'; layers: LayerRequest }
  | { type: 'get-checkpoint' };

/** A density to draw: row 0 at the top, over `box` in data coordinates. */
export interface RasterData {
  width: number;
  height: number;
  values: Float32Array;
  box: { xMin: number; xMax: number; yMin: number; yMax: number };
}

/** Fixed for a run: sent once when it starts. */
export type RunInfo = RunFacts & (
  | { model: 'gan'; config: TrainConfig }
  /** A flow also says how its coordinates map to the target's (the noise is N(0, I) in them). */
  | { model: 'flow'; config: FlowConfig; coordinates: FlowCoordinates }
);

export interface RunFacts {
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number };
  kind: 'picture' | 'mixture';
  /** Names of the conditions, in one-hot order; empty for a plain GAN. */
  conditions: string[];
  /** A fixed sample of real points (x, y interleaved) and each one's condition. */
  real: Float32Array;
  realConditions: Uint8Array | null;
  /** Each condition's exact density (one entry for a plain GAN). */
  densities: RasterData[];
  threads: number;
  engine: string;
  iteration: number;
}

/** A GAN's losses (D on real and fake points, G) or a flow's (the velocity's mean squared error), at an iteration. */
export type LossRecord = { iteration: number } & TrainingLosses;
export type GanLossRecord = LossRecord & { dReal: number; dFake: number; g: number };

/** What a frame shows of a flow: its display points carried from noise to data, and its velocity field. */
export interface FlowFrame {
  /** Solver steps: `paths` holds steps + 1 blocks of the display points, block k at stepTimes(spacing, steps)[k] (flowTrajectories). */
  steps: number;
  spacing: OdeSpacing;
  paths: Float32Array;
  /** The velocity at the time asked for, on a grid over the view; null when not asked for. */
  velocity: VelocityGrid | null;
}

export interface MetricsRecord {
  iteration: number;
  values: Record<string, number>;
  /** A conditional run's figures picture by picture, each with its own floors (empty for a plain run). */
  conditions: ConditionScores[];
}

export interface EvaluationSample {
  iteration: number;
  points: Float32Array;
  rowsPerCondition: number[];
}

/**
 * One half of an iteration shown on its own (the staged step): what it changed, in numbers
 * the caption puts in words. Kept in every frame until the next step or iteration.
 */
export interface StageReport {
  /** 'd': D's half ran (d-steps D steps); 'g': G's half too (g-steps G steps), completing the iteration. */
  part: 'd' | 'g';
  /** The iteration this stage belongs to, counted from 1 (the count shown once it completes). */
  iteration: number;
  /** D's mean verdict on the real and on the generated points shown, before and after this stage. */
  real: { before: number; after: number };
  generated: { before: number; after: number };
  /** Verdicts are probabilities of "real" (0 fake, 1 real); else a critic's raw scores (higher: more real). */
  probability: boolean;
  /** This half's losses (the other network's are NaN). */
  losses: { dReal: number; dFake: number; g: number };
  /** G's half: the generated points before it, and D's gradient at every gradientStride-th of them (what moved them). */
  before: Float32Array | null;
  pushedBy: Float32Array | null;
  /** G's half: the mean distance the generated points moved, as a share of the view's width. */
  meanMove: number;
}

export interface FrameData {
  iteration: number;
  playing: boolean;
  /** Measured over the last second of training. */
  iterationsPerSecond: number;
  /** Generated points from a fixed noise sample, so they move smoothly from frame to frame. */
  generated: Float32Array;
  generatedConditions: Uint8Array | null;
  /**
   * The gradient of D (x, y interleaved) at every `gradientStride`-th generated point (k-th
   * gradient at point k·stride), so arrows spread over every condition; null when not asked for.
   */
  gradients: Float32Array | null;
  gradientStride: number;
  /**
   * D's output over the view, `size`² cells, row 0 at the top; `probability` says whether it is
   * in [0, 1]. Null when not asked for, or not due yet while playing (the page keeps the last one).
   */
  surface: { size: number; values: Float32Array; probability: boolean } | null;
  /** G applied to a grid over z space: rows × columns points (x, y interleaved). */
  manifold: { rows: number; columns: number; points: Float32Array } | null;
  /** Losses since the previous frame, one per chart interval. */
  losses: LossRecord[];
  /**
   * Generated points to score (the metrics worker does it, off both this thread and the
   * page's): taken every chart interval, rows grouped by condition.
   */
  evaluation: EvaluationSample | null;
  /** Moving averages in the worker: one iteration, and making one frame (for the benchmark). */
  iterationMilliseconds: number;
  frameMilliseconds: number;
  /** Set when the run stopped by itself: the iteration limit, or a loss that is not finite. */
  stopped: string | null;
  /** The staged step's last stage, until the next step or iteration; null otherwise. */
  stage: StageReport | null;
  /** A flow's trajectories and velocity field (`generated` is their end, t = 1); null for a GAN. */
  flow: FlowFrame | null;
}

/** To the metrics worker: the data once per run, then samples to score. */
export type ToMetricsWorker =
  | { type: 'target'; data: DataSource; run: number }
  | { type: 'score'; sample: EvaluationSample; run: number };

export type FromMetricsWorker =
  | { type: 'floors'; values: Record<string, number>; run: number }
  | { type: 'scores'; record: MetricsRecord; run: number }
  | { type: 'error'; message: string };

export type FromWorker =
  | { type: 'started'; info: RunInfo }
  | { type: 'frame'; frame: FrameData }
  | { type: 'checkpoint'; checkpoint: unknown }
  | { type: 'error'; message: string };
