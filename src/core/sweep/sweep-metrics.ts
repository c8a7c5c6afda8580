/**
 * The final metrics a sweep can report: which targets each applies to, which way is
 * better, and how to show it. The names are those of a run's summary.json.
 */

export type TargetKind = 'mixture' | 'picture';

export interface SweepMetric {
  name: string;
  /** What the figure is, for table headings. */
  title: string;
  kind: TargetKind;
  better: 'higher' | 'lower';
  /** Stored as a fraction, shown as a percentage. */
  percent: boolean;
  /** Decimals shown (of the percentage when `percent`). */
  decimals: number;
}

export const SWEEP_METRICS: readonly SweepMetric[] = [
  { name: 'modes', title: 'modes captured', kind: 'mixture', better: 'higher', percent: false, decimals: 1 },
  { name: 'highQuality', title: 'high-quality samples', kind: 'mixture', better: 'higher', percent: true, decimals: 1 },
  { name: 'reverseKL', title: 'reverse KL', kind: 'mixture', better: 'lower', percent: false, decimals: 3 },
  { name: 'js64', title: 'Jensen–Shannon divergence on a 64×64 grid', kind: 'picture', better: 'lower', percent: false, decimals: 4 },
  { name: 'oos', title: 'out-of-support mass', kind: 'picture', better: 'lower', percent: true, decimals: 2 },
  { name: 'farOos', title: 'out-of-support mass far from the support, beyond 1/64 of the square', kind: 'picture', better: 'lower', percent: true, decimals: 2 },
];

export function findSweepMetric(name: string): SweepMetric | undefined {
  return SWEEP_METRICS.find((metric) => metric.name === name);
}

/** Every metric that applies to at least one of these target kinds, in catalogue order. */
export function metricsForKinds(kinds: readonly TargetKind[]): string[] {
  return SWEEP_METRICS.filter((metric) => kinds.includes(metric.kind)).map((metric) => metric.name);
}

/** `value` in the metric's unit and precision: "24.3", "96.1%", "0.0123". */
export function formatMetric(metric: SweepMetric, value: number): string {
  if (!Number.isFinite(value)) return '—';
  return metric.percent ? `${(100 * value).toFixed(metric.decimals)}%` : value.toFixed(metric.decimals);
}

/** True when `a` is strictly better than `b` for this metric. */
export function isBetter(metric: SweepMetric, a: number, b: number): boolean {
  return metric.better === 'higher' ? a > b : a < b;
}
