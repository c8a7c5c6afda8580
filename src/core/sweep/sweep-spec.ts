/**
 * What a sweep file asks for, checked field by field against the training options
 * tables (src/core/gan/config.ts, src/core/flow/config.ts): the targets, the base options,
 * the axes to vary, the seeds and the metrics. Every complaint names the file, line and field.
 *
 *   name: grid-losses                # optional; the file's name otherwise
 *   question: Which loss keeps all 25 modes?   # optional; leads the report
 *   targets: builtin:grid            # or a list; pictures relative to the sweep file
 *   base: { iterations: 1500, optimizer: adam }   # any train option, by flag or key
 *   axes: { loss: [nonsaturating, hinge] }        # every combination runs
 *   seeds: 3                         # seeds 1..3, or a list such as [7, 8]
 *   metrics: [modes, highQuality]    # optional; all that apply otherwise
 *
 * `model` (gan or flow) is an option like the others: in base, or an axis ({model: [gan, flow]}).
 * An option of one model only applies to that model's runs: with both models on an axis, the
 * other model's runs go without it (an axis of it does not multiply them); when no run of the
 * sweep is of its model, it is refused.
 */
import { BUILTIN_PREFIX, builtinTarget, isBuiltinName } from '../density/builtins.js';
import { UserError } from '../errors.js';
import { describeRange, parseOptionValue, type OptionSpec, type TrainConfig } from '../gan/config.js';
import { appliesToModel, EVERY_MODEL_OPTION, MODELS, type FlowConfig, type ModelName } from '../flow/config.js';
import { sweepFileError, type FieldPath, type SweepDocument } from './sweep-document.js';
import { SWEEP_METRICS, findSweepMetric, metricsForKinds, type TargetKind } from './sweep-metrics.js';

/** Every option a sweep's run can set: either model's, and the model itself. */
export type SweepConfig = TrainConfig & FlowConfig & { model: ModelName };
export type SweepOptions = Partial<SweepConfig>;
export type TrainValue = SweepConfig[keyof SweepConfig];
export type SweepOptionSpec = OptionSpec<SweepConfig>;

/** `model` as a row of the options table, so that it can be in base or on an axis like any option. */
export const MODEL_OPTION: SweepOptionSpec = {
  key: 'model', flag: 'model', kind: 'choice', choices: MODELS, default: 'gan', onResume: 'fixed',
  help: 'the model family: gan or flow',
};

/** The rows a sweep file's keys may name: the model, then both models' options. */
export const SWEEP_OPTIONS: readonly SweepOptionSpec[] = [MODEL_OPTION, ...(EVERY_MODEL_OPTION as unknown as SweepOptionSpec[])];

function findSweepOption(flagOrKey: string): SweepOptionSpec | undefined {
  return SWEEP_OPTIONS.find((spec) => spec.flag === flagOrKey || spec.key === flagOrKey);
}

export interface SweepTarget {
  /** As written in the sweep file: builtin:NAME, or a picture or folder path relative to the sweep file. */
  source: string;
  /** Short and folder-safe: the builtin's name or the file's base name. */
  name: string;
  kind: TargetKind;
  /** Where the sweep file names it (for complaints about a missing picture). */
  path: FieldPath;
}

export interface SweepAxis {
  spec: SweepOptionSpec;
  values: TrainValue[];
  path: FieldPath;
}

export interface SweepSpec {
  name: string;
  question?: string;
  targets: SweepTarget[];
  /** Options every run shares, as given (train's defaults fill the rest); an option of one model applies to its runs only. */
  base: SweepOptions;
  axes: SweepAxis[];
  /** The models its runs train: the model axis's values, or base's model (gan by default). */
  models: ModelName[];
  seeds: number[];
  metrics: string[];
}

const FIELDS = ['name', 'question', 'targets', 'target', 'base', 'axes', 'seeds', 'metrics'] as const;
const MAX_SEEDS = 10_000;
const MAX_RUNS = 100_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The option a name most likely meant, by edit distance, for "did you mean". */
function closestOption(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const spec of SWEEP_OPTIONS) {
    const distance = editDistance(name.toLowerCase(), spec.flag);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = spec.flag;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The option table's message without its own "--flag: " lead, which the field name replaces. */
function optionProblem(error: unknown): string {
  if (error instanceof UserError) return error.message.replace(/^--[a-z0-9-]+: /, '');
  throw error;
}

export function targetName(source: string): string {
  if (source.startsWith(BUILTIN_PREFIX)) return source.slice(BUILTIN_PREFIX.length);
  const last = source.replace(/[/\\]+$/, '').split(/[/\\]/).pop() ?? '';
  const stem = last.includes('.') && !last.startsWith('.') ? last.slice(0, last.lastIndexOf('.')) : last;
  return stem.replace(/[^A-Za-z0-9._-]+/g, '_') || 'target';
}

/** Checks a parsed sweep file. `defaultName` names the sweep when the file does not. */
export function readSweepSpec(document: SweepDocument, defaultName: string): SweepSpec {
  const fail = (path: FieldPath, message: string): UserError => sweepFileError(document, path, message);
  const data = document.data;
  if (!isRecord(data)) {
    throw fail([], 'expected a mapping with the fields targets, base, axes, seeds and metrics');
  }
  for (const key of Object.keys(data)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw fail([key], `unknown field (expected ${FIELDS.filter((f) => f !== 'target').join(', ')})`);
    }
  }

  const name = readText(data, 'name', fail) ?? defaultName;
  const question = readText(data, 'question', fail);
  const targets = readTargets(data, fail);
  const base = readBase(data, fail);
  const axes = readAxes(data, base, fail);
  const seeds = readSeeds(data, fail);
  const metrics = readMetrics(data, targets, fail);
  const models = sweepModels(base, axes);
  checkModelOptions(data, axes, models, fail);
  checkGradientPenalty(data, base, axes, fail);

  const runs = targets.length * seeds.length * axes.reduce((n, axis) => n * axis.values.length, 1);
  if (runs > MAX_RUNS) throw fail(['axes'], `${runs} runs is more than ${MAX_RUNS}; split the sweep`);
  return { name, question, targets, base, axes, models, seeds, metrics };
}

type Fail = (path: FieldPath, message: string) => UserError;

function readText(data: Record<string, unknown>, key: string, fail: Fail): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw fail([key], 'expected a non-empty text');
  return value.trim();
}

function readTargets(data: Record<string, unknown>, fail: Fail): SweepTarget[] {
  if (data.target !== undefined && data.targets !== undefined) {
    throw fail(['target'], 'give either target or targets, not both');
  }
  const key = data.targets !== undefined ? 'targets' : 'target';
  const raw = data[key];
  if (raw === undefined || raw === null) {
    throw fail([], 'missing field targets (a picture, a folder of pictures, or builtin:NAME; or a list of them)');
  }
  const listed = Array.isArray(raw);
  const items: unknown[] = listed ? raw : [raw];
  if (items.length === 0) throw fail([key], 'expected at least one target');
  const targets: SweepTarget[] = [];
  items.forEach((item, i) => {
    const path = listed ? [key, i] : [key];
    if (typeof item !== 'string' || item.trim() === '') {
      throw fail(path, 'expected a picture path or builtin:NAME');
    }
    const source = item.trim();
    let kind: TargetKind = 'picture';
    if (source.startsWith(BUILTIN_PREFIX)) {
      const builtin = source.slice(BUILTIN_PREFIX.length);
      if (!isBuiltinName(builtin)) throw fail(path, `unknown builtin "${builtin}" (gan2d sample --help lists them)`);
      kind = builtinTarget(builtin).kind;
    }
    const target = { source, name: targetName(source), kind, path };
    const clash = targets.find((other) => other.name === target.name);
    if (clash) throw fail(path, `"${source}" and "${clash.source}" would share the run folder name "${target.name}"`);
    targets.push(target);
  });
  return targets;
}

/** The option a sweep-file key names (flag or config key), or a complaint naming a close match. */
function optionFor(key: string, path: FieldPath, fail: Fail): SweepOptionSpec {
  const spec = findSweepOption(key);
  if (!spec) {
    const suggestion = closestOption(key);
    throw fail(path, `unknown option "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (gan2d train --help lists the options)`);
  }
  if (spec.key === 'seed') {
    throw fail(path, 'seeds go in the top-level field seeds (a count such as 3, or a list such as [1, 2, 3])');
  }
  return spec;
}

function readBase(data: Record<string, unknown>, fail: Fail): SweepOptions {
  const raw = data.base;
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw fail(['base'], 'expected a mapping of train options, such as {iterations: 500}');
  const base: Partial<Record<keyof SweepConfig, TrainValue>> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = optionFor(key, ['base', key], fail);
    if (base[spec.key] !== undefined) throw fail(['base', key], `--${spec.flag} is given twice`);
    try {
      base[spec.key] = parseOptionValue(spec, value);
    } catch (error) {
      throw fail(['base', key], optionProblem(error));
    }
  }
  return base as SweepOptions;
}

function readAxes(data: Record<string, unknown>, base: SweepOptions, fail: Fail): SweepAxis[] {
  const raw = data.axes;
  if (raw === undefined || raw === null) return [];
  if (!isRecord(raw)) throw fail(['axes'], 'expected a mapping of train options to lists of values, such as {loss: [lsgan, hinge]}');
  const axes: SweepAxis[] = [];
  for (const [key, list] of Object.entries(raw)) {
    const path = ['axes', key];
    const spec = optionFor(key, path, fail);
    if (base[spec.key] !== undefined) throw fail(path, `--${spec.flag} is also in base; give it in one place`);
    if (axes.some((axis) => axis.spec.key === spec.key)) throw fail(path, `--${spec.flag} is given twice`);
    if (!Array.isArray(list) || list.length === 0) {
      throw fail(path, `expected a non-empty list of values, each ${describeRange(spec)}`);
    }
    const values: TrainValue[] = [];
    list.forEach((item, i) => {
      let value: TrainValue;
      try {
        value = parseOptionValue(spec, item);
      } catch (error) {
        throw fail([...path, i], optionProblem(error));
      }
      if (values.some((other) => JSON.stringify(other) === JSON.stringify(value))) {
        throw fail([...path, i], `${JSON.stringify(item)} is listed twice`);
      }
      values.push(value);
    });
    axes.push({ spec, values, path });
  }
  return axes;
}

function readSeeds(data: Record<string, unknown>, fail: Fail): number[] {
  const raw = data.seeds;
  if (raw === undefined || raw === null) return [1];
  const seedSpec = findSweepOption('seed') as SweepOptionSpec;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 1 || raw > MAX_SEEDS) {
      throw fail(['seeds'], `a count of seeds must be an integer from 1 to ${MAX_SEEDS} (or give a list of seeds)`);
    }
    return Array.from({ length: raw }, (_, i) => i + 1);
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw fail(['seeds'], 'expected a count such as 3 (seeds 1, 2, 3) or a non-empty list of seeds');
  }
  const seeds: number[] = [];
  raw.forEach((item, i) => {
    let seed: number;
    try {
      seed = parseOptionValue(seedSpec, item) as number;
    } catch (error) {
      throw fail(['seeds', i], optionProblem(error));
    }
    if (seeds.includes(seed)) throw fail(['seeds', i], `seed ${seed} is listed twice`);
    seeds.push(seed);
  });
  return seeds;
}

function readMetrics(data: Record<string, unknown>, targets: readonly SweepTarget[], fail: Fail): string[] {
  const kinds = [...new Set(targets.map((target) => target.kind))];
  const raw = data.metrics;
  if (raw === undefined || raw === null) return metricsForKinds(kinds);
  const listed = Array.isArray(raw);
  const items: unknown[] = listed ? raw : [raw];
  if (items.length === 0) throw fail(['metrics'], 'expected at least one metric');
  const names: string[] = [];
  items.forEach((item, i) => {
    const path = listed ? ['metrics', i] : ['metrics'];
    const metric = typeof item === 'string' ? findSweepMetric(item) : undefined;
    if (!metric) {
      throw fail(path, `unknown metric ${JSON.stringify(item)} (expected one of ${SWEEP_METRICS.map((m) => m.name).join(', ')})`);
    }
    if (!kinds.includes(metric.kind)) {
      const which = metric.kind === 'mixture' ? 'builtin:ring or builtin:grid' : 'pictures';
      throw fail(path, `${metric.name} applies to ${which}, and this sweep has no such target`);
    }
    if (names.includes(metric.name)) throw fail(path, `${metric.name} is listed twice`);
    names.push(metric.name);
  });
  return names;
}

function sweepModels(base: SweepOptions, axes: readonly SweepAxis[]): ModelName[] {
  const modelAxis = axes.find((axis) => axis.spec.key === 'model');
  return modelAxis ? (modelAxis.values as ModelName[]) : [base.model ?? 'gan'];
}

/** The model an option belongs to alone, or undefined when both have it. */
function onlyModel(flag: string): ModelName | undefined {
  return MODELS.find((model) => !appliesToModel(flag, model === 'gan' ? 'flow' : 'gan'));
}

/** An option of one model is refused when no run of the sweep is of that model (it would change nothing). */
function checkModelOptions(
  data: Record<string, unknown>, axes: readonly SweepAxis[], models: readonly ModelName[], fail: Fail,
): void {
  const runs = models.map((model) => `--model ${model}`).join(' and ');
  const hint = (model: ModelName): string => `set model: ${model} in base, or put model: [gan, flow] on the axes`;
  for (const key of Object.keys((data.base ?? {}) as Record<string, unknown>)) {
    const spec = findSweepOption(key) as SweepOptionSpec;
    const only = spec.key === 'model' ? undefined : onlyModel(spec.flag);
    if (only !== undefined && !models.includes(only)) {
      throw fail(['base', key], `applies to --model ${only} only, and this sweep runs ${runs} only (${hint(only)})`);
    }
  }
  for (const axis of axes) {
    const only = axis.spec.key === 'model' ? undefined : onlyModel(axis.spec.flag);
    if (only !== undefined && !models.includes(only)) {
      throw fail(axis.path, `applies to --model ${only} only, and this sweep runs ${runs} only (${hint(only)})`);
    }
  }
}

/** The gradient-penalty weight only means something for wgan-gp: refuse a sweep that sets it for other losses. */
function checkGradientPenalty(
  data: Record<string, unknown>, base: SweepOptions, axes: readonly SweepAxis[], fail: Fail,
): void {
  const lossAxis = axes.find((axis) => axis.spec.key === 'loss');
  const losses = lossAxis ? (lossAxis.values as string[]) : [base.loss ?? 'nonsaturating'];
  const other = losses.find((loss) => loss !== 'wgan-gp');
  const gpAxis = axes.find((axis) => axis.spec.key === 'gpWeight');
  if (other === undefined) return;
  if (gpAxis) throw fail(gpAxis.path, `applies to loss wgan-gp only, and this sweep also runs loss ${other}`);
  if (base.gpWeight !== undefined && !lossAxis) {
    const key = Object.keys(data.base as Record<string, unknown>).find((k) => findSweepOption(k)?.key === 'gpWeight') ?? 'gp-weight';
    throw fail(['base', key], `applies to loss wgan-gp only (the loss is ${other}); use r1-weight for a penalty with other losses`);
  }
}
