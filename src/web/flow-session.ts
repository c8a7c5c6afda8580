/**
 * One flow-matching run of the page, inside the training worker: core's flow model (the
 * CLI's own, core/flow), plus what the view needs between iterations, read from the network
 * samples come from (core/flow/flow-view.ts): fixed noise points carried from t = 0 to 1 by
 * the run's solver, and the velocity field at the time the page shows. Its loss records and
 * quality samples go to the same charts as the GAN's. No DOM and no worker API: tests drive
 * it in Node, as TrainingSession.
 */
import { parseAnyCheckpoint, isFlowCheckpoint } from '../core/flow/checkpoint.js';
import type { FlowConfig } from '../core/flow/config.js';
import { createFlowModel, type FlowModel } from '../core/flow/flow-model.js';
import { flowTrajectories, velocityGrid, type FlowProbe } from '../core/flow/flow-view.js';
import { fillNormals } from '../core/gan/noise.js';
import { Rng } from '../core/rng.js';
import { UserError } from '../core/errors.js';
import { buildTrainingTarget } from './build-target.js';
import { targetSource } from './checkpoint-bridge.js';
import type { FrameData, LayerRequest, LossRecord, RunInfo, StepPart } from './protocol.js';
import { dataFacts } from './run-facts.js';
import { PageRun, type RunOptions } from './page-run.js';
import { DISPLAY_STREAM } from './training-session.js';

/** Points carried from noise to data in the view (each is integrated at every frame: fewer than the GAN's 800). */
export const FLOW_DISPLAY_POINTS = 400;
/** Arrows across the velocity grid. */
export const VELOCITY_GRID_SIZE = 21;

export type FlowSessionOptions = RunOptions<FlowConfig>;

export class FlowSession extends PageRun {
  readonly model: FlowModel;
  readonly config: FlowConfig;
  private readonly probe: FlowProbe;
  private readonly noise: Float32Array;
  private readonly displayRows: number[];
  private readonly displayConditions: Uint8Array | null;
  private readonly masses: number[];
  private readonly conditionCount: number;
  protected readonly info: RunInfo;
  private losses: LossRecord[] = [];
  private lossSum = { flow: 0, count: 0 };

  constructor(options: FlowSessionOptions) {
    const { config, data, engine } = options;
    super(options.stopAfter === undefined ? config.iterations : options.stopAfter, config.displayInterval);
    this.config = config;
    const target = buildTrainingTarget(data);
    this.model = createFlowModel(engine, config, target, targetSource(data));
    if (options.checkpoint !== undefined) {
      const checkpoint = parseAnyCheckpoint(options.checkpoint);
      if (!isFlowCheckpoint(checkpoint)) throw new UserError('the checkpoint is a GAN\'s: switch the model to GAN to continue it');
      this.model.restore(checkpoint);
    }
    const facts = dataFacts(target, this.model.target.conditions, config.seed, FLOW_DISPLAY_POINTS);
    this.conditionCount = facts.conditionCount;
    this.masses = facts.masses;
    this.displayRows = facts.displayRows;
    this.displayConditions = facts.displayConditions;
    // The view's noise: fixed for the run, so the points move smoothly as the flow learns.
    this.noise = new Float32Array(facts.facts.real.length);
    fillNormals(new Rng(config.seed, DISPLAY_STREAM), this.noise, 0, this.noise.length);
    this.probe = {
      engine,
      network: this.model.sampling,
      config,
      coordinates: this.model.coordinates,
      conditionCount: this.conditionCount,
    };
    this.info = {
      ...facts.facts,
      threads: options.threads,
      engine: options.engineName,
      iteration: this.model.iteration,
      model: 'flow',
      config,
      coordinates: { centre: [...this.model.coordinates.centre], scale: this.model.coordinates.scale },
    };
  }


  get iteration(): number {
    return this.model.iteration;
  }




  /** One iteration (one Adam step of the velocity network), unless the run has stopped. */
  iterate(): { flow: number } | null {
    if (!this.limit.mayIterate(this.model.iteration)) return null;
    const losses = this.model.step();
    this.afterIteration(losses.flow);
    return losses;
  }

  private afterIteration(loss: number): void {
    this.limit.checkLosses([loss], this.model.iteration);
    this.lossSum.flow += loss;
    this.lossSum.count++;
    if (this.model.iteration % this.displayInterval === 0) {
      this.flushLosses();
      this.evaluationDue = true;
    }
  }

  /** Step: one iteration, at once on the charts with a quality sample. A flow has one network: no D or G step. */
  step(part: StepPart): void {
    if (part !== 'both') throw new UserError(`a flow has no ${part === 'd' ? 'discriminator' : 'generator'} step: it trains one network, one step per iteration`);
    if (this.limit.brokenByLoss) return;
    this.limit.stepPastLimit();
    this.afterIteration(this.model.step().flow);
    this.flushLosses();
    this.evaluationDue = true;
  }

  /** The staged step splits a GAN's iteration between D and G: a flow's iteration has no halves. */
  stepStage(): void {
    throw new UserError('the staged step is the GAN\'s (D\'s half, then G\'s): a flow\'s iteration is one step of one network');
  }

  private flushLosses(): void {
    if (this.lossSum.count === 0) return;
    this.losses.push({ iteration: this.model.iteration, flow: this.lossSum.flow / this.lossSum.count });
    this.lossSum = { flow: 0, count: 0 };
  }

  /**
   * The display points' trajectories (their end is `generated`), the velocity field when asked
   * for, and what the charts have not had yet (a quality sample when due and `mayEvaluate`).
   */
  frame(layers: LayerRequest, playing: boolean, iterationsPerSecond: number, mayEvaluate = true): FrameData {
    const steps = this.config.odeSteps;
    const paths = flowTrajectories(this.probe, this.noise, this.displayRows);
    const generated = paths.slice(steps * this.noise.length);
    const velocity = layers.velocity
      ? velocityGrid(this.probe, this.info.bounds, VELOCITY_GRID_SIZE, layers.time ?? 1, layers.condition ?? 0)
      : null;
    const frame: FrameData = {
      iteration: this.model.iteration,
      playing,
      iterationsPerSecond,
      generated,
      generatedConditions: this.displayConditions,
      gradients: null,
      gradientStride: 1,
      surface: null,
      manifold: null,
      losses: this.losses,
      evaluation: this.evaluationDue && mayEvaluate ? this.evaluation(this.model, this.conditionCount, this.masses) : null,
      stopped: this.stopped,
      stage: null,
      flow: { steps, spacing: this.config.odeSpacing, paths, velocity },
      iterationMilliseconds: 0,
      frameMilliseconds: 0,
    };
    this.losses = [];
    return frame;
  }


  checkpoint(): unknown {
    return this.model.getCheckpoint();
  }
}
