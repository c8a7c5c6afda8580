/**
 * What `gan2d eval` scores: points from a run folder or checkpoint (generated the way
 * `gan2d generate` and --export-samples generate them), or read from a samples .csv or .npy; and
 * the target they are scored against (by default a run's own input).
 */
import { statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AnyCheckpoint } from '../../core/flow/checkpoint.js';
import { isConditional, targetParts, type TrainingTarget } from '../../core/model/target.js';
import { restoreAnyGenerator } from '../../core/flow/saved-flow.js';
import { requestRows } from '../../core/model/condition-split.js';
import type { Engine } from '../../core/nn/engine.js';
import { UserError } from '../../core/errors.js';
import { Rng } from '../../core/rng.js';
import type { Target } from '../../core/density/target.js';
import { CHECKPOINT_FILE } from '../train/checkpoint-file.js';
import { restoreCorrectedGenerator, type CalibrationSource, type CorrectionName, type CorrectionReport } from '../../core/gan/d-correction.js';
import type { TrainerCheckpoint } from '../../core/gan/checkpoint.js';
import { readSamplesCsv } from './samples-csv.js';
import { readSamplesNpy } from './samples-npy.js';

export interface EvalPoints {
  /** Interleaved (x, y), condition by condition. */
  points: Float32Array;
  rowsPerCondition: number[];
  /** 'generator' when drawn from a checkpoint, 'file' when read from a samples file. */
  from: 'generator' | 'file';
  /** The run's checkpoint, when the input was one. */
  checkpoint?: AnyCheckpoint;
}

/** Stream of eval's noise: apart from the training's and generate's. */
const EVAL_STREAM = 0xe7a0;
/** Stream of the D-correction's calibration (its real and G points). */
export const CALIBRATION_STREAM = 0xca1b;

type InputKind = 'run' | 'checkpoint' | 'samples';

export function inputKind(input: string): InputKind {
  let stats;
  try {
    stats = statSync(input);
  } catch {
    throw new UserError(`${input}: no such file or folder`);
  }
  if (stats.isDirectory()) {
    if (!statSync(join(input, CHECKPOINT_FILE), { throwIfNoEntry: false })?.isFile()) {
      throw new UserError(`${input}: a folder without ${CHECKPOINT_FILE} (expected a gan2d run folder)`);
    }
    return 'run';
  }
  const extension = extname(input).toLowerCase();
  if (extension === '.json') return 'checkpoint';
  if (extension === '.csv' || extension === '.npy') return 'samples';
  throw new UserError(`${input}: unknown format "${extension || '(no extension)'}" (expected a run folder, a checkpoint .json, or a samples .csv or .npy)`);
}

/** n points from a checkpoint's generator, split between conditions by mass, with a fixed noise seed. */
export function pointsFromCheckpoint(engine: Engine, checkpoint: AnyCheckpoint, n: number, seed: number): EvalPoints {
  const [points] = drawsFromCheckpoint(engine, checkpoint, n, [seed]);
  return { points, rowsPerCondition: requestRows(n, checkpoint.target.masses), from: 'generator', checkpoint };
}

/** What pointsFromCheckpoint gives for each noise seed in turn, from one restored generator. */
export function drawsFromCheckpoint(engine: Engine, checkpoint: AnyCheckpoint, n: number, seeds: readonly number[]): Float32Array[] {
  const generator = restoreAnyGenerator(engine, checkpoint); // the average of G when the run kept one
  const rowsPerCondition = requestRows(n, checkpoint.target.masses);
  return seeds.map((seed) => generator.generate(rowsPerCondition, new Rng(seed, EVAL_STREAM)));
}

/** pointsFromCheckpoint's points corrected by the run's D (G + D-correction), from the same noise stream. */
export function correctedPointsFromCheckpoint(
  engine: Engine, checkpoint: TrainerCheckpoint, n: number, seed: number, method: CorrectionName, calibrateOn?: Omit<CalibrationSource, 'rng'>,
): EvalPoints & { report: CorrectionReport } {
  const rowsPerCondition = requestRows(n, checkpoint.target.masses);
  const calibration: CalibrationSource | undefined = calibrateOn && { ...calibrateOn, rng: new Rng(seed, CALIBRATION_STREAM) };
  const corrected = restoreCorrectedGenerator(engine, checkpoint, calibration);
  const { points, report } = corrected.generate(rowsPerCondition, new Rng(seed, EVAL_STREAM), method);
  return { points, rowsPerCondition, from: 'generator', checkpoint, report };
}

/**
 * A samples file's points arranged condition by condition for `target`: a folder target needs
 * the condition column, a single target refuses one. `n` keeps the first n rows.
 */
export function pointsFromFile(path: string, target: TrainingTarget, n: number | undefined): EvalPoints {
  const file = extname(path).toLowerCase() === '.npy' ? readSamplesNpy(path) : readSamplesCsv(path);
  let count = file.points.length / 2;
  if (n !== undefined) {
    if (n > count) throw new UserError(`-n ${n}: ${path} holds only ${count} rows`);
    count = n;
  }
  const parts: readonly Target[] = targetParts(target);
  if (!isConditional(target)) {
    if (file.conditions) {
      throw new UserError(`${path}: has a condition column, but the target ${target.name} is not a folder of pictures`);
    }
    return { points: file.points.slice(0, 2 * count), rowsPerCondition: [count], from: 'file' };
  }
  if (!file.conditions) {
    throw new UserError(`${path}: has no condition column, but the target ${target.name} has ${parts.length} conditions`);
  }
  const rowsPerCondition = new Array<number>(parts.length).fill(0);
  for (let i = 0; i < count; i++) {
    const condition = file.conditions[i];
    if (condition >= parts.length) {
      throw new UserError(`${path}: row ${i + 1} has condition ${condition}, but ${target.name} has conditions 0 to ${parts.length - 1}`);
    }
    rowsPerCondition[condition]++;
  }
  // Condition blocks in order, each keeping the file's row order.
  const starts = rowsPerCondition.map((_, c) => rowsPerCondition.slice(0, c).reduce((a, b) => a + b, 0));
  const points = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const at = starts[file.conditions[i]]++;
    points[2 * at] = file.points[2 * i];
    points[2 * at + 1] = file.points[2 * i + 1];
  }
  return { points, rowsPerCondition, from: 'file' };
}

