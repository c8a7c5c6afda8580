/**
 * The `gan2d train` options: every option of the training table as a flag, the
 * run's own flags (--out, --force, --frames, --conditional, --kernels, --config, --resume),
 * and the merge of a --config JSON file under the command line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import {
  describeRange, formatValue, parseOptionValue,
} from '../core/gan/config.js';
import {
  EVERY_MODEL_OPTION, MODELS, optionsOfModel, refuseOtherModelOptions, type AnyOptionSpec as AnySpec, type ModelName,
} from '../core/flow/config.js';
import { isFlowCheckpoint } from '../core/flow/checkpoint.js';
import { readCheckpoint } from '../node/train/checkpoint-file.js';
import { UserError } from '../core/errors.js';
import { parseChoice } from '../core/option-values.js';
import { isRecipeName, RECIPES, type RecipeName } from '../core/gan/presets.js';
import { describeFileError } from '../node/files.js';
import { KERNEL_CHOICES, type KernelChoice } from '../node/engine/native-blas.js';
import type { TrainRequest } from '../node/train/setup.js';

/** Flags that are not training options but may still come from a --config file. */
const RUN_FLAGS = {
  out: 'string',
  force: 'boolean',
  frames: 'boolean',
  conditional: 'boolean',
  kernels: 'string',
  recipe: 'string',
} as const;
type RunFlag = keyof typeof RUN_FLAGS;


function helpOf(spec: AnySpec): string {
  const shownDefault = spec.kind === 'number' && typeof spec.default === 'function'
    ? ''
    : ` (default ${formatValue(spec.default)})`;
  return `${spec.help}; ${describeRange(spec)}${shownDefault}`;
}

/** Adds every training option and run flag to a commander command. Values stay strings here; the table parses them. */
export function addTrainOptions(command: Command): Command {
  command.addOption(new Option('--model <name>', `the model family: ${MODELS.join(' or ')} (default gan); flow trains flow matching, whose own options say (--model flow)`));
  for (const spec of EVERY_MODEL_OPTION) {
    const placeholder = spec.kind === 'choice' ? '<name>' : spec.kind === 'layers' ? '<widths>' : '<n>';
    // Shared rows show the GAN's default; the flow's own rows show theirs (the flow recipe).
    command.addOption(new Option(`--${spec.flag} ${placeholder}`, helpOf(spec)));
  }
  return command
    .option('--recipe <name>', `the settings options start from: ${RECIPES.join(' or ')} (default: builtin:ring's and builtin:grid's own quality recipe, the seed demo's for everything else)`)
    .option('--conditional', 'train a conditional GAN (implied by a folder input)')
    .option('--frames', 'also write every frame to frames/iter_NNNNNN.png')
    .option('--kernels <name>', `gemm kernels: ${KERNEL_CHOICES.join(', ')} (auto: the machine's BLAS for large products when it loads, else WebAssembly; default auto)`)
    .option('--out <dir>', 'output folder (default runs/<input name>-<timestamp>)')
    .option('--force', 'write into --out even when it exists and is not empty')
    .option('--config <file>', 'JSON file of options (keys as the flags, e.g. "d-lr"); command-line flags win')
    .option('--resume <dir>', 'continue the run whose checkpoint.json is in this folder');
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`--config ${path}: ${describeFileError(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`--config ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(`--config ${path}: expected a JSON object of options, such as {"iterations": 500}`);
  }
  return data as Record<string, unknown>;
}

/** --recipe's value, refused in one line naming the known recipes. */
export function parseRecipe(raw: unknown, where = '--recipe'): RecipeName {
  if (typeof raw === 'string' && isRecipeName(raw)) return raw;
  const shown = typeof raw === 'string' ? `"${raw}"` : JSON.stringify(raw);
  throw new UserError(`${where}: ${shown} is not a recipe; the recipes are ${RECIPES.join(', ')}`);
}

function camelFromFlag(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Turns commander's parsed options (strings) and the --config file into a TrainRequest.
 * Unknown keys in the file are named; every value is checked against the table.
 */
export function readTrainRequest(input: string | undefined, flags: Record<string, unknown>): TrainRequest {
  const given: Record<string, unknown> = {};
  const run: Partial<Record<RunFlag, unknown>> = {};

  const configPath = flags.config as string | undefined;
  const file = configPath === undefined ? undefined : readConfigFile(configPath);
  const named = flags.model ?? file?.model;
  // A resumed run is of its checkpoint's family unless --model says otherwise (then setup refuses the mismatch).
  const model = named === undefined && typeof flags.resume === 'string'
    ? (isFlowCheckpoint(readCheckpoint(flags.resume, '--resume').checkpoint) ? 'flow' : 'gan')
    : readModel(named, flags.model === undefined ? `--config ${configPath}: "model"` : '--model');
  const table = optionsOfModel(model);
  /** Flags given (on the command line or in the file) that belong to the other model: refused in one line. */
  const givenFlags: string[] = [];
  if (configPath !== undefined && file !== undefined) {
    const unknown: string[] = [];
    for (const [name, value] of Object.entries(file)) {
      if (name === 'model') continue;
      const any = EVERY_MODEL_OPTION.find((s) => s.flag === name || s.key === name);
      if (any && !table.includes(any)) {
        givenFlags.push(any.flag);
        continue;
      }
      const spec = table.find((s) => s.flag === name || s.key === name);
      const runName = (name in RUN_FLAGS ? name : undefined) as RunFlag | undefined;
      if (spec) {
        try {
          given[spec.key] = parseOptionValue(spec, value);
        } catch (error) {
          throw error instanceof UserError ? new UserError(`--config ${configPath}: ${error.message}`) : error;
        }
      } else if (runName) {
        if (runName === 'recipe') parseRecipe(value, `--config ${configPath}: "recipe"`);
        if (typeof value !== RUN_FLAGS[runName]) {
          throw new UserError(`--config ${configPath}: "${name}" must be a ${RUN_FLAGS[runName]}`);
        }
        run[runName] = value;
      } else {
        unknown.push(name);
      }
    }
    if (unknown.length > 0) {
      throw new UserError(`--config ${configPath}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (run gan2d train --help for the list)`);
    }
  }

  for (const spec of EVERY_MODEL_OPTION) {
    if (flags[camelFromFlag(spec.flag)] !== undefined && !table.includes(spec)) givenFlags.push(spec.flag);
  }
  refuseOtherModelOptions(model, [...new Set(givenFlags)]);
  for (const spec of table) {
    const raw = flags[camelFromFlag(spec.flag)];
    if (raw !== undefined) given[spec.key] = parseOptionValue(spec, raw);
  }
  for (const name of Object.keys(RUN_FLAGS) as RunFlag[]) {
    if (flags[name] !== undefined) run[name] = flags[name];
  }
  if (model === 'flow' && run.recipe !== undefined) {
    throw new UserError('--model flow: --recipe names the GAN\'s recipes; the flow trains with its own recommended settings (docs/benchmarks/flow-recipe.md)');
  }
  const kernels = run.kernels ?? 'auto';
  if (!(KERNEL_CHOICES as readonly unknown[]).includes(kernels)) {
    throw new UserError(`--kernels: expected ${KERNEL_CHOICES.join(', ')}, got "${String(kernels)}"`);
  }
  return {
    model,
    given: given as TrainRequest['given'],
    kernels: kernels as KernelChoice,
    input,
    out: run.out as string | undefined,
    force: run.force === true,
    frames: run.frames === true,
    conditional: run.conditional === true,
    ...(run.recipe !== undefined ? { recipe: parseRecipe(run.recipe) } : {}),
    resume: flags.resume as string | undefined,
  };
}

function readModel(raw: unknown, where: string): ModelName {
  if (raw === undefined) return 'gan';
  if (typeof raw !== 'string') throw new UserError(`${where}: ${JSON.stringify(raw)} is not valid; expected one of ${MODELS.join(', ')}`);
  return parseChoice(raw, where, MODELS);
}

/** The entry point of gan2d's child processes (sweep runs, worker runs, benchmark seeds). */
export const CHILD_ENTRY = fileURLToPath(new URL('./child.js', import.meta.url));
