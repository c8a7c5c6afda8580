/**
 * One GAN run of the page, inside the training worker: the trainer from core/gan, plus what
 * the view needs between iterations (a fixed real sample, G on fixed noise, D's surface,
 * G's gradients and manifold, all read from the trainer's own networks), the loss records
 * for the charts and the samples for the metrics. No DOM and no worker API here, so tests
 * drive it in Node.
 */
import { parseCheckpoint, type TrainerCheckpoint } from '../core/gan/checkpoint.js';
import type { TrainConfig } from '../core/gan/config.js';
import type { TrainingTarget } from '../core/model/target.js';
import { fillGeneratorInput } from '../core/gan/generator-input.js';
import { createTrainer, type StepLosses, type Trainer } from '../core/gan/trainer.js';
import { Rng } from '../core/rng.js';
import { buildTrainingTarget } from './build-target.js';
import { dataFacts } from './run-facts.js';
import { PageRun, type RunOptions } from './page-run.js';
import { targetSource } from './checkpoint-bridge.js';
import type { FrameData, GanLossRecord, LayerRequest, RunInfo, StageReport, StepPart } from './protocol.js';
import { everyNth, StagedIteration } from './staged-iteration.js';
import {
  discriminatorGradients, discriminatorSurface, generateFrom, manifoldInput, type ProbeNetworks,
} from './view-probes.js';

/** Points shown of each kind; arrows on the first ARROWS generated ones. */
export const DISPLAY_POINTS = 800;
export const ARROWS = 300;
export const SURFACE_SIZE = 40;
export const MANIFOLD_SIZE = 17;
export { EVALUATION_POINTS } from './page-run.js';
/** Streams of the page's own draws, apart from the trainer's (same seed, other streams). */
export const DISPLAY_STREAM = 0x7eb0;

export type SessionOptions = RunOptions<TrainConfig>;

/** D's output as a probability where the loss makes it one; squashed raw values otherwise. */
function surfaceIsProbability(config: TrainConfig): 'sigmoid' | 'clamp' | 'raw' {
  if (config.loss === 'nonsaturating' || config.loss === 'minimax') return 'sigmoid';
  if (config.loss === 'lsgan') return 'clamp';
  return 'raw';
}

/** D's raw output as the view shows it: a probability of "real" (sigmoid or clamped), or as it is. */
function verdictOf(config: TrainConfig): (value: number) => number {
  const mode = surfaceIsProbability(config);
  if (mode === 'sigmoid') return (v) => 1 / (1 + Math.exp(-v));
  if (mode === 'clamp') return (v) => Math.min(1, Math.max(0, v));
  return (v) => v;
}

export class TrainingSession extends PageRun {
  readonly trainer: Trainer;
  readonly config: TrainConfig;
  private readonly target: TrainingTarget;
  private readonly conditionCount: number;
  private readonly masses: number[];
  private readonly view: ProbeNetworks;
  private readonly displayInput: Float32Array;
  private readonly displayConditions: Uint8Array | null;
  protected readonly info: RunInfo;
  private losses: GanLossRecord[] = [];
  private lossSum = { dReal: 0, dFake: 0, g: 0, count: 0 };
  private readonly gradientStride: number;
  private readonly staged: StagedIteration;
  /** The staged step's last stage, shown until the next step or iteration. */
  private stage: StageReport | null = null;

  constructor(options: SessionOptions) {
    const { config, data, engine } = options;
    super(options.stopAfter === undefined ? config.iterations : options.stopAfter, config.displayInterval);
    this.config = config;
    this.target = buildTrainingTarget(data);
    this.trainer = createTrainer(engine, config, this.target, targetSource(data));
    if (options.checkpoint !== undefined) this.trainer.restore(parseCheckpoint(options.checkpoint));
    const { facts, conditionCount, masses, displayRows: rows, displayConditions } =
      dataFacts(this.target, this.trainer.target.conditions, config.seed, DISPLAY_POINTS);
    this.conditionCount = conditionCount;
    this.masses = masses;

    // The probes read the trainer's networks between steps; they never change the training.
    this.view = {
      engine,
      generator: this.trainer.generator,
      discriminator: this.trainer.discriminator,
      zDim: config.zDim,
      conditionCount: this.conditionCount,
      pack: config.pack,
    };
    this.displayConditions = displayConditions;
    const displayCount = rows.reduce((a, b) => a + b, 0);
    this.displayInput = new Float32Array(displayCount * (config.zDim + this.conditionCount));
    fillGeneratorInput(this.displayInput, config.zDim, this.conditionCount, rows, new Rng(config.seed, DISPLAY_STREAM));

    const { real } = facts;
    this.info = {
      ...facts,
      threads: options.threads,
      engine: options.engineName,
      iteration: this.trainer.iteration,
      model: 'gan',
      config,
    };
    this.gradientStride = Math.max(1, Math.floor(displayCount / ARROWS));
    this.staged = new StagedIteration(this.trainer, {
      probes: this.view,
      displayInput: this.displayInput,
      displayConditions: this.displayConditions,
      real,
      realConditions: this.displayConditions,
      squash: verdictOf(config),
      probability: surfaceIsProbability(config) !== 'raw',
      gradientStride: this.gradientStride,
      width: this.info.bounds.xMax - this.info.bounds.xMin,
    });
  }


  get iteration(): number {
    return this.trainer.iteration;
  }




  /** One iteration (d-steps D steps, then g-steps G steps), unless the run has stopped. */
  iterate(): StepLosses | null {
    if (!this.limit.mayIterate(this.trainer.iteration)) return null;
    this.stage = null;
    // A staged iteration left halfway (D's half shown) is completed first, not skipped.
    const losses = this.staged.pending ? this.staged.finish().completed : this.trainer.step();
    this.afterIteration(losses);
    return losses;
  }

  private afterIteration(losses: StepLosses): void {
    this.limit.checkLosses([losses.dReal, losses.dFake, losses.g], this.trainer.iteration);
    const sum = this.lossSum;
    sum.dReal += losses.dReal;
    sum.dFake += losses.dFake;
    sum.g += losses.g;
    sum.count++;
    if (this.trainer.iteration % this.displayInterval === 0) {
      // Each chart point is the mean over its interval: steadier than one step's values.
      this.flushLosses();
      this.evaluationDue = true;
    }
  }

  /**
   * A single step from the controls: one network only, or 'both' (one iteration; the
   * iteration count moves only with it). Allowed past the limit, not after a loss that is
   * not finite. Its losses reach the charts at once, with a quality sample, as a point at
   * the current iteration (a D or G step updates that point's D or G losses).
   */
  step(part: StepPart): void {
    if (this.limit.brokenByLoss) return;
    this.stage = null;
    if (part === 'both') {
      this.limit.stepPastLimit();
      this.afterIteration(this.staged.pending ? this.staged.finish().completed : this.trainer.step());
      this.flushLosses();
    } else {
      const losses = part === 'd' ? this.trainer.stepDiscriminator() : this.trainer.stepGenerator();
      this.losses.push({ iteration: this.trainer.iteration, dReal: losses.dReal, dFake: losses.dFake, g: losses.g });
    }
    this.evaluationDue = true;
  }

  /**
   * The staged step: D's half of an iteration (its surface changes), or after it G's half
   * (its points move), reported in the frames until the next step. The completed iteration
   * reaches the charts as Step's does. Allowed past the limit, not after a loss that is not finite.
   */
  stepStage(): void {
    if (this.limit.brokenByLoss) return;
    this.limit.stepPastLimit();
    const { report, completed } = this.staged.next();
    this.stage = report;
    if (completed) {
      this.afterIteration(completed);
      this.flushLosses();
    }
    this.evaluationDue = true;
  }

  /** The losses averaged since the last chart point, as a point now (when there are any). */
  private flushLosses(): void {
    const sum = this.lossSum;
    if (sum.count === 0) return;
    this.losses.push({ iteration: this.trainer.iteration, dReal: sum.dReal / sum.count, dFake: sum.dFake / sum.count, g: sum.g / sum.count });
    this.lossSum = { dReal: 0, dFake: 0, g: 0, count: 0 };
  }

  private surface(condition: number | null): NonNullable<FrameData['surface']> {
    const mode = surfaceIsProbability(this.config);
    const bounds = this.info.bounds;
    const squash = verdictOf(this.config);
    if (this.conditionCount === 0 || condition !== null) {
      const values = discriminatorSurface(this.view, bounds, SURFACE_SIZE, condition ?? 0).map(squash);
      return { size: SURFACE_SIZE, values, probability: mode !== 'raw' };
    }
    // All conditions at once: D's verdict averaged over conditions, weighted by their mass.
    const total = this.masses.reduce((a, b) => a + b, 0);
    const values = new Float32Array(SURFACE_SIZE * SURFACE_SIZE);
    this.masses.forEach((mass, c) => {
      const part = discriminatorSurface(this.view, bounds, SURFACE_SIZE, c);
      for (let i = 0; i < values.length; i++) values[i] += (mass / total) * squash(part[i]);
    });
    return { size: SURFACE_SIZE, values, probability: mode !== 'raw' };
  }

  /**
   * Everything the view draws now, and what the charts have not had yet. A quality sample
   * rides along when a chart interval has passed and `mayEvaluate`; D's surface when asked for
   * and `surfaceDue` (the worker spaces both in time: they change slowly and cost the most).
   */
  frame(layers: LayerRequest, playing: boolean, iterationsPerSecond: number, mayEvaluate = true, surfaceDue = true): FrameData & { losses: GanLossRecord[] } {
    const generated = generateFrom(this.view, this.displayInput);
    let gradients: Float32Array | null = null;
    const gradientStride = this.gradientStride;
    if (layers.gradients) {
      const at = everyNth(generated, this.displayConditions, gradientStride);
      gradients = discriminatorGradients(this.view, at.points, at.conditions);
    }
    let manifold: FrameData['manifold'] = null;
    if (layers.manifold) {
      const input = manifoldInput(this.config.zDim, this.conditionCount, layers.condition ?? 0, MANIFOLD_SIZE);
      manifold = { rows: MANIFOLD_SIZE, columns: MANIFOLD_SIZE, points: generateFrom(this.view, input) };
    }
    const frame: FrameData & { losses: GanLossRecord[] } = {
      iteration: this.trainer.iteration,
      playing,
      iterationsPerSecond,
      generated,
      generatedConditions: this.displayConditions,
      gradients,
      gradientStride,
      surface: layers.surface && surfaceDue ? this.surface(layers.condition) : null,
      manifold,
      losses: this.losses,
      evaluation: this.evaluationDue && mayEvaluate ? this.evaluation(this.trainer, this.conditionCount, this.masses) : null,
      stopped: this.stopped,
      stage: this.stage,
      flow: null,
      iterationMilliseconds: 0,
      frameMilliseconds: 0,
    };
    this.losses = [];
    return frame;
  }


  checkpoint(): TrainerCheckpoint {
    return this.trainer.getCheckpoint();
  }
}

export type { FrameData };
