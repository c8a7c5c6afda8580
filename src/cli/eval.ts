/**
 * `gan2d eval <run dir | checkpoint | samples.csv | samples.npy> [--target T] [-n N] [--seed S] [--json]`:
 * every quality figure of a generator's points against a target, beside what exact samples
 * of the target score (the floor), as a table or one JSON object.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { findOption, parseOptionValue } from '../core/gan/config.js';
import { isConditional, targetParts } from '../core/model/target.js';
import { UserError } from '../core/errors.js';
import { parseWholeNumber } from '../core/option-values.js';
import { readCheckpoint } from '../node/train/checkpoint-file.js';
import { withSamplingEngine } from '../node/engine/sampling-engine.js';
import { correctedPointsFromCheckpoint, inputKind, pointsFromCheckpoint, pointsFromFile, type EvalPoints } from '../node/quality/eval-input.js';
import { correctableCheckpoint, correctionFacts, parseCorrectionOptions, type CorrectionReport } from '../core/gan/d-correction.js';
import { QUALITY_FIGURES, scoreSamples, type QualityScores } from '../core/bench/quality-scores.js';
import type { ConditionScores } from '../core/metrics/index.js';
import { loadTrainingTarget } from '../node/train/setup.js';

export const DEFAULT_EVAL_POINTS = 20_000;
export const MAX_EVAL_POINTS = 1_000_000;

export interface EvalOptions {
  target?: string;
  n?: string;
  seed?: string;
  json?: boolean;
  dCorrection?: string;
  dCalibrate?: string;
}

export interface EvalResult extends QualityScores {
  input: string;
  target: string;
  /** Where the points came from: generated from the run's checkpoint, or read from a file. */
  from: EvalPoints['from'];
  /** The run's iteration, when the input was a run. */
  iteration?: number;
  /** Present when the points are G + D-correction's, not G's alone: its label and how the draw went. */
  correction?: CorrectionReport;
}

function parseCount(raw: string): number {
  return parseWholeNumber(raw, '-n', 4, MAX_EVAL_POINTS);
}

export async function runEval(input: string, options: EvalOptions, notice: (line: string) => void): Promise<EvalResult> {
  const kind = inputKind(input);
  const n = options.n === undefined ? undefined : parseCount(options.n);
  const seed = options.seed === undefined ? 0 : (parseOptionValue(findOption('seed')!, options.seed) as number);
  const { method, calibrate } = parseCorrectionOptions(options);
  if (kind === 'samples') {
    if (method !== undefined) throw new UserError(`--d-correction: ${input} is a samples file; the correction needs a run (its G and D)`);
    if (options.target === undefined) {
      throw new UserError(`--target: required for a samples file (a picture, a folder of pictures, or builtin:NAME)`);
    }
    const target = await loadTrainingTarget(options.target, false, notice);
    const points = pointsFromFile(input, target, n);
    return finish(input, options.target, points, targetParts(target), seed);
  }
  const { checkpoint } = readCheckpoint(input);
  const gan = method === undefined ? undefined : correctableCheckpoint(checkpoint, input);
  const source = options.target ?? checkpoint.target.source;
  const conditional = checkpoint.target.conditions.length > 0;
  let target;
  try {
    target = await loadTrainingTarget(source, conditional, notice);
  } catch (error) {
    if (error instanceof UserError && options.target === undefined) {
      throw new UserError(`the run's target ${source} cannot be read (${error.message}); give one with --target`);
    }
    throw error;
  }
  const parts = targetParts(target);
  if (isConditional(target) !== conditional || parts.length !== Math.max(1, checkpoint.target.conditions.length)) {
    throw new UserError(`--target ${source}: has ${isConditional(target) ? parts.length : 'no'} conditions, the run ${conditional ? checkpoint.target.conditions.length : 'none'}`);
  }
  if (parts[0].kind !== checkpoint.target.kind) {
    throw new UserError(`--target ${source}: is a ${parts[0].kind}, the run learned a ${checkpoint.target.kind}`);
  }
  const count = n ?? DEFAULT_EVAL_POINTS;
  if (gan !== undefined && method !== undefined) {
    const corrected = await withSamplingEngine((engine) => correctedPointsFromCheckpoint(engine, gan, count, seed, method, calibrate && { layers: calibrate, parts }));
    return { ...finish(input, source, corrected, parts, seed), iteration: checkpoint.iteration, correction: corrected.report };
  }
  const points = await withSamplingEngine((engine) => pointsFromCheckpoint(engine, checkpoint, count, seed));
  return { ...finish(input, source, points, parts, seed), iteration: checkpoint.iteration };
}

function finish(input: string, target: string, points: EvalPoints, parts: Parameters<typeof scoreSamples>[2], seed: number): EvalResult {
  const scores = scoreSamples(points.points, points.rowsPerCondition, parts, { seed });
  return { input, target, from: points.from, ...scores };
}

const LABELS: Record<string, string> = {
  modes: 'modes',
  highQuality: 'high quality',
  reverseKL: 'reverse KL',
  modeWidth: 'mode width (σ)',
  modeSpread: 'mode spread (σ)',
  modeOffset: 'mode offset (σ)',
  js64: 'js64',
  oos: 'oos',
  farOos: 'far oos (> 1/64)',
  slicedW1: 'sliced W1',
  precision: 'precision',
  recall: 'recall',
};

/** How each figure reads best: shares as percentages, counts whole, the rest to 4 significant digits. */
export function formatFigure(name: string, value: number): string {
  if (name === 'modes') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (name === 'modeWidth' || name === 'modeSpread' || name === 'modeOffset') return Number.isNaN(value) ? '-' : value.toFixed(2);
  if (name === 'highQuality' || name === 'oos' || name === 'farOos' || name === 'precision' || name === 'recall') return `${(100 * value).toFixed(2)}%`;
  return Number(value.toPrecision(4)).toString();
}

export function formatEvalTable(result: EvalResult): string {
  const { correction } = result;
  const what = correction !== undefined
    ? `${result.points} points of ${correction.label} from ${result.input} (${correctionFacts(correction)})`
    : result.from === 'generator' ? `${result.points} points generated by ${result.input}` : `${result.points} points of ${result.input}`;
  const rows = QUALITY_FIGURES[result.kind].map((name) => [LABELS[name], formatFigure(name, result.values[name]), formatFigure(name, result.floors[name])]);
  const lines = [`${what}, against ${result.target}`, ...alignedTable(['figure', 'value', `exact samples (${result.points})`], rows)];
  if (result.conditions !== undefined) lines.push('', 'by condition (each against its own picture; exact samples as many as its points):', ...conditionTable(result.conditions));
  return lines.join('\n');
}

/** A folder's figures picture by picture: where the whole's weighted mean hides one that failed. */
function conditionTable(conditions: readonly ConditionScores[]): string[] {
  // Only a folder of pictures has conditions.
  const figures = ['js64', 'oos', 'farOos', 'recall'];
  const header = ['condition', 'points', ...figures.flatMap((name) => (name === 'js64' ? ['js64', '÷ floor'] : [LABELS[name]]))];
  const rows = conditions.map((scores) => [
    `${scores.condition} ${basename(scores.name)}`,
    String(scores.points),
    ...figures.flatMap((name) => {
      const value = formatFigure(name, scores.values[name]);
      return name === 'js64' ? [value, `${(scores.values.js64 / scores.floors.js64).toFixed(1)}×`] : [value];
    }),
  ]);
  return alignedTable(header, rows);
}

/** Rows under a header, the first column left-aligned and the others right-aligned. */
function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('score a run or a samples file against a target: mode figures or js64/oos, sliced W1, precision, recall')
    .argument('<input>', 'a run folder, its checkpoint.json, or a samples .csv (x,y or x,y,condition) or .npy ((n, 2) or (n, 3))')
    .option('--target <target>', "a picture, a folder of pictures, or builtin:NAME (default: a run's own input; required for a samples file)")
    .option('-n, --n <count>', `points to generate from a run (default ${DEFAULT_EVAL_POINTS}), or the first rows of a samples file (default all)`)
    .option('--seed <n>', 'seed of the generated points and of the exact samples compared against (default 0)')
    .option('--json', 'print one JSON object instead of the table')
    .option('--d-correction <method>', "score G + D-correction, not G alone: a run's points corrected by its D's density-ratio estimate, drs (rejection sampling) or mh (Metropolis-Hastings); GAN runs with a BCE or LSGAN loss")
    .option('--d-calibrate <layers>', "with --d-correction: first refit D on fresh real and G points by cross-entropy, its last layer (last) or all of it (all)")
    .action(async (input: string, options: EvalOptions) => {
      const result = await runEval(input, options, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatEvalTable(result)}\n`);
    });
}
