/**
 * Everything that shapes a training run, and ONE table describing each option
 * (flag, type, range, default, help). The CLI and the web page both parse and
 * validate through this table, so a range or a default is stated once.
 */
import { UserError } from '../errors.js';
import { SAMPLES_FORMATS, type RunConfig } from '../model/run-config.js';

export const OPTIMIZERS = ['adadelta', 'adam', 'rmsprop', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const LOSSES = ['nonsaturating', 'minimax', 'lsgan', 'wgan-gp', 'hinge'] as const;
export type LossName = (typeof LOSSES)[number];

export const ACTIVATIONS = ['leaky-relu', 'relu', 'tanh', 'elu'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
/** D's own activation, or 'same': --activation's. */
export const D_ACTIVATIONS = ['same', ...ACTIVATIONS] as const;
export type DiscriminatorActivationName = (typeof D_ACTIVATIONS)[number];


/** The GAN's options: the run's (core/model/run-config.ts) and its own. */
export interface TrainConfig extends RunConfig {
  zDim: number;
  optimizer: OptimizerName;
  dLr: number;
  gLr: number;
  dSteps: number;
  gSteps: number;
  dHidden: number[];
  gHidden: number[];
  /** D's input embedding: sin and cos of each coordinate at this many octave frequencies (0: raw coordinates). */
  dFourier: number;
  /** The period of D's lowest Fourier band in the target's coordinates (0: automatic, the unit square for pictures, --data-scale for mixtures). */
  dFourierPeriod: number;
  /** The first fraction of the run over which D's Fourier bands open, coarse to fine (0: all open from the start). */
  dFourierWarmup: number;
  /** PacGAN packing: D judges this many points at once, side by side in one input row (1: one point). */
  pack: number;
  /** Spectral normalisation of D's weights: power-iteration steps per D step (0: off; 1 as in Miyato et al. 2018). */
  dSpectralNorm: number;
  activation: ActivationName;
  /** D's hidden activation when it differs from G's ('same': activation). */
  dActivation: DiscriminatorActivationName;
  loss: LossName;
  /** Weight of the WGAN-GP gradient penalty (used by --loss wgan-gp only). */
  gpWeight: number;
  /** Weight γ of the R1 penalty γ/2·E‖∇D(real)‖², any loss; 0 turns it off. */
  r1Weight: number;
  /** Adam's β1 and β2 (both networks). */
  adamBeta1: number;
  adamBeta2: number;
  /** D's own Adam β1 (SAME_AS_ADAM_BETA1: adamBeta1). */
  dAdamBeta1: number;
  /** Mixtures: G's output is multiplied by it and D's input divided by it (data-scale.ts); 1 turns it off. */
  dataScale: number;
}

/** The slope of leaky-relu for x < 0, as in the seed demo. */
export const LEAKY_RELU_SLOPE = 0.1;
/** Adam's default betas: the usual GAN choice (Radford et al.), not torch's default 0.9; --adam-beta1/2 change them. */
export const ADAM_BETAS = [0.5, 0.999] as const;

/** --d-adam-beta1's "D's β1 is --adam-beta1's", outside β1's own range. */
export const SAME_AS_ADAM_BETA1 = -1;

/** D's hidden activation: --d-activation, else --activation (G's, and D's by default). */
export function discriminatorActivation(config: Pick<TrainConfig, 'activation' | 'dActivation'>): ActivationName {
  return config.dActivation === 'same' ? config.activation : config.dActivation;
}

/** D's Adam β1: --d-adam-beta1, else --adam-beta1 (G's, and D's by default). */
export function discriminatorAdamBeta1(config: Pick<TrainConfig, 'adamBeta1' | 'dAdamBeta1'>): number {
  return config.dAdamBeta1 === SAME_AS_ADAM_BETA1 ? config.adamBeta1 : config.dAdamBeta1;
}

/** The learning rate each optimizer gets when --d-lr/--g-lr are not given. */
export const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = {
  adadelta: 1,
  adam: 1e-3,
  rmsprop: 1e-3,
  sgd: 1e-2,
};

type ConfigKey = keyof TrainConfig;

/**
 * One option of a model family's table, for its config type C (the GAN's TrainConfig by
 * default; the flow's table, core/flow/config.ts, shares rows with this one by flag).
 */
interface SpecBase<C, K extends keyof C> {
  key: K;
  /** The command-line flag without its dashes, also the key accepted in a --config file. */
  flag: string;
  help: string;
  /**
   * 'fixed' options shape the networks or the random streams: a --resume that gives
   * another value is refused. 'free' ones (length, output, threads) may change on resume.
   */
  onResume: 'fixed' | 'free';
  /** For options added after checkpoints existed: the value a checkpoint without it was trained with. */
  olderCheckpoints?: C[K];
  /**
   * Written into checkpoint.json and summary.json only when it differs from olderCheckpoints:
   * a run that does not use an option added later writes the same bytes as before it existed.
   */
  writtenWhenSet?: boolean;
}

export interface IntegerSpec<C = TrainConfig, K extends keyof C = keyof C> extends SpecBase<C, K> {
  kind: 'integer';
  min: number;
  max: number;
  default: number;
}

export interface NumberSpec<C = TrainConfig, K extends keyof C = keyof C> extends SpecBase<C, K> {
  kind: 'number';
  /** Lower bound; excluded itself when minExclusive. */
  min: number;
  minExclusive: boolean;
  max: number;
  /** A fixed default, or one that depends on options already resolved (the learning rates). */
  default: number | ((config: Partial<C>) => number);
}

export interface ChoiceSpec<C = TrainConfig, K extends keyof C = keyof C> extends SpecBase<C, K> {
  kind: 'choice';
  choices: readonly string[];
  default: string;
}

export interface LayersSpec<C = TrainConfig, K extends keyof C = keyof C> extends SpecBase<C, K> {
  kind: 'layers';
  /** Bounds of each layer's width, and of the number of layers. */
  min: number;
  max: number;
  maxLayers: number;
  default: number[];
}

export type OptionSpec<C = TrainConfig> = IntegerSpec<C> | NumberSpec<C> | ChoiceSpec<C> | LayersSpec<C>;

const UINT32_MAX = 4294967295;

/**
 * The table. Order matters: later defaults may read earlier values (the learning
 * rates read the optimizer), and --help lists options in this order.
 */
export const TRAIN_OPTIONS: readonly OptionSpec[] = [
  { key: 'zDim', flag: 'z-dim', kind: 'integer', min: 1, max: 256, default: 2, onResume: 'fixed',
    help: 'size of the noise vector z fed to G' },
  { key: 'iterations', flag: 'iterations', kind: 'integer', min: 1, max: 100_000_000, default: 2000, onResume: 'free',
    help: 'training iterations (each: d-steps D steps, then g-steps G steps)' },
  { key: 'batchSize', flag: 'batch-size', kind: 'integer', min: 1, max: 1_000_000, default: 2000, onResume: 'fixed',
    help: 'points per step, of each kind (real and fake)' },
  { key: 'optimizer', flag: 'optimizer', kind: 'choice', choices: OPTIMIZERS, default: 'adadelta', onResume: 'fixed',
    help: 'optimizer of both networks' },
  { key: 'dLr', flag: 'd-lr', kind: 'number', min: 0, minExclusive: true, max: 1000, onResume: 'fixed',
    default: (c) => DEFAULT_LEARNING_RATES[c.optimizer ?? 'adadelta'],
    help: "D's learning rate (default 1 for adadelta, 0.001 for adam and rmsprop, 0.01 for sgd)" },
  { key: 'gLr', flag: 'g-lr', kind: 'number', min: 0, minExclusive: true, max: 1000, onResume: 'fixed',
    default: (c) => DEFAULT_LEARNING_RATES[c.optimizer ?? 'adadelta'],
    help: "G's learning rate (same defaults as --d-lr)" },
  { key: 'dSteps', flag: 'd-steps', kind: 'integer', min: 1, max: 1000, default: 3, onResume: 'fixed',
    help: 'D steps per iteration' },
  { key: 'gSteps', flag: 'g-steps', kind: 'integer', min: 1, max: 1000, default: 1, onResume: 'fixed',
    help: 'G steps per iteration' },
  { key: 'dHidden', flag: 'd-hidden', kind: 'layers', min: 1, max: 4096, maxLayers: 16, default: [100], onResume: 'fixed',
    help: "D's hidden layer widths, a comma list such as 128,128" },
  { key: 'gHidden', flag: 'g-hidden', kind: 'layers', min: 1, max: 4096, maxLayers: 16, default: [50], onResume: 'fixed',
    help: "G's hidden layer widths, a comma list such as 128,128" },
  { key: 'dFourier', flag: 'd-fourier', kind: 'integer', min: 0, max: 12, default: 0, onResume: 'fixed',
    olderCheckpoints: 0, writtenWhenSet: true,
    help: "D's input embedding: each coordinate with its sin and cos at this many frequencies 2π·2^k, periods 1, 1/2, 1/4 … of the unit square (Tancik et al. 2020; 0: raw coordinates)" },
  { key: 'dFourierPeriod', flag: 'd-fourier-period', kind: 'number', min: 0, minExclusive: false, max: 1e6, default: 0, onResume: 'fixed',
    olderCheckpoints: 0, writtenWhenSet: true,
    help: "the period of D's lowest Fourier band (--d-fourier) in the target's coordinates; the others are its halves, quarters … A target wider than it aliases: points a period apart look alike to the band (0: automatic, the unit square for pictures, --data-scale for mixtures)" },
  { key: 'dFourierWarmup', flag: 'd-fourier-warmup', kind: 'number', min: 0, minExclusive: false, max: 1, default: 0, onResume: 'fixed',
    olderCheckpoints: 0, writtenWhenSet: true,
    help: "the first fraction of the run over which D's Fourier bands (--d-fourier) open one by one, coarse to fine, so D pulls from afar before it resolves detail (Park et al. 2021's windowed encoding; 0: all open from the start)" },
  { key: 'pack', flag: 'pack', kind: 'integer', min: 1, max: 16, default: 1, onResume: 'fixed',
    olderCheckpoints: 1, writtenWhenSet: true,
    help: 'PacGAN packing: D judges this many points of one kind (all real or all fake) together, so it can see a batch too narrow or too clumped (Lin et al. 2018; 1: one point at a time)' },
  { key: 'dSpectralNorm', flag: 'd-spectral-norm', kind: 'integer', min: 0, max: 8, default: 0, onResume: 'fixed',
    olderCheckpoints: 0, writtenWhenSet: true,
    help: "spectral normalisation of D: each weight W used as W/σ(W), σ its largest singular value, estimated by this many power-iteration steps per D step with vectors kept from step to step (Miyato et al. 2018; 1 is the paper's; 0: off)" },
  { key: 'activation', flag: 'activation', kind: 'choice', choices: ACTIVATIONS, default: 'leaky-relu', onResume: 'fixed',
    help: `hidden activation of both networks, or of G alone with --d-activation (leaky-relu has slope ${LEAKY_RELU_SLOPE})` },
  { key: 'dActivation', flag: 'd-activation', kind: 'choice', choices: D_ACTIVATIONS, default: 'same', onResume: 'fixed',
    olderCheckpoints: 'same', writtenWhenSet: true,
    help: "D's hidden activation, when it should differ from G's (same: --activation's)" },
  { key: 'displayInterval', flag: 'display-interval', kind: 'integer', min: 1, max: 100_000_000, default: 10, onResume: 'free',
    help: 'iterations between frames, metrics lines and progress updates' },
  { key: 'loss', flag: 'loss', kind: 'choice', choices: LOSSES, default: 'nonsaturating', onResume: 'fixed',
    help: 'GAN objective (nonsaturating is the seed demo\'s: BCE of D(G(z)) against 1)' },
  { key: 'gpWeight', flag: 'gp-weight', kind: 'number', min: 0, minExclusive: false, max: 1e6, default: 10, onResume: 'fixed',
    help: 'weight of the WGAN-GP gradient penalty (--loss wgan-gp only)' },
  { key: 'r1Weight', flag: 'r1-weight', kind: 'number', min: 0, minExclusive: false, max: 1e6, default: 0, onResume: 'fixed',
    help: 'weight γ of the R1 penalty γ/2·|∇D(real)|², with any loss (0: off)' },
  { key: 'adamBeta1', flag: 'adam-beta1', kind: 'number', min: 0, minExclusive: false, max: 0.9999, default: ADAM_BETAS[0], onResume: 'fixed',
    olderCheckpoints: ADAM_BETAS[0], help: "Adam's β1, the decay of its gradient average (--optimizer adam)" },
  { key: 'adamBeta2', flag: 'adam-beta2', kind: 'number', min: 0, minExclusive: false, max: 0.9999, default: ADAM_BETAS[1], onResume: 'fixed',
    olderCheckpoints: ADAM_BETAS[1], help: "Adam's β2, the decay of its squared-gradient average (--optimizer adam; 0.9 steadies GANs)" },
  { key: 'dAdamBeta1', flag: 'd-adam-beta1', kind: 'number', min: SAME_AS_ADAM_BETA1, minExclusive: false, max: 0.9999, default: SAME_AS_ADAM_BETA1,
    onResume: 'fixed', olderCheckpoints: SAME_AS_ADAM_BETA1, writtenWhenSet: true,
    help: `D's own Adam β1, when it should differ from G's (--adam-beta1); ${SAME_AS_ADAM_BETA1}: --adam-beta1's` },
  { key: 'lrDecay', flag: 'lr-decay', kind: 'number', min: 0, minExclusive: false, max: 1, default: 0, onResume: 'fixed',
    olderCheckpoints: 0, help: 'the last fraction of the iterations over which both learning rates fall linearly to 0 (0: constant rates)' },
  { key: 'emaDecay', flag: 'ema-decay', kind: 'number', min: 0, minExclusive: false, max: 0.99999, default: 0, onResume: 'fixed',
    olderCheckpoints: 0,
    help: "decay of a moving average of G's weights kept beside G; generated points come from the average (0: off; 0.999 is usual)" },
  { key: 'dataScale', flag: 'data-scale', kind: 'number', min: 0, minExclusive: true, max: 1e6, default: 1, onResume: 'fixed',
    olderCheckpoints: 1,
    help: "mixtures only: G's output is multiplied by this and D's input divided by it, so the networks work in unit-sized coordinates (the target's standard deviation suits; 1: off)" },
  { key: 'seed', flag: 'seed', kind: 'integer', min: 0, max: UINT32_MAX, default: 1, onResume: 'fixed',
    help: 'random seed: the same seed gives the same run' },
  { key: 'threads', flag: 'threads', kind: 'integer', min: 0, max: 64, default: 0, onResume: 'free',
    help: 'engine threads (0: one for narrow networks such as the defaults, else the cores available, up to 4)' },
  { key: 'checkpointInterval', flag: 'checkpoint-interval', kind: 'integer', min: 1, max: 100_000_000, default: 100,
    onResume: 'free', help: 'iterations between checkpoints (one is always written at the end)' },
  { key: 'exportSamples', flag: 'export-samples', kind: 'integer', min: 0, max: 10_000_000, default: 0, onResume: 'free',
    help: 'write this many generated points to samples.csv (or samples.npy) at the end (0: none)' },
  { key: 'samplesFormat', flag: 'samples-format', kind: 'choice', choices: SAMPLES_FORMATS, default: 'csv', onResume: 'free',
    olderCheckpoints: 'csv',
    help: '--export-samples\' file: csv (samples.csv, x,y[,condition] rows) or npy (samples.npy, float32 (n, 2) or (n, 3) for NumPy)' },
  { key: 'timeLimit', flag: 'time-limit', kind: 'number', min: 0, minExclusive: false, max: 1e7, default: 0, onResume: 'free',
    olderCheckpoints: 0,
    help: 'stop after this many seconds of wall time, as if --iterations were reached (0: no limit; counts this session only)' },
];

export function findOption(flagOrKey: string): OptionSpec | undefined {
  return TRAIN_OPTIONS.find((spec) => spec.flag === flagOrKey || spec.key === flagOrKey);
}

/** The valid range of an option, in words, for messages and --help. */
export function describeRange<C>(spec: OptionSpec<C>): string {
  switch (spec.kind) {
    case 'integer':
      return `an integer from ${spec.min} to ${spec.max}`;
    case 'number':
      return spec.minExclusive
        ? `a number above ${spec.min}, at most ${spec.max}`
        : `a number from ${spec.min} to ${spec.max}`;
    case 'choice':
      return `one of ${spec.choices.join(', ')}`;
    case 'layers':
      return `1 to ${spec.maxLayers} comma-separated integers from ${spec.min} to ${spec.max}`;
  }
}

function invalid<C>(spec: OptionSpec<C>, raw: unknown): UserError {
  const shown = typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw);
  return new UserError(`--${spec.flag}: ${shown} is not valid; expected ${describeRange(spec)}`);
}

/** A strict number parse: "1e-3" and "0.5" yes; "", "1x", "0x10", " 2" no. */
function parseNumberText(text: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
}

/**
 * One option's value from the command line (a string) or a --config file (any JSON
 * value), checked against its range. Throws a UserError naming the flag and range.
 */
export function parseOptionValue<C = TrainConfig>(spec: OptionSpec<C>, raw: unknown): C[keyof C] {
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberText(raw) : NaN;
      if (!Number.isFinite(value)) throw invalid(spec, raw);
      if (spec.kind === 'integer' && !Number.isInteger(value)) throw invalid(spec, raw);
      const belowMin = spec.kind === 'number' && spec.minExclusive ? value <= spec.min : value < spec.min;
      if (belowMin || value > spec.max) throw invalid(spec, raw);
      return value as C[keyof C];
    }
    case 'choice': {
      if (typeof raw !== 'string' || !spec.choices.includes(raw)) throw invalid(spec, raw);
      return raw as C[keyof C];
    }
    case 'layers': {
      let widths: unknown[];
      if (Array.isArray(raw)) widths = raw;
      else if (typeof raw === 'number') widths = [raw];
      else if (typeof raw === 'string') widths = raw.split(',').map((part) => parseNumberText(part.trim()));
      else throw invalid(spec, raw);
      const ok = widths.length >= 1 && widths.length <= spec.maxLayers &&
        widths.every((w) => typeof w === 'number' && Number.isInteger(w) && w >= spec.min && w <= spec.max);
      if (!ok) throw invalid(spec, raw);
      return widths as C[keyof C];
    }
  }
}

function defaultValue<C>(spec: OptionSpec<C>, resolved: Partial<C>): C[keyof C] {
  if (spec.kind === 'number' && typeof spec.default === 'function') return spec.default(resolved) as C[keyof C];
  if (spec.kind === 'layers') return [...spec.default] as C[keyof C];
  return spec.default as C[keyof C];
}

/** Every option of a table: the value given (parsed and range-checked), else its default. */
export function resolveOptions<C>(table: readonly OptionSpec<C>[], given: Partial<Record<keyof C, unknown>>): C {
  const resolved: Partial<C> = {};
  for (const spec of table) {
    const raw = given[spec.key];
    resolved[spec.key] = raw === undefined ? defaultValue(spec, resolved) : parseOptionValue(spec, raw);
  }
  return resolved as C;
}

/**
 * A full, valid TrainConfig from the options a user gave (by config key, values
 * already parsed or raw), defaults for the rest, and the checks between options.
 */
export function resolveTrainConfig(given: Partial<Record<ConfigKey, unknown>>): TrainConfig {
  const config = resolveOptions(TRAIN_OPTIONS, given);
  if (given.gpWeight !== undefined && config.loss !== 'wgan-gp') {
    throw new UserError(`--gp-weight: applies to --loss wgan-gp only (the loss is ${config.loss}); use --r1-weight for a penalty with other losses`);
  }
  if (config.dFourierPeriod > 0 && config.dFourier === 0) {
    throw new UserError('--d-fourier-period: D has no Fourier bands (--d-fourier 0); give --d-fourier K as well');
  }
  if (config.dFourierWarmup > 0 && config.dFourier === 0) {
    throw new UserError('--d-fourier-warmup: D has no Fourier bands to open (--d-fourier 0); give --d-fourier K as well');
  }
  if (config.dAdamBeta1 < 0 && config.dAdamBeta1 !== SAME_AS_ADAM_BETA1) {
    throw new UserError(`--d-adam-beta1: ${config.dAdamBeta1} is not valid; expected a number from 0 to 0.9999, or ${SAME_AS_ADAM_BETA1} for --adam-beta1's`);
  }
  if (config.batchSize % config.pack !== 0) {
    throw new UserError(`--pack: ${config.pack} does not divide --batch-size ${config.batchSize}; D's packs must all be full`);
  }
  return config;
}

/** Defaults for every option: the seed demo's run. */
export function defaultTrainConfig(): TrainConfig {
  return resolveTrainConfig({});
}

/** The options whose values differ between two configs, by flag, restricted to those fixed on resume. */
export function conflictingOptions<C = TrainConfig>(
  saved: C, requested: Partial<C>, table: readonly OptionSpec<C>[] = TRAIN_OPTIONS as unknown as readonly OptionSpec<C>[],
): string[] {
  const conflicts: string[] = [];
  for (const spec of table) {
    if (spec.onResume !== 'fixed') continue;
    const wanted = requested[spec.key];
    if (wanted === undefined) continue;
    if (JSON.stringify(wanted) !== JSON.stringify(saved[spec.key])) {
      conflicts.push(`--${spec.flag} ${formatValue(wanted)} (the checkpoint has ${formatValue(saved[spec.key])})`);
    }
  }
  return conflicts;
}

/** The config as checkpoint.json and summary.json record it: options marked writtenWhenSet are left out at their older value. */
export function recordedConfig(config: TrainConfig): Partial<TrainConfig> {
  const recorded: Partial<TrainConfig> = structuredClone(config);
  for (const spec of TRAIN_OPTIONS) {
    if (spec.writtenWhenSet && JSON.stringify(config[spec.key]) === JSON.stringify(spec.olderCheckpoints)) delete recorded[spec.key];
  }
  return recorded;
}

export function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
