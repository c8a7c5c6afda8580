/**
 * The flow-matching model: a velocity network v(u, t) trained by rectified flow (flow-path.ts)
 * to carry N(0, I) noise to the target in the flow's coordinates (coordinates.ts), and an ODE
 * solver (ode.ts) that samples with it. It implements core/model's Model as the GAN's trainer
 * does, so the run loop, outputs, metrics and checkpoints serve both. All randomness comes from
 * named streams whose states the checkpoint keeps: a restored model continues bit for bit.
 */
import { backward } from '../nn/autograd.js';
import type { Engine } from '../nn/engine.js';
import { mse } from '../nn/losses.js';
import { Mlp } from '../nn/mlp.js';
import { Adam } from '../nn/optimizers/adam.js';
import type { OptimizerState } from '../nn/optimizers/optimizer.js';
import { noGrad, Var } from '../nn/tape.js';
import { UserError } from '../errors.js';
import { Rng } from '../rng.js';
import { CHECKPOINT_FORMAT } from '../gan/checkpoint.js';
import { forwardByCondition } from '../gan/generator-input.js';
import { activationAlpha, loadNetworkWeights, networkWeights } from '../gan/networks.js';
import { fillNormals } from '../gan/noise.js';
import { conditionOfRows, generateRequest, splitBatch } from '../model/condition-split.js';
import { createWeightAverage } from '../model/ema.js';
import type { Model, ModelSnapshot } from '../model/model.js';
import { checkedPlan, learningRateFactor, restoredPlan } from '../model/schedule.js';
import { isConditional, sampleRows, targetInfo, targetParts, type TrainingTarget } from '../model/target.js';
import { FAMILY_CHECKPOINT_VERSION, type FlowCheckpoint } from './checkpoint.js';
import type { FlowConfig } from './config.js';
import { fromFlowCoordinates, targetCoordinates, toFlowCoordinates, type FlowCoordinates } from './coordinates.js';
import { sampleTimes, straightPath } from './flow-path.js';
import { integrate } from './ode.js';
import { velocityInputWriter, type VelocityInputWriter } from './velocity-input.js';

/** One iteration's loss: the mean squared error of the velocity. */
export interface FlowLosses {
  flow: number;
}

export interface FlowModel extends Model<FlowLosses, FlowCheckpoint> {
  readonly config: FlowConfig;
  readonly coordinates: FlowCoordinates;
  /** The network that trains (read only: the model owns its weights). */
  readonly velocity: Mlp;
  /** The network samples come from: the velocity network's average when the run keeps one (--ema-decay), else the network itself. */
  readonly sampling: Mlp;
}

/** Stream numbers (as the GAN's: init 0, real 1, noise 2, its own time 3, generate 4). */
const STREAMS = { init: 0, data: 1, noise: 2, time: 3, generate: 4 } as const;
/** Real points of a snapshot: a stream per iteration, as the GAN's. */
const SNAPSHOT_STREAM_BASE = 0x40000000;
/** The frames' noise: the same at every frame, so the GIF shows one set of points carried along as the flow learns. */
const FRAME_NOISE_STREAM = 0x3e000000;
/** Rows per network evaluation when sampling many points: bounds the engine memory a call takes. */
const CHUNK_ROWS = 8192;

/** The velocity network of a config: input features (+ one-hot) → hidden layers → 2 (linear). */
export function buildVelocityNetwork(engine: Engine, config: FlowConfig, conditionCount: number, rng: Rng): Mlp {
  return new Mlp(engine, {
    sizes: [velocityInputWriter(config).width + conditionCount, ...config.hidden, 2],
    hiddenActivation: config.activation,
    hiddenAlpha: activationAlpha(config.activation),
    outputActivation: 'identity',
  }, rng);
}

/**
 * Points for each condition's rows, in the target's coordinates: noise from `rng`, carried from
 * t = 0 to 1 by the config's solver through `network`. Scratch memory is returned after each
 * evaluation, so this runs between training steps.
 */
export function samplePoints(
  engine: Engine, network: Mlp, config: FlowConfig, coordinates: FlowCoordinates, conditionCount: number,
  rowsPerCondition: readonly number[], rng: Rng,
): Float32Array {
  const writer = velocityInputWriter(config);
  const total = rowsPerCondition.reduce((a, b) => a + b, 0);
  const out = new Float32Array(2 * total);
  let written = 0;
  rowsPerCondition.forEach((count, condition) => {
    for (let done = 0; done < count; done += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, count - done);
      const points = new Float32Array(2 * rows);
      fillNormals(rng, points, 0, 2 * rows);
      const chunk = rowsPerCondition.map((_, c) => (c === condition ? rows : 0));
      integrate(config.odeSolver, (x, t, velocity) => {
        evaluateVelocity(engine, network, writer, conditionCount, chunk, x, t, velocity);
      }, points, config.odeSteps, undefined, config.odeSpacing);
      out.set(points, 2 * written);
      written += rows;
    }
  });
  fromFlowCoordinates(out, coordinates);
  return out;
}

/** v(x, t) for rows given condition by condition (`rows` says how many each), into out. */
export function evaluateVelocity(
  engine: Engine, network: Mlp, writer: VelocityInputWriter, conditionCount: number, rows: readonly number[],
  x: ArrayLike<number>, t: ArrayLike<number> | number, out: Float32Array,
): void {
  const total = rows.reduce((a, b) => a + b, 0);
  const mark = engine.arena.mark();
  try {
    noGrad(() => {
      const input = Var.scratch(engine, total, writer.width);
      writer.write(x, t, total, input.value.data);
      const velocity = forwardByCondition(engine, network, input, conditionCount, rows);
      out.set(velocity.value.data.subarray(0, 2 * total));
    });
  } finally {
    engine.arena.release(mark);
  }
}

export function createFlowModel(engine: Engine, config: FlowConfig, target: TrainingTarget, source = target.name): FlowModel {
  const parts = targetParts(target);
  const conditionCount = isConditional(target) ? target.conditions.length : 0;
  if (isConditional(target) && conditionCount === 0) throw new UserError(`${source}: a conditional run needs at least one picture`);
  const masses = isConditional(target) ? target.conditions.map((c) => c.mass) : [1];
  const rowsPerCondition = isConditional(target) ? splitBatch(config.batchSize, masses) : [config.batchSize];
  const info = targetInfo(source, target);
  const coordinates = targetCoordinates(parts, masses);
  const batch = config.batchSize;
  const writer = velocityInputWriter(config);

  const velocity = buildVelocityNetwork(engine, config, conditionCount, new Rng(config.seed, STREAMS.init));
  const optimizer = new Adam(velocity.parameters(), { lr: config.lr, beta1: config.adamBeta1, beta2: config.adamBeta2 });
  // The average's own initial weights are replaced at once, so its stream only has to exist.
  const average = config.emaDecay > 0
    ? createWeightAverage(velocity, buildVelocityNetwork(engine, config, conditionCount, new Rng(0)), config.emaDecay)
    : null;
  const sampling = average?.network ?? velocity;
  const random = {
    data: new Rng(config.seed, STREAMS.data),
    noise: new Rng(config.seed, STREAMS.noise),
    time: new Rng(config.seed, STREAMS.time),
    generate: new Rng(config.seed, STREAMS.generate),
  };
  // Per-step buffers, reused: the target points, the noise, the times, the path's points and velocities.
  const x1 = new Float32Array(2 * batch);
  const x0 = new Float32Array(2 * batch);
  const times = new Float32Array(batch);
  let iteration = 0;
  let plannedIterations = config.iterations;

  const trainingStep = (): FlowLosses => {
    engine.arena.reset();
    sampleRows(parts, rowsPerCondition, random.data, x1);
    toFlowCoordinates(x1, coordinates);
    fillNormals(random.noise, x0, 0, 2 * batch);
    sampleTimes(config.timeSampling, random.time, times, batch);
    const input = Var.scratch(engine, batch, writer.width);
    const wanted = Var.scratch(engine, batch, 2);
    const xt = new Float32Array(2 * batch);
    straightPath(x0, x1, times, batch, xt, wanted.value.data);
    writer.write(xt, times, batch, input.value.data);
    const loss = mse(forwardByCondition(engine, velocity, input, conditionCount, rowsPerCondition), wanted);
    optimizer.zeroGrad();
    backward(loss, { inputs: velocity.parameters() });
    optimizer.step();
    average?.update(optimizer.stepCount);
    return { flow: loss.item() };
  };

  const model: FlowModel = {
    config,
    target: info,
    coordinates,
    rowsPerCondition,
    velocity,
    sampling,
    get iteration() {
      return iteration;
    },

    step(): FlowLosses {
      optimizer.options.lr = config.lr * learningRateFactor(iteration, plannedIterations, config.lrDecay);
      const losses = trainingStep();
      iteration++;
      return losses;
    },

    get plannedIterations() {
      return plannedIterations;
    },

    planIterations(length: number): void {
      plannedIterations = checkedPlan(length, iteration, config.iterations);
    },

    generate(n: number, condition?: number, rng: Rng = random.generate): Float32Array {
      return model.generateRows(generateRequest(n, info.masses, condition), rng);
    },

    generateRows(rows: readonly number[], rng: Rng = random.generate): Float32Array {
      return samplePoints(engine, sampling, config, coordinates, conditionCount, rows, rng);
    },

    snapshot(): ModelSnapshot {
      const real = new Float32Array(2 * batch);
      sampleRows(parts, rowsPerCondition, new Rng(config.seed, SNAPSHOT_STREAM_BASE + iteration), real);
      const fake = model.generateRows(rowsPerCondition, new Rng(config.seed, FRAME_NOISE_STREAM));
      const labels = conditionCount === 0 ? undefined : conditionOfRows(rowsPerCondition);
      return { real, fake, realConditions: labels, fakeConditions: labels, rowsPerCondition };
    },

    getCheckpoint(): FlowCheckpoint {
      return {
        format: CHECKPOINT_FORMAT,
        version: FAMILY_CHECKPOINT_VERSION,
        model: 'flow',
        config: structuredClone(config),
        target: structuredClone(info),
        coordinates: structuredClone(coordinates),
        iteration,
        ...(plannedIterations !== config.iterations ? { plannedIterations } : {}),
        velocity: networkWeights(velocity, config.activation, 'identity'),
        ...(average ? { velocityAverage: networkWeights(average.network, config.activation, 'identity') } : {}),
        optimizer: optimizer.state(),
        random: { data: random.data.getState(), noise: random.noise.getState(), time: random.time.getState() },
      };
    },

    restore(checkpoint: FlowCheckpoint): void {
      if (checkpoint.target.conditions.length !== conditionCount) {
        throw new UserError(`the checkpoint has ${checkpoint.target.conditions.length} conditions, this target ${conditionCount}`);
      }
      loadNetworkWeights(velocity, checkpoint.velocity);
      if (average) loadNetworkWeights(average.network, checkpoint.velocityAverage ?? checkpoint.velocity);
      optimizer.loadState(checkpoint.optimizer as OptimizerState);
      for (const name of ['data', 'noise', 'time'] as const) {
        const state = checkpoint.random[name];
        if (state === undefined) throw new UserError(`the checkpoint has no random state "${name}"`);
        random[name].setState(state);
      }
      iteration = checkpoint.iteration;
      plannedIterations = restoredPlan(checkpoint.plannedIterations, iteration, config.iterations);
    },
  };
  return model;
}
