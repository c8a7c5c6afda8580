/**
 * The figures a finished run reports in summary.json: measured on FINAL_POINTS fresh points
 * of the generator it generates with (the average of G when kept), ten times a frame's batch
 * or more, so that runs compare on their result rather than on one batch's luck (oos on 2,000
 * points moves by about ±0.3% from batch to batch). The noise has a stream of its own, so
 * measuring leaves the training's streams, and a later resume, untouched.
 */
import { Rng } from '../rng.js';
import type { ConditionScores } from '../metrics/index.js';
import type { Evaluator, MetricValues } from './evaluation.js';
import { requestRows } from './condition-split.js';
import type { PointGenerator } from './model.js';

export const FINAL_POINTS = 20_000;
/** Apart from the GAN trainer's streams (0–4) and its snapshots' (from 0x40000000). */
const FINAL_STREAM = 0x3f000000;

/** The figures, and their floors: what as many exact samples score, by the same names. */
export interface FinalEvaluation {
  points: number;
  values: MetricValues;
  floors: MetricValues;
  /** A conditional run's figures picture by picture, of which values and floors are the weighted mean; empty for a plain run. */
  conditions: ConditionScores[];
}

export function evaluateFinal(model: PointGenerator, evaluator: Evaluator, seed: number, points = FINAL_POINTS): FinalEvaluation {
  const rows = requestRows(Math.max(points, model.target.masses.length), model.target.masses);
  const generated = model.generateRows(rows, new Rng(seed, FINAL_STREAM));
  const { values, conditions } = evaluator.evaluateByCondition(generated, rows);
  return { points: rows.reduce((a, b) => a + b, 0), values, floors: evaluator.floors(rows), conditions };
}
