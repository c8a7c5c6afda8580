/**
 * From a `gan2d train` request to what the run loop needs: the target loaded (a picture,
 * a mixture, or a folder of conditions), the full config (defaults, or the checkpoint's
 * for --resume with any conflict refused), and the output folder made ready.
 */
import { statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { conflictingOptions, TRAIN_OPTIONS, type OptionSpec, type TrainConfig } from '../../core/gan/config.js';
import { defaultRecipe, resolveRunConfig, type RecipeName } from '../../core/gan/presets.js';
import type { TrainerCheckpoint } from '../../core/gan/checkpoint.js';
import { isFlowCheckpoint, type FlowCheckpoint } from '../../core/flow/checkpoint.js';
import { FLOW_OPTIONS, resolveFlowConfig, type FlowConfig, type ModelName } from '../../core/flow/config.js';
import { splitBatch } from '../../core/model/condition-split.js';
import { isConditional, type ConditionalSource, type TrainingTarget } from '../../core/model/target.js';
import { MAX_CONDITIONS } from '../../core/gan/trainer.js';
import { UserError } from '../../core/errors.js';
import type { KernelChoice } from '../engine/native-blas.js';
import { readCheckpoint } from './checkpoint-file.js';
import { defaultRunFolder, prepareRunFolder, runFiles, tidyForResume, type RunFiles } from './run-folder.js';
import { loadConditionalTarget, loadTarget } from '../target.js';

/** What the command line (or a test) and the --config file asked for, before defaults or a checkpoint fill the rest. */
export interface TrainRequest {
  /** The model family (--model; default gan). */
  model: ModelName;
  /** The options given explicitly (command line over config file), by the model's config keys, parsed and range-checked. */
  given: Partial<TrainConfig> | Partial<FlowConfig>;
  input?: string;
  out?: string;
  force: boolean;
  frames: boolean;
  conditional: boolean;
  resume?: string;
  /** --kernels (default 'auto'). */
  kernels?: KernelChoice;
  /** --recipe: the settings the options go over (none named: the input's default recipe). */
  recipe?: RecipeName;
}

interface SetupBase {
  target: TrainingTarget;
  /** The input as given (or as recorded in the checkpoint on --resume). */
  source: string;
  files: RunFiles;
  frames: boolean;
  /** Which gemm kernels to train with (--kernels). */
  kernels: KernelChoice;
}

/**
 * A GAN's run or a flow's, with the config and the checkpoint (on --resume) of its family.
 * A GAN's also names the recipe its config started from (recorded in summary.json and the
 * checkpoint unless it is the seed demo's).
 */
export type TrainSetup = SetupBase & (
  | { model: 'gan'; config: TrainConfig; recipe: RecipeName; resume?: TrainerCheckpoint }
  | { model: 'flow'; config: FlowConfig; resume?: FlowCheckpoint }
);

/** Whether `path` is a folder (false when it does not exist). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Loads the input: a folder (or --conditional) gives a conditional target, one condition per picture. */
export async function loadTrainingTarget(input: string, conditional: boolean, notice: (line: string) => void): Promise<TrainingTarget> {
  const options = { onNotice: notice };
  if (isFolder(input)) return checkConditions(await loadConditionalTarget(input, options));
  if (!conditional) return loadTarget(input, options);
  if (input.startsWith('builtin:')) return checkConditions(await loadConditionalTarget(input, options));
  // One picture as a conditional run of one condition: same network shapes as a folder of one.
  const target = await loadTarget(input, options);
  const name = basename(input, extname(input));
  return { name: input, conditions: [{ name, target, mass: 1 }] } satisfies ConditionalSource;
}

/** Conditions must share a shape so they share the unit square; too many cannot be told apart by colour or byte. */
function checkConditions(target: ConditionalSource): ConditionalSource {
  const { conditions } = target;
  if (conditions.length > MAX_CONDITIONS) {
    throw new UserError(`folder ${target.name}: ${conditions.length} pictures; at most ${MAX_CONDITIONS} conditions are supported`);
  }
  const first = conditions[0];
  const aspect = (c: typeof first): number => c.target.raster.width / c.target.raster.height;
  for (const condition of conditions.slice(1)) {
    // Pictures of one aspect ratio fill the same square whatever their resolution; others would not line up.
    if (Math.abs(aspect(condition) - aspect(first)) > 1e-9) {
      const size = (c: typeof first): string => `${c.target.raster.width}×${c.target.raster.height}`;
      throw new UserError(`folder ${target.name}: pictures differ in shape (${first.name} is ${size(first)}, ${condition.name} is ${size(condition)}); give them one size`);
    }
  }
  return target;
}

/** Where a recipe's figures are: the mixtures' benchmark, or the pictures'. */
function recipeDocument(input: string): string {
  return defaultRecipe(input) === 'quality' ? 'docs/benchmarks.md' : 'docs/benchmarks-pictures.md';
}

export async function setUpTraining(request: TrainRequest, notice: (line: string) => void): Promise<TrainSetup> {
  if (request.resume !== undefined) return setUpResume(request, request.resume, notice);
  if (request.input === undefined) {
    throw new UserError('train: give a picture, a folder of pictures, or builtin:NAME (or --resume DIR)');
  }
  const recipe = request.recipe ?? defaultRecipe(request.input);
  const flow = request.model === 'flow';
  // A folder, or --conditional, trains conditionally: the quality recipe has its own settings for that.
  const conditional = request.conditional || isFolder(request.input);
  const config = flow ? resolveFlowConfig(request.given as Partial<FlowConfig>) : resolveRunConfig(request.input, request.given as Partial<TrainConfig>, recipe, conditional);
  if (!flow && request.recipe === undefined && recipe !== 'seed') notice(`${request.input}: its recommended settings (docs/benchmarks.md), with your options over them`);
  else if (!flow && recipe !== 'seed') notice(`${request.input}: the ${recipe} recipe (${recipeDocument(request.input)}), with your options over it`);
  const target = await loadTrainingTarget(request.input, request.conditional, notice);
  if (isConditional(target)) splitBatch(config.batchSize, target.conditions.map((c) => c.mass)); // refuses a batch too small, before any file is made
  const files = prepareRunFolder(request.out ?? defaultRunFolder(request.input), request.force);
  const common = { target, source: request.input, files, frames: request.frames, kernels: request.kernels ?? 'auto' };
  return flow ? { ...common, model: 'flow', config: config as FlowConfig } : { ...common, model: 'gan', config: config as TrainConfig, recipe };
}

async function setUpResume(request: TrainRequest, folder: string, notice: (line: string) => void): Promise<TrainSetup> {
  const { checkpoint } = readCheckpoint(folder, '--resume');
  const model: ModelName = isFlowCheckpoint(checkpoint) ? 'flow' : 'gan';
  if (request.model !== model) throw new UserError(`--model ${request.model}: the run in ${folder} is a ${model} run`);
  const saved = checkpoint.config;
  const recipe = isFlowCheckpoint(checkpoint) ? undefined : checkpoint.recipe ?? 'seed';
  if (request.recipe !== undefined && request.recipe !== recipe) {
    throw new UserError(`--recipe: the run was trained with ${recipe === undefined ? 'the flow\'s settings' : `the ${recipe} recipe`}, not ${request.recipe}; leave --recipe out to resume it`);
  }
  const table = (isFlowCheckpoint(checkpoint) ? FLOW_OPTIONS : TRAIN_OPTIONS) as readonly OptionSpec<Record<string, unknown>>[];
  const conflicts = conflictingOptions(saved as unknown as Record<string, unknown>, request.given as Record<string, unknown>, table);
  if (conflicts.length > 0) {
    throw new UserError(`--resume ${folder}: conflicts with the checkpoint's config: ${conflicts.join('; ')}`);
  }
  const source = checkpoint.target.source;
  if (request.input !== undefined && resolve(request.input) !== resolve(source)) {
    throw new UserError(`--resume ${folder}: the run was trained on ${source}, not ${request.input}`);
  }
  if (request.out !== undefined && resolve(request.out) !== resolve(folder)) {
    throw new UserError(`--out: a resumed run continues in its own folder (${folder}); leave --out out`);
  }
  // The options that may change on resume take the new value; the rest stay as saved.
  const merged: Record<string, unknown> = { ...saved };
  for (const spec of table) {
    const wanted = (request.given as Record<string, unknown>)[spec.key];
    if (spec.onResume === 'free' && wanted !== undefined) merged[spec.key] = wanted;
  }
  // Every value was checked: the checkpoint's on reading, the flags on parsing.
  const iterations = merged.iterations as number;
  if (iterations <= checkpoint.iteration) {
    throw new UserError(`--iterations: the checkpoint is already at iteration ${checkpoint.iteration}; give more than that to continue (e.g. --iterations ${checkpoint.iteration + saved.iterations})`);
  }
  const conditional = checkpoint.target.conditions.length > 0;
  const target = await loadTrainingTarget(source, conditional, notice);
  const names = isConditional(target) ? target.conditions.map((c) => c.name) : [];
  if (JSON.stringify(names) !== JSON.stringify(checkpoint.target.conditions)) {
    throw new UserError(`--resume ${folder}: ${source} no longer holds the run's conditions (${checkpoint.target.conditions.join(', ')})`);
  }
  if (!isFolder(folder)) throw new UserError(`--resume ${folder}: give the run folder, not the checkpoint file`);
  const files = runFiles(folder);
  tidyForResume(files, checkpoint.iteration); // a killed process's temporary files, and frames/ PNGs to be drawn again
  const common = { target, source, files, frames: request.frames, kernels: request.kernels ?? 'auto' };
  return isFlowCheckpoint(checkpoint)
    ? { ...common, model: 'flow', config: merged as unknown as FlowConfig, resume: checkpoint }
    : { ...common, model: 'gan', config: merged as unknown as TrainConfig, resume: checkpoint, recipe: checkpoint.recipe ?? 'seed' };
}
