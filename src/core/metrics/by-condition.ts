/**
 * A conditional target is scored condition by condition, each condition's points against its
 * own picture, and the whole's figures are each condition's weighted by its share of the points
 * (docs/design.md, "Quality metrics and their floors"). One place for the split and the mean,
 * shared by the training's evaluator and by `gan2d eval`.
 */

/** One condition's figures and the same figures for as many exact samples (its floors). */
export interface ConditionScores {
  /** The condition's index, 0-based, and its picture's name. */
  condition: number;
  name: string;
  points: number;
  values: Record<string, number>;
  floors: Record<string, number>;
}

export interface ConditionSlice {
  condition: number;
  /** The condition's rows, interleaved x, y. */
  points: Float32Array;
}

/**
 * Each condition's rows of `points` (interleaved x, y; condition 0's `rowsPerCondition[0]` rows
 * first, and so on), views rather than copies; conditions without rows are left out.
 */
export function conditionSlices(points: Float32Array, rowsPerCondition: readonly number[]): ConditionSlice[] {
  const slices: ConditionSlice[] = [];
  let offset = 0;
  rowsPerCondition.forEach((rows, condition) => {
    if (rows > 0) slices.push({ condition, points: points.subarray(2 * offset, 2 * (offset + rows)) });
    offset += rows;
  });
  if (2 * offset !== points.length) throw new RangeError(`conditionSlices: ${points.length / 2} points, the rows say ${offset}`);
  return slices;
}

/** Each named figure's mean over the conditions, weighted by their points. */
export function weightedMean(
  conditions: readonly ConditionScores[],
  pick: (scores: ConditionScores) => Record<string, number>,
  names: readonly string[],
): Record<string, number> {
  const total = conditions.reduce((sum, scores) => sum + scores.points, 0);
  return Object.fromEntries(names.map((name) =>
    [name, conditions.reduce((sum, scores) => sum + (scores.points / total) * pick(scores)[name], 0)]));
}
