/**
 * A sweep's runs: every target × every combination of axis values × every seed, each
 * with a stable, readable folder name made of its settings, and the train options it gets.
 */
import { TRAIN_OPTIONS, formatValue, resolveTrainConfig, type TrainConfig } from '../gan/config.js';
import type { SweepSpec, SweepTarget, TrainValue } from './sweep-spec.js';

export interface AxisSetting {
  /** The option's flag, e.g. "loss". */
  flag: string;
  value: TrainValue;
}

export interface SweepRun {
  /** Folder name: "grid__loss=hinge__d-hidden=128x128__seed=2". Unique in the sweep. */
  name: string;
  target: SweepTarget;
  /** One per axis, in the sweep file's order. */
  settings: AxisSetting[];
  /** The configuration's label, shared by its seeds: "loss=hinge, d-hidden=128x128" ("base" when nothing varies). */
  configuration: string;
  seed: number;
  /** The options given to train (base, settings, seed); train's defaults fill the rest. */
  options: Partial<TrainConfig>;
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

/** Every combination of the axes' values, the first axis varying slowest. */
function combinations(spec: SweepSpec): AxisSetting[][] {
  let result: AxisSetting[][] = [[]];
  for (const axis of spec.axes) {
    result = result.flatMap((partial) => axis.values.map((value) => [...partial, { flag: axis.spec.flag, value }]));
  }
  return result;
}

export function expandSweep(spec: SweepSpec): SweepRun[] {
  const runs: SweepRun[] = [];
  for (const target of spec.targets) {
    for (const settings of combinations(spec)) {
      for (const seed of spec.seeds) {
        const options: Partial<Record<keyof TrainConfig, TrainValue>> = { ...spec.base };
        for (const setting of settings) {
          const option = TRAIN_OPTIONS.find((o) => o.flag === setting.flag);
          if (option) options[option.key] = setting.value;
        }
        options.seed = seed;
        // The gradient-penalty weight is wgan-gp's alone: other losses in the same sweep run without it.
        if (options.loss !== 'wgan-gp') delete options.gpWeight;
        resolveTrainConfig(options); // the checks between options, once per run
        runs.push({
          name: runName(target, settings, seed),
          target,
          settings,
          configuration: configurationLabel(settings),
          seed,
          options: options as Partial<TrainConfig>,
        });
      }
    }
  }
  return runs;
}

/** The run's options as `gan2d train` flags, in the options table's order. */
export function trainArguments(options: Partial<TrainConfig>): string[] {
  const args: string[] = [];
  for (const spec of TRAIN_OPTIONS) {
    const value = options[spec.key];
    if (value !== undefined) args.push(`--${spec.flag}`, formatValue(value));
  }
  return args;
}
