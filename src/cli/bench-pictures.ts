/**
 * `gan2d bench pictures [--seeds 5] [--models gan,flow] [--recipes quality,seed] [--inputs A,B]
 * [--iterations N] [--out DIR] [--report FILE]`: the picture counterpart of `gan2d bench quality`.
 * Every input (by default each picture of examples/ plain and each folder of examples/ as a
 * conditional run) is trained per seed and method (the GAN with each recipe, the flow with its
 * own) as a user runs it, one child process at a time, timed
 * from spawn to exit, then scored as `gan2d eval` scores it; the report has every figure beside
 * its floor and a grid of the runs' final frames (docs/benchmarks-pictures.md is one).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { isRecipeName, RECIPES, type RecipeName } from '../core/gan/presets.js';
import { PICTURE_FIGURES, renderPicturesReport, type PictureFigure, type PictureRun } from '../core/bench/pictures-report.js';
import { assertOutputFolder, ensureFolder, writeFileAtomic } from '../node/files.js';
import { runGan2d, TrainProcessError } from '../node/gan2d-process.js';
import { writeFrameGrid } from '../node/quality/figures.js';
import { gitCommit, parseModels, parseWhole } from './bench-common.js';
import type { ModelName } from '../core/flow/config.js';
import { DEFAULT_EVAL_POINTS, MAX_EVAL_POINTS, runEval } from './eval.js';
import { isFolder } from '../node/train/setup.js';
import { CHILD_ENTRY } from './options.js';

export interface BenchPicturesOptions {
  seeds?: string;
  models?: string;
  points?: string;
  recipes?: string;
  inputs?: string;
  iterations?: string;
  out?: string;
  report?: string;
}

const DEFAULT_FOLDER = 'bench-pictures';
const PICTURE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif']);

/** examples/'s pictures, then its folders of pictures (a folder without any, such as sweeps/, is not an input). */
export function exampleInputs(examples: string): string[] {
  const entries = readdirSync(examples).sort();
  const pictures = entries.filter((name) => PICTURE_EXTENSIONS.has(extname(name).toLowerCase())).map((name) => join(examples, name));
  const folders = entries.map((name) => join(examples, name))
    .filter((path) => isFolder(path) && readdirSync(path).some((name) => PICTURE_EXTENSIONS.has(extname(name).toLowerCase())));
  return [...pictures, ...folders];
}

function parseRecipes(raw: string | undefined): RecipeName[] {
  if (raw === undefined) return ['quality', 'seed'];
  const names = [...new Set(raw.split(',').map((name) => name.trim()))];
  for (const name of names) {
    if (!isRecipeName(name)) throw new UserError(`--recipes: "${name}" is not a recipe; the recipes are ${RECIPES.join(', ')}`);
  }
  return names as RecipeName[];
}

function parseInputs(raw: string | undefined): string[] {
  if (raw === undefined) return exampleInputs('examples');
  const inputs = raw.split(',').map((input) => input.trim()).filter((input) => input !== '');
  if (inputs.length === 0) throw new UserError('--inputs: give at least one picture or folder');
  return inputs;
}

/** What one run trains: the GAN with a recipe, or the flow (with its own recipe). */
interface Method {
  model: ModelName;
  recipe?: RecipeName;
}

/** The methods in report order: the GAN's recipes, then the flow. */
function methodsOf(models: readonly ModelName[], recipes: readonly RecipeName[]): Method[] {
  return models.flatMap((model): Method[] => (model === 'gan' ? recipes.map((recipe) => ({ model, recipe })) : [{ model }]));
}

/** The method as the command line says it: "--recipe quality", "--model flow". */
function methodFlags(method: Method): string[] {
  return method.model === 'gan' ? ['--recipe', method.recipe!] : ['--model', method.model];
}

/** A run folder's name: the input's name, the recipe (or "flow"), the seed. */
function runName(input: string, method: Method, seed: number): string {
  return `${basename(input, extname(input))}${isFolder(input) ? '-folder' : ''}-${method.recipe ?? method.model}-seed-${seed}`;
}

async function runOne(
  input: string, method: Method, seed: number, folder: string, iterations: number | undefined, points: number,
): Promise<PictureRun & { runFolder: string }> {
  const runFolder = join(folder, 'runs', runName(input, method, seed));
  const args = ['train', input, ...methodFlags(method), '--seed', String(seed), '--out', runFolder, '--force',
    ...(iterations === undefined ? [] : ['--iterations', String(iterations)])];
  const loadBefore = loadavg()[0];
  let seconds: number;
  try {
    ({ seconds } = await runGan2d(args, { entry: CHILD_ENTRY }));
  } catch (error) {
    if (!(error instanceof TrainProcessError)) throw error;
    throw new UserError(`bench pictures: training ${input} (${methodFlags(method).join(' ')}, seed ${seed}) failed (${error.message})`);
  }
  const { engine } = JSON.parse(readFileSync(join(runFolder, 'summary.json'), 'utf8')) as { engine: { kernels: string; threads: number } };
  const scored = await runEval(runFolder, { n: String(points), seed: String(seed) }, () => undefined);
  const pick = (from: Record<string, number>): Record<PictureFigure, number> =>
    Object.fromEntries(PICTURE_FIGURES.map((name) => [name, from[name]])) as Record<PictureFigure, number>;
  return {
    input, conditional: isFolder(input), ...method, seed, runFolder,
    iterations: scored.iteration ?? 0,
    processSeconds: seconds,
    engine: `${engine.kernels} × ${engine.threads}`,
    loadBefore,
    values: pick(scored.values),
    floors: pick(scored.floors),
    ...(scored.conditions ? { pictures: scored.conditions.map((scores) => ({ name: basename(scores.name), values: pick(scores.values), floors: pick(scores.floors) })) } : {}),
  };
}

export async function runBenchPictures(options: BenchPicturesOptions, notice: (line: string) => void): Promise<string> {
  const seeds = parseWhole(options.seeds, '--seeds', 5, 1, 1000);
  const models = parseModels(options.models);
  const recipes = parseRecipes(options.recipes);
  if (options.recipes !== undefined && !models.includes('gan')) {
    throw new UserError('--recipes: names the GAN\'s recipes, and --models has no gan (the flow trains with its own recipe)');
  }
  const methods = methodsOf(models, recipes);
  const points = parseWhole(options.points, '--points', DEFAULT_EVAL_POINTS, 100, MAX_EVAL_POINTS);
  const inputs = parseInputs(options.inputs);
  const iterations = options.iterations === undefined ? undefined : parseWhole(options.iterations, '--iterations', 0, 1, 100_000_000);
  for (const input of inputs) {
    try {
      statSync(input);
    } catch {
      throw new UserError(`--inputs: ${input} does not exist`);
    }
  }
  const folder = resolve(options.out ?? DEFAULT_FOLDER);
  const report = resolve(options.report ?? join(folder, 'report.md'));
  if (options.report !== undefined) assertOutputFolder(report, '--report');
  ensureFolder(join(folder, 'runs'));
  const commit = gitCommit();
  const started = new Date();
  const runs: (PictureRun & { runFolder: string })[] = [];
  for (const input of inputs) {
    for (const method of methods) {
      for (let seed = 1; seed <= seeds; seed++) {
        const run = await runOne(input, method, seed, folder, iterations, points);
        runs.push(run);
        notice(`${input} ${methodFlags(method).join(' ')} seed ${seed}: js64 ${run.values.js64.toPrecision(3)} (floor ${run.floors.js64.toPrecision(3)}), ` +
          `oos ${run.values.oos.toFixed(4)}, recall ${(100 * run.values.recall).toFixed(1)}%, ${run.iterations} iterations, ${run.processSeconds.toFixed(1)} s`);
      }
    }
  }
  const grid = join(folder, 'final-frames.png');
  await writeFrameGrid(grid, runs.map((run) => ({
    title: `${basename(run.input)} ${run.recipe ?? run.model} seed ${run.seed}: js64 ${(run.values.js64 / run.floors.js64).toFixed(0)}× floor`,
    png: join(run.runFolder, 'final.png'),
  })), methods.length * seeds > 6 ? seeds : methods.length * seeds, 300);
  const shown = (path: string): string => relative(process.cwd(), path) || '.';
  const command = ['npm run build && node dist/src/cli/main.js bench pictures', `--seeds ${seeds}`,
    ...(options.models !== undefined ? [`--models ${models.join(',')}`] : []),
    ...(models.includes('gan') ? [`--recipes ${recipes.join(',')}`] : []),
    ...(options.inputs !== undefined ? [`--inputs ${inputs.join(',')}`] : []),
    ...(iterations !== undefined ? [`--iterations ${iterations}`] : []),
    ...(options.points !== undefined ? [`--points ${points}`] : []),
    `--out ${shown(folder)}`, `--report ${shown(report)}`].join(' ');
  const bench = {
    runs: runs.map(({ runFolder: _, ...run }) => run),
    seeds,
    points,
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
    started,
  };
  writeFileAtomic(report, renderPicturesReport(bench, command, commit, relative(dirname(report), grid).split('\\').join('/')));
  return `wrote ${shown(report)} (${runs.length} runs in ${shown(join(folder, 'runs'))})`;
}

export function registerBenchPictures(bench: Command): void {
  bench
    .command('pictures')
    .description('train every picture of examples/ (plain) and every folder (conditional) per seed and method (the GAN with each recipe, the flow with its own), score 20,000 points each against the floors, write a report')
    .option('--seeds <n>', 'seeds per input and method, 1 to N (default 5)')
    .option('--models <names>', 'a comma list of gan, flow (default both)')
    .option('--recipes <names>', `the GAN's recipes, a comma list of ${RECIPES.join(', ')} (default quality,seed)`)
    .option('--inputs <list>', 'a comma list of pictures and folders (default: every picture and folder of examples/)')
    .option('--points <n>', `generated points scored per run, as \`gan2d eval -n\` (default ${DEFAULT_EVAL_POINTS}; fewer for a quick look)`)
    .option('--iterations <n>', 'override every run\'s --iterations (default: the recipe\'s own)')
    .option('--out <dir>', `folder for the runs and the picture (default ${DEFAULT_FOLDER})`)
    .option('--report <file>', 'the report\'s path (default DIR/report.md)')
    .action(async (options: BenchPicturesOptions) => {
      const message = await runBenchPictures(options, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${message}\n`);
    });
}
