/**
 * `gan2d generate <run dir or checkpoint.json> -n N -o out.csv|out.npy|out.png [--condition K]`:
 * points from a trained generator (a GAN's G, or a flow's velocity field integrated from noise), as x,y[,condition] rows, as a NumPy float32 array of shape
 * (n, 2) or (n, 3), or as a figure beside the target (real points and density, when the run's
 * input can still be read).
 */
import { statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { findOption, parseOptionValue } from '../core/gan/config.js';
import { isConditional, sampleRows, targetDensity, targetParts, type TrainingTarget } from '../core/model/target.js';
import { restoreAnyGenerator } from '../core/flow/saved-flow.js';
import { withSamplingEngine } from '../node/engine/sampling-engine.js';
import type { TrainingFrameData, TrainingLosses } from '../core/render/frame.js';
import { isFlowCheckpoint } from '../core/flow/checkpoint.js';
import { UserError } from '../core/errors.js';
import { parseWholeNumber } from '../core/option-values.js';
import { correctableCheckpoint, correctionFacts, parseCorrectionOptions, restoreCorrectedGenerator, type CorrectionReport } from '../core/gan/d-correction.js';
import { Rng } from '../core/rng.js';
import { readCheckpoint } from '../node/train/checkpoint-file.js';
import { assertOutputFolder } from '../node/files.js';
import { conditionLabels, readMetricsUpTo } from '../node/train/outputs.js';
import { samplesExtension, writeSamples } from '../node/samples/write.js';
import { loadTrainingTarget } from '../node/train/setup.js';
import { CALIBRATION_STREAM } from '../node/quality/eval-input.js';

export const MAX_GENERATE = 10_000_000;
/** generate's noise stream: apart from every stream the training used. */
const GENERATE_STREAM = 0x6e6e;

export interface GenerateOptions {
  n?: string;
  output?: string;
  condition?: string;
  seed?: string;
  dCorrection?: string;
  dCalibrate?: string;
}

export async function runGenerate(source: string, options: GenerateOptions, notice: (line: string) => void): Promise<string> {
  if (options.n === undefined) throw new UserError(`-n: required (how many points, 1 to ${MAX_GENERATE})`);
  const n = parseWholeNumber(options.n, '-n', 1, MAX_GENERATE);
  if (options.output === undefined) throw new UserError('-o/--output: required (a .csv, .npy or .png file)');
  const output = options.output;
  const samplesFile = samplesExtension(output) !== undefined;
  if (!samplesFile && extname(output).toLowerCase() !== '.png') throw new UserError(`-o ${output}: expected a .csv, .npy or .png file name`);
  assertOutputFolder(output);
  if (statSync(output, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`-o ${output}: is a folder, expected a file name`);
  const { path, checkpoint } = readCheckpoint(source);
  const condition = options.condition === undefined
    ? undefined
    : parseWholeNumber(options.condition, '--condition', 0, Math.max(0, checkpoint.target.conditions.length - 1));
  const seed = options.seed === undefined ? checkpoint.config.seed : (parseOptionValue(findOption('seed')!, options.seed) as number);

  const { method, calibrate } = parseCorrectionOptions(options);
  const gan = method === undefined ? undefined : correctableCheckpoint(checkpoint, path);
  // The calibration needs the run's input; without one, a correction refuses here rather than guess.
  let target: TrainingTarget | undefined;
  if (calibrate !== undefined) {
    target = await loadTrainingTarget(checkpoint.target.source, checkpoint.target.conditions.length > 0, () => undefined).catch((error: unknown) => {
      if (error instanceof UserError) throw new UserError(`--d-calibrate: the run's input ${checkpoint.target.source} cannot be read (${error.message})`);
      throw error;
    });
  }

  const { rows, points, conditionCount, report } = await withSamplingEngine((engine) => {
    const rng = new Rng(seed, GENERATE_STREAM);
    if (gan !== undefined && method !== undefined) {
      const calibration = calibrate && target && { layers: calibrate, parts: targetParts(target), rng: new Rng(seed, CALIBRATION_STREAM) };
      const corrected = restoreCorrectedGenerator(engine, gan, calibration);
      const rows = corrected.rowsFor(n, condition);
      const drawn = corrected.generate(rows, rng, method);
      return { rows, points: drawn.points, conditionCount: corrected.conditionCount, report: drawn.report as CorrectionReport | undefined };
    }
    const generator = restoreAnyGenerator(engine, checkpoint);
    const rows = generator.rowsFor(n, condition);
    return { rows, points: generator.generate(rows, rng), conditionCount: generator.conditionCount, report: undefined };
  });
  const conditional = conditionCount > 0;
  const what = report === undefined ? `${n} points` : `${n} points of ${report.label} (${correctionFacts(report)})`;

  if (samplesFile) {
    writeSamples(output, points, conditional ? conditionLabels(rows) : undefined);
    return `wrote ${what} to ${output}`;
  }

  // The figure: the target's real points and density beside ours, when the input is still there.
  const frame: TrainingFrameData = {
    real: new Float32Array(0),
    fake: points,
    bounds: checkpoint.target.bounds,
    iteration: checkpoint.iteration,
    losses: lossesAt(path, checkpoint.iteration, isFlowCheckpoint(checkpoint)),
    ...(report ? { label: report.label } : {}),
  };
  if (conditional) {
    const labels = Uint8Array.from(conditionLabels(rows));
    Object.assign(frame, { fakeConditions: labels, conditionCount });
  }
  try {
    target ??= await loadTrainingTarget(checkpoint.target.source, conditional, () => undefined);
    const parts = targetParts(target);
    const real = new Float32Array(2 * n);
    sampleRows(parts, rows, new Rng(seed, GENERATE_STREAM + 1), real);
    frame.real = real;
    if (conditional && isConditional(target)) frame.realConditions = frame.fakeConditions;
    if (condition !== undefined) {
      const part = parts[condition];
      frame.realDensity = { width: part.raster.width, height: part.raster.height, values: part.raster.values, bounds: part.rasterBox };
    } else {
      frame.realDensity = targetDensity(target);
    }
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    notice(`the run's input ${checkpoint.target.source} cannot be read (${error.message}); drawing the generated points alone`);
  }
  // Imported here: only the figure needs the canvas library, whose loading the data formats skip.
  const { writeTrainingFramePng } = await import('../node/image/canvas.js');
  writeTrainingFramePng(output, frame, 480);
  return `wrote ${what} as a figure to ${output}`;
}

/** The losses the run logged at the checkpoint's iteration, from metrics.jsonl beside it (unknown otherwise). */
function lossesAt(checkpointPath: string, iteration: number, flow: boolean): TrainingLosses {
  const record = readMetricsUpTo(join(dirname(checkpointPath), 'metrics.jsonl'), iteration).find((r) => r.iteration === iteration);
  if (flow) return { flow: record?.flow ?? NaN };
  return { dReal: record?.dReal ?? NaN, dFake: record?.dFake ?? NaN, g: record?.g ?? NaN };
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate points with a trained model, GAN or flow (CSV, NumPy .npy, or a figure as PNG)')
    .argument('<run>', 'a run folder or its checkpoint.json')
    .option('-n, --n <count>', `number of points (1 to ${MAX_GENERATE})`)
    .option('-o, --output <file>', 'out.csv (x,y[,condition]), out.npy (float32, (n, 2) or (n, 3) with the condition) or out.png (a figure)')
    .option('--condition <k>', 'for a conditional run: all points of condition k (0-based, sorted file-name order)')
    .option('--seed <n>', 'seed of the noise (default: the run\'s seed)')
    .option('--d-correction <method>', "G + D-correction, not G alone: G's points corrected by D's density-ratio estimate, by rejection sampling (drs, Azadi et al. 2019) or Metropolis-Hastings chains (mh, Turner et al. 2019); GAN runs with a BCE or LSGAN loss")
    .option('--d-calibrate <layers>', "with --d-correction: first refit D on fresh real and G points by cross-entropy, its last layer (last) or all of it (all) (needs the run's input)")
    .action(async (source: string, options: GenerateOptions) => {
      const message = await runGenerate(source, options, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${message}\n`);
    });
}
