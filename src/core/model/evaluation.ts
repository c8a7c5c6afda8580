/**
 * The quality figures a run reports at each display interval, against its target:
 * js64, oos and far oos for pictures (a conditional run scores each condition's points against
 * its own picture, weighted by its share of the batch), the PacGAN mode figures and the
 * modes' spread (their width about their own means, 1 when right) for mixtures. Each
 * picture figure comes with its floor: the same figure for as many exact samples.
 */
import type { Target } from '../density/target.js';
import {
  conditionSlices, farOos, imageMetricFloors, imageMetrics, imageTarget, mixtureMetrics, modeShape, weightedMean,
  type ConditionScores, type ImageTarget,
} from '../metrics/index.js';

export type MetricValues = Record<string, number>;

/** Floors as a record beside their figures names them (metrics.jsonl, summary.json): js64 → js64Floor. */
export function floorFields(floors: MetricValues): MetricValues {
  return Object.fromEntries(Object.entries(floors).map(([name, value]) => [`${name}Floor`, value]));
}

export interface Evaluator {
  /** Scores generated points; `rowsPerCondition` says how many consecutive rows belong to each condition. */
  evaluate(points: Float32Array, rowsPerCondition: readonly number[]): MetricValues;
  /** The figures exact samples would score, with the same rows per condition, named as the figures are (js64, oos). */
  floors(rowsPerCondition: readonly number[]): MetricValues;
  /**
   * evaluate's figures, and a conditional target's figures and floors condition by condition
   * (conditions without rows left out; none for a plain target), each condition scored once:
   * the whole's are their weighted mean.
   */
  evaluateByCondition(points: Float32Array, rowsPerCondition: readonly number[]): { values: MetricValues; conditions: ConditionScores[] };
}

export function createEvaluator(parts: readonly Target[]): Evaluator {
  if (parts[0].kind === 'mixture') return mixtureEvaluator(parts[0]);
  const images = parts.map((part) => imageTarget(part.raster, part.rasterBox));
  return pictureEvaluator(parts, images);
}

const PICTURE_VALUES = ['js64', 'oos', 'farOos'] as const;
const PICTURE_FLOORS = ['js64', 'oos'] as const;

function pictureEvaluator(parts: readonly Target[], images: readonly ImageTarget[]): Evaluator {
  const valuesOf = (condition: number, own: Float32Array): MetricValues =>
    ({ ...imageMetrics(own, images[condition]), farOos: farOos(own, images[condition]) });
  const floorsOf = (condition: number, count: number): MetricValues => {
    const { js64, oos } = imageMetricFloors(images[condition], count, parts[condition]);
    return { js64, oos };
  };
  const scores = (condition: number, count: number, values: MetricValues, floors: MetricValues): ConditionScores =>
    ({ condition, name: parts[condition].name, points: count, values, floors });
  // A frame's scores leave the floors out: the display asks for them once, by rows alone.
  const evaluate = (points: Float32Array, rows: readonly number[]): MetricValues => weightedMean(
    conditionSlices(points, rows).map(({ condition, points: own }) => scores(condition, own.length / 2, valuesOf(condition, own), {})),
    (each) => each.values, PICTURE_VALUES);
  return {
    evaluate,
    floors: (rows) => {
      const each = rows.flatMap((count, condition) => (count > 0 ? [scores(condition, count, {}, floorsOf(condition, count))] : []));
      return weightedMean(each, (one) => one.floors, PICTURE_FLOORS);
    },
    evaluateByCondition: (points, rows) => {
      if (parts.length === 1) return { values: evaluate(points, rows), conditions: [] };
      const conditions = conditionSlices(points, rows).map(({ condition, points: own }) =>
        scores(condition, own.length / 2, valuesOf(condition, own), floorsOf(condition, own.length / 2)));
      return { values: weightedMean(conditions, (each) => each.values, PICTURE_VALUES), conditions };
    },
  };
}

function mixtureEvaluator(target: Target): Evaluator {
  const mixture = target.mixture;
  if (mixture === null) throw new Error('mixture target without its mixture');
  const evaluate = (points: Float32Array): MetricValues => {
    const m = mixtureMetrics(points, mixture);
    const { spread } = modeShape(points, mixture);
    // Without a high-quality point there is no blob to measure: the figure is left out, not NaN.
    return { modes: m.modes, highQuality: m.highQuality, reverseKL: m.reverseKL, ...(Number.isNaN(spread) ? {} : { modeSpread: spread }) };
  };
  return {
    evaluate,
    floors: () => ({}),
    evaluateByCondition: (points) => ({ values: evaluate(points), conditions: [] }),
  };
}
