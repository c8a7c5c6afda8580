/** `gan2d export <checkpoint> --format tfjs -o DIR`: the generator (or a flow's velocity network) as a TensorFlow.js layers model. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { foldOutputScale } from '../core/gan/data-scale.js';
import { isFlowCheckpoint, type FlowCheckpoint } from '../core/flow/checkpoint.js';
import { UserError } from '../core/errors.js';
import { parseChoice } from '../core/option-values.js';
import { readCheckpoint } from '../node/train/checkpoint-file.js';
import { ensureFolder } from '../node/files.js';
import { TFJS_WEIGHTS_FILE, writeTfjsModel } from '../node/tfjs-export.js';

const FORMATS = ['tfjs'] as const;

export interface ExportOptions {
  format?: string;
  output?: string;
  force?: boolean;
}

export function runExport(source: string, options: ExportOptions): string[] {
  if (options.format === undefined) throw new UserError(`--format: required; expected one of ${FORMATS.join(', ')}`);
  parseChoice(options.format, '--format', FORMATS);
  if (options.output === undefined) throw new UserError('-o/--output: required (the folder to write model.json into)');
  const folder = options.output;
  const { checkpoint } = readCheckpoint(source);
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory()) throw new UserError(`-o ${folder}: exists and is not a folder`);
    const taken = ['model.json', TFJS_WEIGHTS_FILE].filter((name) => existsSync(join(folder, name)));
    if (taken.length > 0 && !options.force) {
      throw new UserError(`-o ${folder}: already holds ${taken.join(' and ')}; choose another folder or add --force`);
    }
  } else {
    try {
      ensureFolder(folder);
    } catch (error) {
      throw new UserError(`-o ${folder}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (isFlowCheckpoint(checkpoint)) return exportFlow(folder, checkpoint);
  const { config, target } = checkpoint;
  // The average of G, when kept, is what the run generates with; --data-scale goes into its last layer.
  return writeTfjsModel(folder, foldOutputScale(checkpoint.generatorAverage ?? checkpoint.generator, config.dataScale), {
    input: target.conditions.length > 0
      ? `z (${config.zDim} standard normals) followed by a one-hot condition (${target.conditions.length} values)`
      : `z (${config.zDim} standard normals)`,
    output: target.kind === 'picture'
      ? 'a point (x, y) in the unit square, y up'
      : 'a point (x, y) in the mixture\'s coordinates',
    zDim: config.zDim,
    conditions: target.conditions,
    source: target.source,
    iteration: checkpoint.iteration,
  });
}

/**
 * A flow's velocity network (its average, when kept): the caller builds each input row and
 * integrates the ODE itself; the metadata says how (README, "Using an exported model").
 */
function exportFlow(folder: string, checkpoint: FlowCheckpoint): string[] {
  const { config, target, coordinates } = checkpoint;
  const conditions = target.conditions.length;
  return writeTfjsModel(folder, checkpoint.velocityAverage ?? checkpoint.velocity, {
    model: 'flow',
    input: `[u (2), for each of u's 2 coordinates and k < ${config.fourierFeatures}: sin(π/2·2^k·u), cos(π/2·2^k·u); t; ` +
      `for k < ${config.timeFeatures}: sin(π/2·2^k·t), cos(π/2·2^k·t)]${conditions > 0 ? `, then a one-hot condition (${conditions} values)` : ''}`,
    output: 'the velocity du/dt at (u, t), in the flow\'s coordinates',
    sampling: `u from N(0, I) at t = 0, integrated to t = 1 (${config.odeSolver}, ${config.odeSteps} steps, ` +
      `${config.odeSpacing === 'quadratic' ? 'step k from t = 1 − (1 − k/N)² to 1 − (1 − (k+1)/N)²' : 'equal steps'}); then the point is centre + scale · u`,
    coordinates,
    fourierFeatures: config.fourierFeatures,
    timeFeatures: config.timeFeatures,
    odeSolver: config.odeSolver,
    odeSteps: config.odeSteps,
    odeSpacing: config.odeSpacing,
    conditions: target.conditions,
    source: target.source,
    iteration: checkpoint.iteration,
  });
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a trained generator or velocity network (a TensorFlow.js layers model: model.json + weights)')
    .argument('<checkpoint>', 'a run folder or its checkpoint.json')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`)
    .option('-o, --output <dir>', 'folder to write into (created when missing)')
    .option('--force', 'overwrite an earlier export in that folder')
    .action((source: string, options: ExportOptions) => {
      const written = runExport(source, options);
      process.stdout.write(`wrote ${written.join(' and ')}\n`);
    });
}
