/**
 * A finished run's final evaluation as it leaves the run: summary.json's `evaluation` record,
 * and the figures the closing message quotes. A folder's pictures are scored one by one as
 * well (docs/design.md, "Quality metrics and their floors"), because one failed picture hides in
 * the weighted mean.
 */
import { basename } from 'node:path';
import { floorFields, type MetricValues } from '../../core/model/evaluation.js';
import type { FinalEvaluation } from '../../core/model/final-evaluation.js';
import { round } from './display.js';

/** One picture's figures in summary.json: its condition, name and points, then its figures and floors. */
interface ConditionRecord {
  condition: number;
  name: string;
  points: number;
  [figure: string]: number | string;
}

/** The figures, then their floors (named js64Floor, oosFloor), rounded as metrics lines are. */
function roundedFigures(values: MetricValues, floors: MetricValues): Record<string, number> {
  return Object.fromEntries(Object.entries({ ...values, ...floorFields(floors) }).map(([name, value]) => [name, round(value)]));
}

/** summary.json's `evaluation`: flat as metrics lines are, `conditions` after the whole's figures for a folder. */
export function evaluationJson(result: FinalEvaluation): Record<string, unknown> {
  const conditions = result.conditions.map((scores): ConditionRecord => ({
    condition: scores.condition,
    name: scores.name,
    points: scores.points,
    ...roundedFigures(scores.values, scores.floors),
  }));
  return {
    points: result.points,
    ...roundedFigures(result.values, result.floors),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

/**
 * The closing message's account: "; on 20000 points: js64 …", and for a folder a line more,
 * each picture's js64 against its own floor and its far oos.
 */
export function evaluationWords(result: FinalEvaluation): string {
  const whole = Object.entries(roundedFigures(result.values, result.floors)).map(([name, value]) => `${name} ${value}`).join(', ');
  const pictures = result.conditions.map((scores) =>
    `${basename(scores.name)} js64 ${(scores.values.js64 / scores.floors.js64).toFixed(1)}× its floor, far oos ${(100 * scores.values.farOos).toFixed(2)}%`);
  return `; on ${result.points} points: ${whole}${pictures.length > 0 ? `\nby picture: ${pictures.join('; ')}` : ''}`;
}
