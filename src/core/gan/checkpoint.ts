/**
 * A trainer's whole state as plain JSON-safe data: config, what it was trained on,
 * weights, optimizer states, random streams and the iteration reached. Restoring it
 * continues the run bit for bit. `parseCheckpoint` checks untrusted data (a file)
 * and names what is wrong.
 */
import type { RngState } from '../rng.js';
import { TRAIN_OPTIONS, parseOptionValue, type OptionSpec, type TrainConfig } from './config.js';
import type { TargetInfo } from '../model/target.js';
import type { NetworkWeights } from './network-weights.js';
import type { SpectralNormVectors } from '../nn/spectral-norm.js';
import { isRecipeName, type RecipeName } from './presets.js';
import { discriminatorInputWidth } from './networks.js';

export const CHECKPOINT_FORMAT = 'gan2d-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface RngSnapshot {
  s: RngState;
  spareNormal: number | null;
}

/** The run loop's own state at the checkpoint, so a resumed run's outputs continue seamlessly. */
export interface RunState {
  /** Wall time spent training so far, over all sessions. */
  elapsedSeconds: number;
  /** Frames in training.gif up to this iteration. */
  frames: number;
  /** Sums of the losses since the last display, by name (a GAN's dReal, dFake, g, penalty; a flow's flow), and how many iterations they cover. */
  interval: { count: number; [loss: string]: number };
  /**
   * The engine's kernels when a native BLAS took part (e.g. 'wasm-simd+openblas:Cooperlake'):
   * their rounding differs from WebAssembly's. Absent: WebAssembly kernels alone, as in every
   * checkpoint written before native kernels existed.
   */
  kernels?: string;
}

export interface TrainerCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  config: TrainConfig;
  target: TargetInfo;
  /** Iterations completed. */
  iteration: number;
  generator: NetworkWeights;
  /** The moving average of G's weights (--ema-decay), which the run generates with. */
  generatorAverage?: NetworkWeights;
  discriminator: NetworkWeights;
  /** --d-spectral-norm: the power iteration's u and v of each of D's layers (state, like the optimizers'). */
  discriminatorSpectralNorm?: SpectralNormVectors[];
  /** The optimizers' own serialised states (moments, step counts), as the engine gives them. */
  optimizers: { generator: unknown; discriminator: unknown };
  /** Every random stream the trainer draws from, by name. */
  random: Record<string, RngSnapshot>;
  /** Added by the command-line run loop; absent in a trainer's own checkpoint. */
  run?: RunState;
  /** The recipe the config started from (--recipe); absent: the seed demo's defaults, as before recipes existed. */
  recipe?: RecipeName;
  /**
   * The run length --lr-decay was scheduled over, when a --time-limit made it shorter than
   * --iterations (schedule.ts, planRunLength); absent: --iterations.
   */
  plannedIterations?: number;
}

/** Why a checkpoint cannot be used; the caller adds the file name. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumberArray(value: unknown, length: number): boolean {
  return Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

export function checkNetwork(value: unknown, name: string): NetworkWeights {
  if (!isObject(value) || !Array.isArray(value.layers) || value.layers.length === 0) {
    throw new CheckpointError(`${name}: missing its layers`);
  }
  let previousOutputs: number | undefined;
  value.layers.forEach((layer: unknown, i: number) => {
    if (!isObject(layer)) throw new CheckpointError(`${name} layer ${i}: not an object`);
    const { inputs, outputs } = layer;
    if (typeof inputs !== 'number' || typeof outputs !== 'number' || !(inputs >= 1) || !(outputs >= 1)) {
      throw new CheckpointError(`${name} layer ${i}: bad sizes`);
    }
    if (previousOutputs !== undefined && inputs !== previousOutputs) {
      throw new CheckpointError(`${name} layer ${i}: takes ${inputs} inputs but the layer before gives ${previousOutputs}`);
    }
    if (!isFiniteNumberArray(layer.weights, inputs * outputs) || !isFiniteNumberArray(layer.bias, outputs)) {
      throw new CheckpointError(`${name} layer ${i}: weights missing, of the wrong size, or not finite`);
    }
    previousOutputs = outputs;
  });
  if (value.outputActivation !== 'sigmoid' && value.outputActivation !== 'identity') {
    throw new CheckpointError(`${name}: unknown output activation`);
  }
  return value as unknown as NetworkWeights;
}

/**
 * A config by an option table: each option parsed by its row; one missing takes its
 * olderCheckpoints value (an option added after checkpoints existed), else it is refused.
 */
export function checkConfigByTable<C>(specs: readonly OptionSpec<C>[], value: unknown): C {
  if (!isObject(value)) throw new CheckpointError('missing its config');
  const config: Record<string, unknown> = {};
  for (const spec of specs) {
    const key = spec.key as string;
    if (value[key] === undefined) {
      if (spec.olderCheckpoints === undefined) throw new CheckpointError(`config: missing ${spec.flag}`);
      config[key] = spec.olderCheckpoints;
      continue;
    }
    try {
      config[key] = parseOptionValue(spec, value[key]);
    } catch (error) {
      throw new CheckpointError(`config: ${(error as Error).message}`);
    }
  }
  return config as C;
}

function checkConfig(value: unknown): TrainConfig {
  return checkConfigByTable(TRAIN_OPTIONS, value);
}

export function checkTarget(value: unknown): TargetInfo {
  if (!isObject(value) || typeof value.source !== 'string' || (value.kind !== 'picture' && value.kind !== 'mixture') ||
    !Array.isArray(value.conditions) || !value.conditions.every((c) => typeof c === 'string') || !isObject(value.bounds) ||
    !Array.isArray(value.masses) || value.masses.length !== value.conditions.length ||
    !value.masses.every((m) => typeof m === 'number' && Number.isFinite(m) && m > 0)) {
    throw new CheckpointError('missing or malformed target description');
  }
  const b = value.bounds;
  if (![b.xMin, b.xMax, b.yMin, b.yMax].every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new CheckpointError('target bounds are not numbers');
  }
  return value as unknown as TargetInfo;
}

export function checkRandom(value: unknown): Record<string, RngSnapshot> {
  if (!isObject(value)) throw new CheckpointError('missing its random state');
  for (const [name, state] of Object.entries(value)) {
    // Rng keeps its words as int32 or uint32 depending on the last operation; both restore the same bits.
    const ok = isObject(state) && Array.isArray(state.s) && state.s.length === 4 &&
      state.s.every((v) => Number.isInteger(v) && v >= -0x80000000 && v <= 0xffffffff) &&
      (state.spareNormal === null || typeof state.spareNormal === 'number');
    if (!ok) throw new CheckpointError(`random state "${name}" is malformed`);
  }
  return value as Record<string, RngSnapshot>;
}

/** Checks data read from a file; throws CheckpointError saying what is wrong. */
export function parseCheckpoint(data: unknown): TrainerCheckpoint {
  if (!isObject(data) || data.format !== CHECKPOINT_FORMAT) throw new CheckpointError('not a gan2d checkpoint');
  if (data.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(`version ${String(data.version)} is not supported (this gan2d reads version ${CHECKPOINT_VERSION})`);
  }
  const config = checkConfig(data.config);
  const target = checkTarget(data.target);
  if (!(Number.isInteger(data.iteration) && (data.iteration as number) >= 0)) throw new CheckpointError('bad iteration count');
  const generator = checkNetwork(data.generator, 'generator');
  const discriminator = checkNetwork(data.discriminator, 'discriminator');
  const generatorAverage = data.generatorAverage === undefined ? undefined : checkNetwork(data.generatorAverage, 'generator average');
  if (generatorAverage && JSON.stringify(generatorAverage.layers.map((l) => [l.inputs, l.outputs])) !==
    JSON.stringify(generator.layers.map((l) => [l.inputs, l.outputs]))) {
    throw new CheckpointError('generator average: its layers differ from the generator\'s');
  }
  const conditionCount = target.conditions.length;
  if (generator.layers[0].inputs !== config.zDim + conditionCount) {
    throw new CheckpointError(`generator takes ${generator.layers[0].inputs} inputs, but z has ${config.zDim} and there are ${conditionCount} conditions`);
  }
  if (generator.layers[generator.layers.length - 1].outputs !== 2 || discriminator.layers[0].inputs !== discriminatorInputWidth(config) + conditionCount ||
    discriminator.layers[discriminator.layers.length - 1].outputs !== 1) {
    throw new CheckpointError('network sizes do not fit 2D points');
  }
  if (!isObject(data.optimizers)) throw new CheckpointError('missing its optimizer states');
  const spectralNorm = config.dSpectralNorm > 0 ? checkSpectralNorm(data.discriminatorSpectralNorm, discriminator) : undefined;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config,
    target,
    iteration: data.iteration as number,
    generator,
    ...(generatorAverage === undefined ? {} : { generatorAverage }),
    discriminator,
    ...(spectralNorm === undefined ? {} : { discriminatorSpectralNorm: spectralNorm }),
    optimizers: { generator: data.optimizers.generator, discriminator: data.optimizers.discriminator },
    random: checkRandom(data.random),
    ...(data.run === undefined ? {} : { run: checkRunState(data.run) }),
    ...(data.recipe === undefined ? {} : { recipe: checkRecipe(data.recipe) }),
    ...(data.plannedIterations === undefined ? {} : { plannedIterations: checkPlannedIterations(data.plannedIterations, data.iteration as number) }),
  };
}

/** D's spectral-norm vectors: one u (outputs long) and v (inputs long) of finite numbers per layer. */
function checkSpectralNorm(value: unknown, discriminator: NetworkWeights): SpectralNormVectors[] {
  if (!Array.isArray(value) || value.length !== discriminator.layers.length) {
    throw new CheckpointError(`discriminator: --d-spectral-norm needs its u and v vectors for each of its ${discriminator.layers.length} layers`);
  }
  value.forEach((vectors: unknown, i: number) => {
    const layer = discriminator.layers[i];
    if (!isObject(vectors) || !isFiniteNumberArray(vectors.u, layer.outputs) || !isFiniteNumberArray(vectors.v, layer.inputs)) {
      throw new CheckpointError(`discriminator layer ${i}: spectral-norm vectors missing, of the wrong size, or not finite`);
    }
  });
  return value as SpectralNormVectors[];
}

function checkRecipe(value: unknown): RecipeName {
  if (typeof value !== 'string' || !isRecipeName(value)) throw new CheckpointError(`unknown recipe ${JSON.stringify(value)}`);
  return value;
}

export function checkPlannedIterations(value: unknown, iteration: number): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new CheckpointError('plannedIterations is not a positive integer');
  if ((value as number) < iteration) throw new CheckpointError(`plannedIterations ${String(value)} is before the checkpoint's iteration ${iteration}`);
  return value as number;
}

/** The GAN's losses, as its run state sums them. */
const GAN_LOSS_NAMES = ['dReal', 'dFake', 'g', 'penalty'];

export function checkRunState(value: unknown, lossNames: readonly string[] = GAN_LOSS_NAMES): RunState {
  const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  if (!isObject(value) || !finite(value.elapsedSeconds) || !Number.isInteger(value.frames) || !isObject(value.interval)) {
    throw new CheckpointError('malformed run state');
  }
  const i = value.interval;
  if (!Number.isInteger(i.count) || !lossNames.every((name) => finite(i[name]))) {
    throw new CheckpointError('malformed run state');
  }
  if (value.kernels !== undefined && typeof value.kernels !== 'string') throw new CheckpointError('malformed run state: kernels is not a string');
  return value as unknown as RunState;
}
