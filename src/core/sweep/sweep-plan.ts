/**
 * A sweep's runs: every target × every combination of axis values × every seed, each
 * with a stable, readable folder name made of its settings, and the train options it gets.
 * A run takes only the settings its model has (sweep-spec.ts): with model on an axis, the
 * flow's runs leave out a GAN-only axis, so its combinations that differ only there are one run.
 */
import { formatValue, resolveTrainConfig, type TrainConfig } from '../gan/config.js';
import { resolveRunConfig } from '../gan/presets.js';
import { appliesToModel, resolveFlowConfig, type FlowConfig, type ModelName } from '../flow/config.js';
import { SWEEP_OPTIONS, type SweepConfig, type SweepOptions, type SweepSpec, type SweepTarget, type TrainValue } from './sweep-spec.js';

export interface AxisSetting {
  /** The option's flag, e.g. "loss". */
  flag: string;
  value: TrainValue;
}

export interface SweepRun {
  /** Folder name: "grid__loss=hinge__d-hidden=128x128__seed=2". Unique in the sweep. */
  name: string;
  target: SweepTarget;
  model: ModelName;
  /** One per axis the run's model has, in the sweep file's order. */
  settings: AxisSetting[];
  /** The configuration's label, shared by its seeds: "loss=hinge, d-hidden=128x128" ("base" when nothing varies). */
  configuration: string;
  seed: number;
  /** The options given to train (base, settings, seed; its model's only); train's defaults fill the rest. */
  options: SweepOptions;
}

/** A value as it appears in names: layer widths joined by "x" so commas never split a name. */
export function valueText(value: TrainValue): string {
  return Array.isArray(value) ? value.join('x') : String(value);
}

export function configurationLabel(settings: readonly AxisSetting[]): string {
  return settings.length === 0 ? 'base' : settings.map((s) => `${s.flag}=${valueText(s.value)}`).join(', ');
}

export function runName(target: SweepTarget, settings: readonly AxisSetting[], seed: number): string {
  return [target.name, ...settings.map((s) => `${s.flag}=${valueText(s.value)}`), `seed=${seed}`].join('__');
}

/** A setting (or base option) the model has: the model itself, shared options, and its own. */
function applies(flag: string, model: ModelName): boolean {
  return flag === 'model' || appliesToModel(flag, model);
}

export interface SweepConfiguration {
  model: ModelName;
  settings: AxisSetting[];
}

/**
 * Every distinct configuration, the first axis varying slowest: each combination of the
 * axes' values, less the settings its model does not have (so a GAN-only axis does not
 * repeat the flow's runs).
 */
export function sweepConfigurations(spec: SweepSpec): SweepConfiguration[] {
  let combinations: AxisSetting[][] = [[]];
  for (const axis of spec.axes) {
    combinations = combinations.flatMap((partial) => axis.values.map((value) => [...partial, { flag: axis.spec.flag, value }]));
  }
  const seen = new Set<string>();
  const configurations: SweepConfiguration[] = [];
  for (const combination of combinations) {
    const model = (combination.find((s) => s.flag === 'model')?.value ?? spec.base.model ?? 'gan') as ModelName;
    const settings = combination.filter((s) => applies(s.flag, model));
    const label = configurationLabel(settings);
    if (seen.has(label)) continue;
    seen.add(label);
    configurations.push({ model, settings });
  }
  return configurations;
}

/** The run's full config, as `gan2d train` resolves its options (a GAN's over its input's recipe). */
export function runConfig(run: Pick<SweepRun, 'model' | 'options' | 'target'>): TrainConfig | FlowConfig {
  return run.model === 'flow'
    ? resolveFlowConfig(run.options as Partial<FlowConfig>)
    : resolveRunConfig(run.target.source, run.options as Partial<TrainConfig>);
}

export function expandSweep(spec: SweepSpec): SweepRun[] {
  const runs: SweepRun[] = [];
  for (const target of spec.targets) {
    for (const { model, settings } of sweepConfigurations(spec)) {
      for (const seed of spec.seeds) {
        const options: Partial<Record<keyof SweepConfig, TrainValue>> = {};
        for (const [key, value] of Object.entries(spec.base) as [keyof SweepConfig, TrainValue][]) {
          const option = SWEEP_OPTIONS.find((o) => o.key === key);
          if (option && applies(option.flag, model)) options[key] = value;
        }
        for (const setting of settings) {
          const option = SWEEP_OPTIONS.find((o) => o.flag === setting.flag);
          if (option) options[option.key] = setting.value;
        }
        options.seed = seed;
        // The gradient-penalty weight is wgan-gp's alone: other losses in the same sweep run without it.
        if (options.loss !== 'wgan-gp') delete options.gpWeight;
        if (model === 'flow') resolveFlowConfig(options as Partial<FlowConfig>);
        else resolveTrainConfig(options as Partial<TrainConfig>); // the checks between options, once per run
        runs.push({
          name: runName(target, settings, seed),
          target,
          model,
          settings,
          configuration: configurationLabel(settings),
          seed,
          options: options as SweepOptions,
        });
      }
    }
  }
  return runs;
}

/** The run's options as `gan2d train` flags, in the options tables' order (--model first). */
export function trainArguments(options: SweepOptions): string[] {
  const args: string[] = [];
  for (const spec of SWEEP_OPTIONS) {
    const value = options[spec.key];
    if (value !== undefined) args.push(`--${spec.flag}`, formatValue(value));
  }
  return args;
}
