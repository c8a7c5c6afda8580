/**
 * The GAN trainer: one iteration is d-steps D steps, then g-steps G steps, on fresh
 * batches of real points (exact samples of the target) and of fake ones (G on fresh
 * noise). All randomness comes from named Rng streams whose states a checkpoint keeps,
 * so a restored trainer continues bit for bit. Plain data in and out: no files, no
 * console, no DOM.
 */
import { backward } from '../nn/autograd.js';
import type { Engine } from '../nn/engine.js';
import type { Mlp } from '../nn/mlp.js';
import { add } from '../nn/ops/elementwise.js';
import { Adadelta } from '../nn/optimizers/adadelta.js';
import { Adam } from '../nn/optimizers/adam.js';
import type { Optimizer, Hyperparameters, OptimizerState } from '../nn/optimizers/optimizer.js';
import { Rmsprop } from '../nn/optimizers/rmsprop.js';
import { Sgd } from '../nn/optimizers/sgd.js';
import { noGrad, Var } from '../nn/tape.js';
import { Rng } from '../rng.js';
import { UserError } from '../errors.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type TrainerCheckpoint } from './checkpoint.js';
import { conditionOfRows, generateRequest, splitBatch } from '../model/condition-split.js';
import { discriminatorActivation, discriminatorAdamBeta1, type OptimizerName, type TrainConfig } from './config.js';
import { createWeightAverage } from '../model/ema.js';
import type { Model, ModelSnapshot } from '../model/model.js';
import { checkedPlan, learningRateFactor, restoredPlan } from '../model/schedule.js';
import { ganLoss, gradientPenalty, r1Penalty } from './gan-losses.js';
import { isConditional, sampleRows, targetInfo, targetParts, type TargetInfo, type TrainingTarget } from '../model/target.js';
import { fillOneHot, generatePoints } from './generator-input.js';
import { fillNormals } from './noise.js';
import {
  buildDiscriminator, buildGenerator, generatorOutput, loadDiscriminator, loadNetworkWeights, networkWeights, openDiscriminatorBands, packPoints,
} from './networks.js';
import type { OutputActivation } from './network-weights.js';

/**
 * The losses of one iteration: its last D step's real and fake parts, its last G step, and
 * D's penalty. After a single network's step, the other network's losses are NaN (penalty 0).
 */
export interface StepLosses {
  dReal: number;
  dFake: number;
  g: number;
  /** The WGAN-GP or R1 penalty added to D's loss (0 without one). */
  penalty: number;
}

/** What a frame draws (the model's snapshot; the GAN's own name for it). */
export type TrainerSnapshot = ModelSnapshot;

/** The GAN as a model (core/model/model.ts), with what only a GAN has: its two networks and single-network steps. */
export interface Trainer extends Model<StepLosses, TrainerCheckpoint> {
  readonly config: TrainConfig;
  /** Iterations completed: only step() counts; single-network steps do not. */
  readonly iteration: number;
  /**
   * The trainer's own G and D, to evaluate between steps (D's surface, its gradient at points,
   * G on chosen noise). Read only: the trainer owns their weights; load or train them through it.
   */
  readonly generator: Mlp;
  readonly discriminator: Mlp;
  /** One iteration: d-steps × stepDiscriminator(), then g-steps × stepGenerator(), then iteration + 1. */
  step(): StepLosses;
  /**
   * One D step on fresh batches, drawing from the same streams as step(): a run of single
   * steps in step()'s order equals step() bit for bit, except that `iteration` does not move.
   */
  stepDiscriminator(): StepLosses;
  /** One G step on fresh noise; as stepDiscriminator(), `iteration` does not move. */
  stepGenerator(): StepLosses;
  /**
   * step() in its two halves, to watch one iteration in stages (the page's staged step):
   * d-steps D steps (losses: D's, g NaN), then g-steps G steps and iteration + 1 (losses: G's,
   * D's NaN). The two in this order equal step() bit for bit.
   */
  stepDiscriminatorHalf(): StepLosses;
  stepGeneratorHalf(): StepLosses;
}

/** Stream numbers of the run's Rngs: each (seed, stream) pair is an independent sequence. */
const STREAMS = { init: 0, real: 1, noise: 2, penalty: 3, generate: 4 } as const;
/** Snapshot streams start here, offset by the iteration. */
const SNAPSHOT_STREAM_BASE = 0x40000000;

/** Most conditions a run can have (condition indices are drawn as bytes). */
export const MAX_CONDITIONS = 255;


function createOptimizer(name: OptimizerName, parameters: Var[], lr: number, adamBetas: { beta1: number; beta2: number }): Optimizer<Hyperparameters> {
  switch (name) {
    case 'adadelta': return new Adadelta(parameters, { lr });
    case 'adam': return new Adam(parameters, { lr, ...adamBetas });
    case 'rmsprop': return new Rmsprop(parameters, { lr });
    case 'sgd': return new Sgd(parameters, { lr });
  }
}

export function createTrainer(engine: Engine, config: TrainConfig, target: TrainingTarget, source = target.name): Trainer {
  const parts = targetParts(target);
  const conditionCount = isConditional(target) ? target.conditions.length : 0;
  if (isConditional(target)) {
    if (conditionCount === 0) throw new UserError(`${source}: a conditional run needs at least one picture`);
    if (conditionCount > MAX_CONDITIONS) {
      throw new UserError(`${source}: ${conditionCount} conditions; at most ${MAX_CONDITIONS} are supported`);
    }
  }
  if (isConditional(target) && config.pack > 1) {
    throw new UserError(`--pack: ${source} is conditional; packing is for a single picture or a mixture (--pack 1 here)`);
  }
  const rowsPerCondition = isConditional(target)
    ? splitBatch(config.batchSize, target.conditions.map((c) => c.mass))
    : [config.batchSize];
  const info = targetInfo(source, target);
  const output: OutputActivation = generatorOutput(info.kind);
  const batch = config.batchSize;

  const initRng = new Rng(config.seed, STREAMS.init);
  const generator = buildGenerator(engine, config, conditionCount, output, initRng);
  const discriminator = buildDiscriminator(engine, config, conditionCount, initRng);
  openDiscriminatorBands(discriminator, config, 0, config.iterations);
  const gOptimizer = createOptimizer(config.optimizer, generator.parameters(), config.gLr, { beta1: config.adamBeta1, beta2: config.adamBeta2 });
  const dOptimizer = createOptimizer(config.optimizer, discriminator.parameters(), config.dLr, { beta1: discriminatorAdamBeta1(config), beta2: config.adamBeta2 });
  // The average's own initial weights are replaced at once, so its stream only has to exist (initRng stays untouched).
  const average = config.emaDecay > 0
    ? createWeightAverage(generator, buildGenerator(engine, config, conditionCount, output, new Rng(0)), config.emaDecay)
    : null;
  /** The G that generates (the average, when the run keeps one); `generator` is the one that trains. */
  const generating = average?.network ?? generator;
  const random = {
    real: new Rng(config.seed, STREAMS.real),
    noise: new Rng(config.seed, STREAMS.noise),
    penalty: new Rng(config.seed, STREAMS.penalty),
    /** For generate(): not part of the training, so not in the checkpoint. */
    generate: new Rng(config.seed, STREAMS.generate),
  };
  const loss = ganLoss(config.loss);
  const wantsGradientPenalty = config.loss === 'wgan-gp' && config.gpWeight > 0;
  const wantsR1 = config.r1Weight > 0;
  let iteration = 0;
  let plannedIterations = config.iterations;

  /** Real points, batch × 2, condition blocks in order; a leaf that requires grad when R1 needs ∇ₓD. */
  const sampleReal = (rng: Rng, requiresGrad: boolean): Var => {
    const points = Var.scratch(engine, batch, 2, requiresGrad);
    sampleRows(parts, rowsPerCondition, rng, points.value.data);
    return points;
  };

  /**
   * The one-hot columns of a conditional run (they follow z for G and the point for D). The
   * first layers add their weights' condition rows instead of multiplying these columns
   * (Mlp.forwardConditioned): the same numbers as on the concatenated input, bit for bit.
   */
  // Made only when a gradient must be a recorded op (a penalty's double backward), once a step.
  let oneHot: Var | null = null;
  const oneHotMatrix = (): Var => {
    if (oneHot === null) {
      oneHot = Var.scratch(engine, batch, conditionCount);
      fillOneHot(oneHot.value.data, conditionCount, rowsPerCondition);
    }
    return oneHot;
  };
  const discriminate = (points: Var): Var =>
    (conditionCount === 0 ? discriminator.forward(packPoints(points, config.pack)) : discriminator.forwardConditioned(points, oneHotMatrix, rowsPerCondition));
  const generateFrom = (z: Var): Var =>
    (conditionCount === 0 ? generator.forward(z) : generator.forwardConditioned(z, oneHotMatrix, rowsPerCondition));

  const prepareStep = (): void => {
    engine.arena.reset();
    oneHot = null;
  };

  /** z, batch × zDim (the one-hot columns are the first layer's business: generateFrom). */
  const noise = (): Var => {
    const z = Var.scratch(engine, batch, config.zDim);
    fillNormals(random.noise, z.value.data, 0, batch * config.zDim);
    return z;
  };

  /** Points on the segments between real and fake ones, at a uniform position each (WGAN-GP's x̂). */
  const interpolate = (real: Var, fake: Var): Var => {
    const mixed = Var.scratch(engine, batch, 2, true);
    const out = mixed.value.data, a = real.value.data, b = fake.value.data;
    for (let row = 0; row < batch; row++) {
      const t = random.penalty.uniform();
      out[2 * row] = t * a[2 * row] + (1 - t) * b[2 * row];
      out[2 * row + 1] = t * a[2 * row + 1] + (1 - t) * b[2 * row + 1];
    }
    return mixed;
  };

  const discriminatorStep = (): StepLosses => {
    prepareStep();
    // --d-spectral-norm: σ's estimate follows D's weights as they were left by the last step.
    for (let i = 0; i < config.dSpectralNorm; i++) discriminator.spectralNorm?.powerStep();
    const real = sampleReal(random.real, wantsR1);
    const z = noise();
    const fake = noGrad(() => generateFrom(z));
    const dRealOutput = discriminate(real);
    const dFakeOutput = discriminate(fake);
    const terms = loss.discriminator(dRealOutput, dFakeOutput);
    let total = add(terms.real, terms.fake);
    let penalty: Var | null = null;
    if (wantsGradientPenalty) {
      const mixed = interpolate(real, fake);
      penalty = gradientPenalty(discriminate(mixed), mixed, config.gpWeight);
    }
    if (wantsR1) {
      const r1 = r1Penalty(dRealOutput, real, config.r1Weight);
      penalty = penalty === null ? r1 : add(penalty, r1);
    }
    if (penalty !== null) total = add(total, penalty);
    dOptimizer.zeroGrad();
    backward(total, { inputs: discriminator.parameters() });
    dOptimizer.step();
    return { dReal: terms.real.item(), dFake: terms.fake.item(), g: NaN, penalty: penalty === null ? 0 : penalty.item() };
  };

  const generatorStep = (): StepLosses => {
    prepareStep();
    const z = noise();
    discriminator.setRequiresGrad(false);
    try {
      const fake = generateFrom(z);
      const gLoss = loss.generator(discriminate(fake));
      gOptimizer.zeroGrad();
      backward(gLoss, { inputs: generator.parameters() });
      gOptimizer.step();
      average?.update(gOptimizer.stepCount);
      return { dReal: NaN, dFake: NaN, g: gLoss.item(), penalty: 0 };
    } finally {
      discriminator.setRequiresGrad(true);
    }
  };

  /** This iteration's learning rates (--lr-decay lands them over the run) and D's open Fourier bands (--d-fourier-warmup). */
  const setLearningRates = (): void => {
    openDiscriminatorBands(discriminator, config, iteration, plannedIterations);
    const factor = learningRateFactor(iteration, plannedIterations, config.lrDecay);
    gOptimizer.options.lr = config.gLr * factor;
    dOptimizer.options.lr = config.dLr * factor;
  };

  const discriminatorHalf = (): StepLosses => {
    setLearningRates();
    let d: StepLosses = { dReal: NaN, dFake: NaN, g: NaN, penalty: 0 };
    for (let i = 0; i < config.dSteps; i++) d = discriminatorStep();
    return d;
  };

  const generatorHalf = (): StepLosses => {
    setLearningRates();
    let g = NaN;
    for (let i = 0; i < config.gSteps; i++) g = generatorStep().g;
    iteration++;
    // Between iterations D is the next step's (what the page probes, what a checkpoint of this iteration restores).
    openDiscriminatorBands(discriminator, config, iteration, plannedIterations);
    return { dReal: NaN, dFake: NaN, g, penalty: 0 };
  };

  const trainer: Trainer = {
    config,
    target: info,
    rowsPerCondition,
    generator,
    discriminator,
    get iteration() {
      return iteration;
    },

    step(): StepLosses {
      const d = discriminatorHalf();
      const g = generatorHalf();
      return { dReal: d.dReal, dFake: d.dFake, g: g.g, penalty: d.penalty };
    },

    stepDiscriminatorHalf: () => discriminatorHalf(),
    stepGeneratorHalf: () => generatorHalf(),
    stepDiscriminator: discriminatorStep,
    stepGenerator: generatorStep,

    get plannedIterations() {
      return plannedIterations;
    },

    planIterations(length: number): void {
      plannedIterations = checkedPlan(length, iteration, config.iterations);
    },

    generate(n: number, condition?: number, rng: Rng = random.generate): Float32Array {
      return trainer.generateRows(generateRequest(n, info.masses, condition), rng);
    },

    generateRows(rows: readonly number[], rng: Rng = random.generate): Float32Array {
      return generatePoints(engine, generating, config.zDim, conditionCount, rows, rng);
    },

    snapshot(): TrainerSnapshot {
      const rng = new Rng(config.seed, SNAPSHOT_STREAM_BASE + iteration);
      const mark = engine.arena.mark();
      let real: Float32Array;
      try {
        real = Float32Array.from(sampleReal(rng, false).value.data);
      } finally {
        engine.arena.release(mark);
      }
      const fake = generatePoints(engine, generating, config.zDim, conditionCount, rowsPerCondition, rng);
      const labels = conditionCount === 0 ? undefined : conditionOfRows(rowsPerCondition);
      return { real, fake, realConditions: labels, fakeConditions: labels, rowsPerCondition };
    },

    getCheckpoint(): TrainerCheckpoint {
      return {
        format: CHECKPOINT_FORMAT,
        version: CHECKPOINT_VERSION,
        config: structuredClone(config),
        target: structuredClone(info),
        iteration,
        generator: networkWeights(generator, config.activation, output),
        ...(average ? { generatorAverage: networkWeights(average.network, config.activation, output) } : {}),
        discriminator: networkWeights(discriminator, discriminatorActivation(config), 'identity'),
        ...(discriminator.spectralNorm ? { discriminatorSpectralNorm: discriminator.spectralNorm.state() } : {}),
        optimizers: { generator: gOptimizer.state(), discriminator: dOptimizer.state() },
        random: { real: random.real.getState(), noise: random.noise.getState(), penalty: random.penalty.getState() },
        ...(plannedIterations !== config.iterations ? { plannedIterations } : {}),
      };
    },

    restore(checkpoint: TrainerCheckpoint): void {
      if (checkpoint.target.conditions.length !== conditionCount) {
        throw new UserError(`the checkpoint has ${checkpoint.target.conditions.length} conditions, this target ${conditionCount}`);
      }
      loadNetworkWeights(generator, checkpoint.generator);
      if (average) loadNetworkWeights(average.network, checkpoint.generatorAverage ?? checkpoint.generator);
      loadDiscriminator(discriminator, checkpoint);
      gOptimizer.loadState(checkpoint.optimizers.generator as OptimizerState);
      dOptimizer.loadState(checkpoint.optimizers.discriminator as OptimizerState);
      for (const name of ['real', 'noise', 'penalty'] as const) {
        const state = checkpoint.random[name];
        if (state === undefined) throw new UserError(`the checkpoint has no random state "${name}"`);
        random[name].setState(state);
      }
      iteration = checkpoint.iteration;
      plannedIterations = restoredPlan(checkpoint.plannedIterations, iteration, config.iterations);
      // This session's length (--iterations may change on resume), as the next step will have it.
      openDiscriminatorBands(discriminator, config, iteration, plannedIterations);
    },
  };
  return trainer;
}

