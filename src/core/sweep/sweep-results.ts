/**
 * From each run's final metrics to one row per configuration and target: mean and
 * standard error over seeds for every metric, and the best configuration per target.
 */
import { findSweepMetric, isBetter, type SweepMetric } from './sweep-metrics.js';
import type { AxisSetting, SweepRun } from './sweep-plan.js';
import type { SweepSpec, SweepTarget } from './sweep-spec.js';

export interface RunOutcome {
  run: SweepRun;
  /** The run's final metrics; undefined when it has not finished. */
  metrics: Readonly<Record<string, number>> | undefined;
  /** The loss became NaN or infinite: the run ended without final metrics, and that is its result. */
  diverged?: boolean;
}

export interface MetricStats {
  mean: number;
  /** Sample standard deviation / √count; NaN with one value. */
  standardError: number;
  /** Completed runs with a finite value. */
  count: number;
}

export interface ConfigurationResult {
  target: SweepTarget;
  configuration: string;
  settings: AxisSetting[];
  /** Its runs, one per seed, in the sweep's seed order. */
  runs: SweepRun[];
  /** Runs with final metrics. */
  completed: number;
  /** Runs that diverged. */
  diverged: number;
  /** By metric name, for the metrics that apply to the target; undefined when no run has the figure. */
  stats: Record<string, MetricStats | undefined>;
}

export interface SweepResults {
  spec: SweepSpec;
  configurations: ConfigurationResult[];
  /** By target name: the best configuration by the target's first metric (ties: the next metrics). */
  best: Record<string, ConfigurationResult | undefined>;
  /** Runs with no result yet (neither finished nor diverged), in plan order. */
  missing: SweepRun[];
  /**
   * By target name and metric: the range of the metric's floor (the same figure for as many
   * exact samples, summary.json's `<metric>Floor`) over the target's runs, where runs give one.
   */
  floors: Record<string, Record<string, { min: number; max: number }>>;
}

export function meanAndStandardError(values: readonly number[]): MetricStats {
  const count = values.length;
  if (count === 0) return { mean: NaN, standardError: NaN, count };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / count;
  if (count === 1) return { mean, standardError: NaN, count };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, standardError: Math.sqrt(squares / (count - 1)) / Math.sqrt(count), count };
}

/** The sweep's metrics that apply to a target, in the sweep's order. */
export function targetMetrics(spec: SweepSpec, target: SweepTarget): SweepMetric[] {
  return spec.metrics.map((name) => findSweepMetric(name)).filter((m): m is SweepMetric => m !== undefined && m.kind === target.kind);
}

export function summariseSweep(spec: SweepSpec, outcomes: readonly RunOutcome[]): SweepResults {
  const groups = new Map<string, RunOutcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.run.target.name}\u0000${outcome.run.configuration}`;
    const group = groups.get(key);
    if (group) group.push(outcome);
    else groups.set(key, [outcome]);
  }
  const configurations: ConfigurationResult[] = [];
  for (const group of groups.values()) {
    const { target, configuration, settings } = group[0].run;
    const stats: Record<string, MetricStats | undefined> = {};
    for (const metric of targetMetrics(spec, target)) {
      const values = group
        .map((outcome) => outcome.metrics?.[metric.name])
        .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
      stats[metric.name] = values.length > 0 ? meanAndStandardError(values) : undefined;
    }
    configurations.push({
      target, configuration, settings,
      runs: group.map((outcome) => outcome.run),
      completed: group.filter((outcome) => outcome.metrics !== undefined).length,
      diverged: group.filter((outcome) => outcome.diverged === true).length,
      stats,
    });
  }
  const best: Record<string, ConfigurationResult | undefined> = {};
  for (const target of spec.targets) {
    best[target.name] = bestConfiguration(targetMetrics(spec, target), configurations.filter((c) => c.target.name === target.name));
  }
  const floors: SweepResults['floors'] = {};
  for (const { run, metrics } of outcomes) {
    for (const metric of targetMetrics(spec, run.target)) {
      const floor = metrics?.[`${metric.name}Floor`];
      if (typeof floor !== 'number' || !Number.isFinite(floor)) continue;
      const byMetric = (floors[run.target.name] ??= {});
      const range = byMetric[metric.name];
      byMetric[metric.name] = range ? { min: Math.min(range.min, floor), max: Math.max(range.max, floor) } : { min: floor, max: floor };
    }
  }
  return { spec, configurations, best, floors, missing: outcomes.filter((o) => o.metrics === undefined && o.diverged !== true).map((o) => o.run) };
}

/** Compares means metric by metric; the first strictly better one decides. Rows without the first metric never win. */
function bestConfiguration(metrics: readonly SweepMetric[], rows: readonly ConfigurationResult[]): ConfigurationResult | undefined {
  if (metrics.length === 0) return undefined;
  let best: ConfigurationResult | undefined;
  for (const row of rows) {
    if (row.stats[metrics[0].name] === undefined) continue;
    if (best === undefined || beats(metrics, row, best)) best = row;
  }
  return best;
}

function beats(metrics: readonly SweepMetric[], a: ConfigurationResult, b: ConfigurationResult): boolean {
  for (const metric of metrics) {
    const x = a.stats[metric.name]?.mean;
    const y = b.stats[metric.name]?.mean;
    if (x === undefined || y === undefined || x === y) continue;
    return isBetter(metric, x, y);
  }
  return false;
}
