/**
 * The page's options for either model: the GAN's table (core/gan/config.ts) or the flow's
 * (core/flow/config.ts, which shares the GAN's rows by flag), the run a set of given options
 * resolves to, and what a switch of model keeps: the options both models have, by flag.
 */
import { resolveTrainConfig, TRAIN_OPTIONS, type OptionSpec, type TrainConfig } from '../core/gan/config.js';
import { FLOW_OPTIONS, resolveFlowConfig, type FlowConfig, type ModelName } from '../core/flow/config.js';
import type { ModelRun } from './protocol.js';

/** A key of either model's config. */
export type OptionKey = keyof TrainConfig | keyof FlowConfig;
/** The options a user set (by hand or by a link), by config key; the rest come from the settings base, then the defaults. */
export type GivenOptions = Partial<Record<OptionKey, unknown>>;
/** A row of either table (read by key and flag only, so one type serves both). */
export type AnyOptionSpec = OptionSpec<Record<OptionKey, unknown>>;

/** The model's option table. */
export function optionTable(model: ModelName): readonly AnyOptionSpec[] {
  return (model === 'flow' ? FLOW_OPTIONS : TRAIN_OPTIONS) as unknown as readonly AnyOptionSpec[];
}

/** Every option of either model, once each, by key (the GAN's rows first). */
export function allOptions(): AnyOptionSpec[] {
  const gan = optionTable('gan');
  return [...gan, ...optionTable('flow').filter((spec) => !gan.some((other) => other.key === spec.key))];
}

/** The model's row for a flag or key, if it has one. */
export function findModelOption(model: ModelName, flagOrKey: string): AnyOptionSpec | undefined {
  return optionTable(model).find((spec) => spec.flag === flagOrKey || spec.key === flagOrKey);
}

/** The run the options resolve to (throws a UserError as the CLI would on a bad value). */
export function resolveModelRun(model: ModelName, given: GivenOptions): ModelRun {
  return model === 'flow' ? { model, config: resolveFlowConfig(given) } : { model, config: resolveTrainConfig(given) };
}

/** The options of `given` the model has: what a switch of model keeps (the shared ones, as seed or batch size). */
export function optionsOf(model: ModelName, given: GivenOptions): GivenOptions {
  const kept: GivenOptions = {};
  for (const spec of optionTable(model)) if (given[spec.key] !== undefined) kept[spec.key] = given[spec.key];
  return kept;
}

/**
 * What a flow's options start from on the page: its recommended recipe (FLOW_OPTIONS' defaults,
 * as `gan2d train INPUT --model flow`), with a chart point every 100 iterations rather than
 * the CLI's frame every 1,000 (a display setting, as the GAN's page base leaves out the CLI's).
 */
export const FLOW_PAGE_BASE: GivenOptions = { displayInterval: 100 };
