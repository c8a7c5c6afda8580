/**
 * What a sweep report says, independent of markup: the lead paragraph, the best
 * configuration per target, one table per metric and the grid of final frames. The
 * Markdown and HTML renderers draw this same content, so the two never disagree.
 */
import { formatValue } from '../gan/config.js';
import { findSweepMetric, formatMetric, isBetter, type SweepMetric } from './sweep-metrics.js';
import { sweepConfigurations, trainArguments, type SweepRun } from './sweep-plan.js';
import { targetMetrics, type ConfigurationResult, type MetricStats, type SweepResults } from './sweep-results.js';
import { FINAL_POINTS } from '../model/final-evaluation.js';

/** Where a run's final frame is, relative to the report: a small copy and the full picture. */
export interface FrameLinks {
  thumbnail: string;
  full: string;
}
export type FrameLookup = (run: SweepRun) => FrameLinks | undefined;

/** Leads the list of configurations the best one does not clearly beat. */
export const NOISE_NOTE = 'Not clearly worse (means closer than their standard errors added):';

export interface TableCell {
  text: string;
  /** The best value of its column. */
  best: boolean;
}

export interface MetricTable {
  metric: SweepMetric;
  heading: string;
  /** The metric's floor on each target, when the runs report one: "floor (exact samples): 0.1930 on binary.png". */
  floor?: string;
  /** Axis columns, then one column per target the metric applies to. */
  columns: string[];
  rows: { settings: string[]; cells: (TableCell | undefined)[] }[];
}

export interface FrameGrid {
  target: string;
  columns: string[];
  rows: { settings: string[]; frames: ({ run: SweepRun; links: FrameLinks } | undefined)[] }[];
}

export interface ReportContent {
  title: string;
  question?: string;
  lead: string;
  everyRun: string;
  missing?: string;
  /** Per target: the best configuration, its figures, the metric that decided, and the runners-up it does not clearly beat. */
  best: { target: string; configuration: string; figures: string; by: string; close: string[] }[];
  tables: MetricTable[];
  frames: FrameGrid[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "24.3 ± 0.3", with a note when fewer seeds than planned count: "(2 of 3 seeds; 1 diverged)". */
function statsText(metric: SweepMetric, stats: MetricStats | undefined, planned: number, diverged: number): string {
  if (!stats) return diverged > 0 ? `diverged (${diverged} of ${planned} seeds)` : '—';
  const spread = Number.isFinite(stats.standardError) ? ` ± ${formatMetric(metric, stats.standardError)}` : '';
  const divergedNote = diverged > 0 ? `; ${diverged} diverged` : '';
  const partial = stats.count < planned ? ` (${stats.count} of ${planned} seeds${divergedNote})` : '';
  return `${formatMetric(metric, stats.mean)}${spread}${partial}`;
}

/** A sweep with flow runs and no model axis says its model in a column of its own, so no table leaves it to the lead. */
function baseModelColumn(results: SweepResults): boolean {
  const { spec } = results;
  return spec.models.includes('flow') && !spec.axes.some((axis) => axis.spec.key === 'model');
}

function axisColumns(results: SweepResults): string[] {
  const model = baseModelColumn(results) ? ['model'] : [];
  return [...model, ...(results.spec.axes.length > 0 ? results.spec.axes.map((axis) => axis.spec.flag) : ['configuration'])];
}

/** One cell per axis: its value, or "—" where the run's model does not have the option. */
function settingsCells(results: SweepResults, row: ConfigurationResult): string[] {
  const model = baseModelColumn(results) ? [results.spec.models[0]] : [];
  if (results.spec.axes.length === 0) return [...model, row.configuration];
  return [...model, ...results.spec.axes.map((axis) => {
    const setting = row.settings.find((s) => s.flag === axis.spec.flag);
    return setting === undefined ? '—' : formatValue(setting.value);
  })];
}

/** The configurations in plan order (first target's rows define the order; every target has the same ones). */
function configurationOrder(results: SweepResults): ConfigurationResult[] {
  const firstTarget = results.spec.targets[0].name;
  return results.configurations.filter((row) => row.target.name === firstTarget);
}

function metricTable(results: SweepResults, metric: SweepMetric): MetricTable {
  const { spec } = results;
  const targets = spec.targets.filter((target) => target.kind === metric.kind);
  const bestMean = new Map<string, number>();
  for (const row of results.configurations) {
    const mean = row.stats[metric.name]?.mean;
    if (mean === undefined) continue;
    const current = bestMean.get(row.target.name);
    if (current === undefined || isBetter(metric, mean, current)) bestMean.set(row.target.name, mean);
  }
  const rows = configurationOrder(results).map((ordered) => ({
    settings: settingsCells(results, ordered),
    cells: targets.map((target): TableCell | undefined => {
      const row = results.configurations.find((r) => r.target.name === target.name && r.configuration === ordered.configuration);
      if (!row) return undefined;
      const stats = row.stats[metric.name];
      return { text: statsText(metric, stats, spec.seeds.length, row.diverged), best: stats !== undefined && stats.mean === bestMean.get(target.name) };
    }),
  }));
  const floors = targets.flatMap((target) => {
    const range = results.floors[target.name]?.[metric.name];
    if (!range) return [];
    const text = range.min === range.max
      ? formatMetric(metric, range.min)
      : `${formatMetric(metric, range.min)}–${formatMetric(metric, range.max)}`;
    return [`${text} on ${target.source}`];
  });
  return {
    metric,
    heading: `${metric.title} (${metric.name}, ${metric.better} is better)`,
    ...(floors.length > 0 ? { floor: `Floor, the same figure for as many exact samples: ${floors.join('; ')}.` } : {}),
    columns: [...axisColumns(results), ...targets.map((target) => target.source)],
    rows,
  };
}

function frameGrid(results: SweepResults, targetName: string, frames: FrameLookup): FrameGrid {
  const { spec } = results;
  const target = spec.targets.find((t) => t.name === targetName);
  return {
    target: target?.source ?? targetName,
    columns: [...axisColumns(results), ...spec.seeds.map((seed) => `seed ${seed}`)],
    rows: results.configurations.filter((row) => row.target.name === targetName).map((row) => ({
      settings: settingsCells(results, row),
      frames: row.runs.map((run) => {
        const links = frames(run);
        return links ? { run, links } : undefined;
      }),
    })),
  };
}

/**
 * The other configurations of the best one's target whose mean on the deciding metric is
 * nearer the best's than their two standard errors added: the data do not tell them apart.
 */
function withinNoise(results: SweepResults, best: ConfigurationResult, metric: SweepMetric): string[] {
  const reference = best.stats[metric.name];
  if (!reference || !Number.isFinite(reference.standardError)) return [];
  return results.configurations
    .filter((row) => row !== best && row.target.name === best.target.name)
    .filter((row) => {
      const stats = row.stats[metric.name];
      return stats !== undefined && Number.isFinite(stats.standardError) &&
        Math.abs(stats.mean - reference.mean) <= stats.standardError + reference.standardError;
    })
    .map((row) => row.configuration);
}

export function reportContent(results: SweepResults, frames: FrameLookup): ReportContent {
  const { spec } = results;
  const configurationCount = sweepConfigurations(spec).length;
  const runCount = spec.targets.length * configurationCount * spec.seeds.length;
  const lead = `${plural(runCount, 'run')}: ${plural(spec.targets.length, 'target')} × ` +
    `${plural(configurationCount, 'configuration')} × ${plural(spec.seeds.length, 'seed')} ` +
    `(${spec.seeds.length === 1 ? 'seed' : 'seeds'} ${spec.seeds.join(', ')}). ` +
    `Each figure is a final metric (measured on ${FINAL_POINTS.toLocaleString('en-US')} fresh points of the finished ${spec.models.includes('flow') ? 'model' : 'G'}), the mean ± standard error over seeds; bold marks the best on each target.` +
    // With both models, base may hold options of one: each run takes those its model has.
    (spec.models.length > 1 ? ' Each model\'s runs take the options below that it has; "—" marks an axis its model does not have.' : '');
  const baseFlags = trainArguments(spec.base);
  const everyRun = baseFlags.length > 0
    ? `Every run: gan2d train ${baseFlags.join(' ')}`
    : "Every run: gan2d train's defaults";
  const missingNames = results.missing.map((run) => run.name);
  const missing = missingNames.length === 0
    ? undefined
    : `${plural(missingNames.length, 'run')} of ${runCount} had no results when this report was written: ` +
      `${missingNames.slice(0, 8).join(', ')}${missingNames.length > 8 ? ', …' : ''}`;

  const best = spec.targets.map((target) => {
    const row = results.best[target.name];
    const metrics = targetMetrics(spec, target);
    if (!row || metrics.length === 0) {
      return { target: target.source, configuration: '—', figures: 'no results yet', by: '', close: [] };
    }
    return {
      target: target.source,
      configuration: row.configuration,
      figures: metrics.map((m) => `${m.name} ${statsText(m, row.stats[m.name], spec.seeds.length, row.diverged)}`).join('; '),
      by: `by ${metrics[0].name}, ${metrics[0].better} is better`,
      close: withinNoise(results, row, metrics[0]),
    };
  });

  const tables = spec.metrics
    .map((name) => findSweepMetric(name))
    .filter((metric): metric is SweepMetric => metric !== undefined)
    .map((metric) => metricTable(results, metric));
  return {
    title: `Sweep: ${spec.name}`,
    question: spec.question,
    lead,
    everyRun,
    missing,
    best,
    tables,
    frames: spec.targets.map((target) => frameGrid(results, target.name, frames)),
  };
}
