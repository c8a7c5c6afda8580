/**
 * Every quality figure of a set of generated points against its target, beside the same
 * figure for as many exact samples of the target (its floor: what a perfect generator
 * scores with that many points). Mixtures: modes, high quality, reverse KL (PacGAN), and the
 * modes' width, spread and offset;
 * pictures: js64 and oos; both: sliced W1 and precision/recall against exact samples.
 * A conditional target scores each condition's points against its own picture, the
 * figures weighted by each condition's share of the points. Pure computation: no files.
 */
import type { Target } from '../density/target.js';
import { UserError } from '../errors.js';
import {
  conditionSlices, farOos, imageMetricFloors, imageMetrics, imageTarget, mixtureMetrics, modeShape, precisionRecall, slicedWasserstein1,
  weightedMean, type ConditionScores,
} from '../metrics/index.js';
import { Rng } from '../rng.js';

export type QualityKind = 'mixture' | 'picture';

/** The figures, in the order tables show them. */
export const QUALITY_FIGURES = {
  mixture: ['modes', 'highQuality', 'reverseKL', 'modeWidth', 'modeSpread', 'modeOffset', 'slicedW1', 'precision', 'recall'],
  picture: ['js64', 'oos', 'farOos', 'slicedW1', 'precision', 'recall'],
} as const;

export interface QualityScores {
  kind: QualityKind;
  /** Points scored. */
  points: number;
  /** Each figure of QUALITY_FIGURES[kind]. */
  values: Record<string, number>;
  /** The same figures for exact samples of the target, as many as `points`. */
  floors: Record<string, number>;
  /**
   * A conditional target's figures condition by condition, in condition order (conditions
   * without points left out): the whole's are their weighted mean, and a folder's one failed
   * picture hides in that mean.
   */
  conditions?: ConditionScores[];
}

export interface ScoreOptions {
  /** Seed of the exact samples the figures compare against (default 0, so a score is reproducible). */
  seed?: number;
}

/** Streams of the two exact sample sets: the reference every set is compared with, and the floor's stand-in generator. */
const REFERENCE_STREAM = 0xe7a1;
const FLOOR_STREAM = 0xe7a2;

function exactSamples(part: Target, count: number, rng: Rng): Float32Array {
  const out = new Float32Array(2 * count);
  part.sample(count, rng, out, 0);
  return out;
}

/** The figures that need no per-kind rule: distances to, and overlap with, exact samples. */
function sharedFigures(points: Float32Array, reference: Float32Array): Record<string, number> {
  const { precision, recall } = precisionRecall(reference, points);
  return { slicedW1: slicedWasserstein1(points, reference), precision, recall };
}

function mixtureFigures(part: Target, points: Float32Array, reference: Float32Array): Record<string, number> {
  const mixture = part.mixture!;
  const m = mixtureMetrics(points, mixture);
  const shape = modeShape(points, mixture);
  return {
    modes: m.modes, highQuality: m.highQuality, reverseKL: m.reverseKL,
    modeWidth: shape.width, modeSpread: shape.spread, modeOffset: shape.offset,
    ...sharedFigures(points, reference),
  };
}

/**
 * Scores `points` (interleaved x, y; condition by condition, `rowsPerCondition[c]` rows of
 * condition c) against `parts`, one target per condition (a single one for a plain target).
 */
export function scoreSamples(
  points: Float32Array,
  rowsPerCondition: readonly number[],
  parts: readonly Target[],
  options: ScoreOptions = {},
): QualityScores {
  if (rowsPerCondition.length !== parts.length) {
    throw new RangeError(`scoreSamples: ${rowsPerCondition.length} row counts for ${parts.length} targets`);
  }
  const total = rowsPerCondition.reduce((a, b) => a + b, 0);
  if (2 * total !== points.length) throw new RangeError(`scoreSamples: ${points.length / 2} points, rows say ${total}`);
  const kind: QualityKind = parts[0].kind;
  if (kind === 'mixture' && parts.length !== 1) throw new RangeError('scoreSamples: a mixture target has one part');
  const seed = options.seed ?? 0;
  const referenceRng = new Rng(seed, REFERENCE_STREAM);
  const floorRng = new Rng(seed, FLOOR_STREAM);
  const perCondition = conditionSlices(points, rowsPerCondition).map(({ condition, points: own }): ConditionScores => {
    const part = parts[condition];
    const count = own.length / 2;
    const what = parts.length > 1 ? `condition ${condition} (${part.name})` : part.name;
    if (count < 4) throw new UserError(`${what}: ${count} points; the figures need at least 4`);
    const reference = exactSamples(part, count, referenceRng);
    const stand = exactSamples(part, count, floorRng);
    if (kind === 'mixture') {
      return { condition, name: part.name, points: count, values: mixtureFigures(part, own, reference), floors: mixtureFigures(part, stand, reference) };
    }
    const image = imageTarget(part.raster, part.rasterBox);
    const { js64, oos } = imageMetricFloors(image, count, part);
    return {
      condition,
      name: part.name,
      points: count,
      values: { ...imageMetrics(own, image), farOos: farOos(own, image), ...sharedFigures(own, reference) },
      floors: { js64, oos, farOos: farOos(stand, image), ...sharedFigures(stand, reference) },
    };
  });
  const order = QUALITY_FIGURES[kind];
  const ordered = (from: Record<string, number>): Record<string, number> =>
    Object.fromEntries(order.map((name) => [name, from[name]]));
  const whole: QualityScores = {
    kind,
    points: total,
    values: weightedMean(perCondition, (scores) => scores.values, order),
    floors: weightedMean(perCondition, (scores) => scores.floors, order),
  };
  if (parts.length === 1) return whole;
  return { ...whole, conditions: perCondition.map((scores) => ({ ...scores, values: ordered(scores.values), floors: ordered(scores.floors) })) };
}
