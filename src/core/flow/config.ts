/**
 * The flow's options: its own (network width, learning rate, Fourier features, time sampling,
 * the ODE solver) and the rows it shares with the GAN's table by flag (core/gan/config.ts), so
 * an option that means the same for both models has one name, one range and one help text.
 * The defaults are the recommended flow recipe (docs/benchmarks/flow-recipe.md): `gan2d train
 * INPUT --model flow` with no other option trains with them on any input.
 */
import { UserError } from '../errors.js';
import type { RunConfig } from '../model/run-config.js';
import {
  resolveOptions, TRAIN_OPTIONS,
  type ActivationName, type OptionSpec,
} from '../gan/config.js';
import { ODE_SOLVERS, ODE_SPACINGS, type OdeSolverName, type OdeSpacing } from './ode.js';

/** How the time of each training pair is drawn: uniform on [0, 1], σ(n) for a standard normal n (more weight mid-way), √u (density 2t: more weight near the data) or ∛u (density 3t²: more still). */
export const TIME_SAMPLINGS = ['uniform', 'logit-normal', 'late', 'later'] as const;
export type TimeSampling = (typeof TIME_SAMPLINGS)[number];

/** The flow's options: the run's (core/model/run-config.ts) and its own. */
export interface FlowConfig extends RunConfig {
  /** The velocity network's hidden layer widths. */
  hidden: number[];
  activation: ActivationName;
  /** Adam's learning rate. */
  lr: number;
  adamBeta1: number;
  adamBeta2: number;
  /** Frequencies of the points' Fourier features (0: the raw point alone). */
  fourierFeatures: number;
  /** Frequencies of the time embedding. */
  timeFeatures: number;
  timeSampling: TimeSampling;
  odeSolver: OdeSolverName;
  odeSteps: number;
  /** Where the solver's steps fall in [0, 1] (ode.ts). */
  odeSpacing: OdeSpacing;
}

/** The GAN's row for a flag, as a row of the flow's table (the key names the same field in both configs). */
function shared(flag: string, overrides: Partial<OptionSpec<FlowConfig>> = {}): OptionSpec<FlowConfig> {
  const row = TRAIN_OPTIONS.find((spec) => spec.flag === flag);
  if (row === undefined) throw new Error(`no GAN option --${flag}`);
  return { ...row, ...overrides } as unknown as OptionSpec<FlowConfig>;
}

/** The table, in --help order. Defaults: the recommended recipe. */
export const FLOW_OPTIONS: readonly OptionSpec<FlowConfig>[] = [
  shared('iterations', { default: 100_000, help: 'training iterations (each: one Adam step of the velocity network)' }),
  shared('batch-size', { default: 512, help: 'training pairs (noise, target point) per step' }),
  { key: 'hidden', flag: 'hidden', kind: 'layers', min: 1, max: 4096, maxLayers: 16, default: [128, 128, 128], onResume: 'fixed',
    help: "the velocity network's hidden layer widths (--model flow), a comma list such as 128,128,128" },
  shared('activation', { default: 'elu', help: 'hidden activation of the velocity network' } as Partial<OptionSpec<FlowConfig>>),
  { key: 'lr', flag: 'lr', kind: 'number', min: 0, minExclusive: true, max: 10, default: 2e-3, onResume: 'fixed',
    help: "the velocity network's Adam learning rate (--model flow)" },
  shared('adam-beta1', { default: 0.9 }),
  shared('adam-beta2', { default: 0.999 }),
  shared('lr-decay', { default: 0.3 }), // a --time-limit run fits the decay into its time (core/model/schedule.ts)
  shared('ema-decay', { default: 0.999 }),
  { key: 'fourierFeatures', flag: 'fourier-features', kind: 'integer', min: 0, max: 16, default: 6, onResume: 'fixed',
    help: 'frequencies of the Fourier features of a point, π/2 · 2^k for k < N, beside the point itself (--model flow; 0: off)' },
  { key: 'timeFeatures', flag: 'time-features', kind: 'integer', min: 1, max: 32, default: 6, onResume: 'fixed',
    help: 'frequencies of the sinusoidal time embedding, π/2 · 2^k for k < N, beside t itself (--model flow)' },
  { key: 'timeSampling', flag: 'time-sampling', kind: 'choice', choices: TIME_SAMPLINGS, default: 'later', onResume: 'fixed',
    help: 'how the time of each training pair is drawn (--model flow): uniform, logit-normal (σ of a standard normal), late (√ of a uniform: more pairs near the data), or later (∛ of a uniform: more still)' },
  { key: 'odeSolver', flag: 'ode-solver', kind: 'choice', choices: ODE_SOLVERS, default: 'midpoint', onResume: 'free',
    help: 'the ODE solver that carries noise to points when sampling (--model flow)' },
  { key: 'odeSteps', flag: 'ode-steps', kind: 'integer', min: 1, max: 10_000, default: 32, onResume: 'free',
    help: 'steps of the ODE solver from t = 0 to 1 (--model flow)' },
  { key: 'odeSpacing', flag: 'ode-spacing', kind: 'choice', choices: ODE_SPACINGS, default: 'quadratic', onResume: 'free', olderCheckpoints: 'uniform',
    help: 'where the ODE steps fall (--model flow): uniform, or quadratic (t = 1 − (1 − k/N)², shorter steps toward the data)' },
  shared('display-interval', { default: 1000 }),
  shared('seed'),
  shared('threads'),
  shared('checkpoint-interval', { default: 5000 }),
  shared('export-samples'),
  shared('samples-format'),
  // The final 20,000-point evaluation integrates the ODE after training stops: 42 s of training keeps a run within 60 s.
  shared('time-limit', { default: 42 }),
];

export const MODELS = ['gan', 'flow'] as const;
export type ModelName = (typeof MODELS)[number];

/** The flags of one model that the other does not have: given to the other, they are refused. */
export function modelOnlyFlags(model: ModelName): string[] {
  const flow = new Set(FLOW_OPTIONS.map((spec) => spec.flag));
  const gan = new Set(TRAIN_OPTIONS.map((spec) => spec.flag));
  return model === 'flow'
    ? [...flow].filter((flag) => !gan.has(flag))
    : [...gan].filter((flag) => !flow.has(flag));
}

/** Refuses, in one line, options given by config key that belong to the other model. */
export function refuseOtherModelOptions(model: ModelName, givenFlags: readonly string[]): void {
  const other: ModelName = model === 'gan' ? 'flow' : 'gan';
  const foreign = new Set(modelOnlyFlags(other));
  const wrong = givenFlags.filter((flag) => foreign.has(flag));
  if (wrong.length > 0) {
    throw new UserError(`--model ${model}: ${wrong.map((flag) => `--${flag}`).join(', ')} ${wrong.length > 1 ? 'are options' : 'is an option'} of --model ${other} only`);
  }
}

/** A row of either model's table (the GAN's and the flow's share the fields they both have). */
export type AnyOptionSpec = OptionSpec<Record<string, unknown>>;

/** Every flag of both models' tables, once: the GAN's rows, then the flow's own. */
export const EVERY_MODEL_OPTION: readonly AnyOptionSpec[] = [
  ...(TRAIN_OPTIONS as unknown as AnyOptionSpec[]),
  ...(FLOW_OPTIONS as unknown as AnyOptionSpec[]).filter((spec) => !TRAIN_OPTIONS.some((gan) => gan.flag === spec.flag)),
];

/** One model's table of options. */
export function optionsOfModel(model: ModelName): readonly AnyOptionSpec[] {
  return (model === 'flow' ? FLOW_OPTIONS : TRAIN_OPTIONS) as unknown as readonly AnyOptionSpec[];
}

/** Whether a flag (of either table) means something to the model: shared flags and its own do. */
export function appliesToModel(flag: string, model: ModelName): boolean {
  return optionsOfModel(model).some((spec) => spec.flag === flag);
}

export function findFlowOption(flagOrKey: string): OptionSpec<FlowConfig> | undefined {
  return FLOW_OPTIONS.find((spec) => spec.flag === flagOrKey || spec.key === flagOrKey);
}

export function resolveFlowConfig(given: Partial<Record<keyof FlowConfig, unknown>>): FlowConfig {
  return resolveOptions(FLOW_OPTIONS, given);
}

export function defaultFlowConfig(): FlowConfig {
  return resolveFlowConfig({});
}
