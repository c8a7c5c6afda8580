/**
 * `gan2d bench quality [--seeds 10] [--budget-seconds 60] [--targets ring,grid] [--models gan,flow]
 * [--out DIR] [--report FILE]`: trains every seed of the PacGAN benchmark with the recommended
 * settings (and the flow with its recipe), scores them and writes the report with its pictures
 * (docs/benchmarks.md is one).
 */
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { builtinTarget } from '../core/density/builtins.js';
import { UserError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { assertOutputFolder, ensureFolder, writeFileAtomic } from '../node/files.js';
import { BENCH_TARGETS, REDRAWS, type BenchResults, type BenchTarget } from '../core/bench/bench-results.js';
import { runQualityBench } from '../node/quality/bench.js';
import { CHILD_ENTRY } from './options.js';
import { writeModeCloseUps, writeSeedGrid } from '../node/quality/figures.js';
import { renderQualityReport, type ReportLinks } from '../core/bench/quality-report.js';
import { registerBenchPictures } from './bench-pictures.js';
import { gitCommit, parseModels, parseWhole } from './bench-common.js';

export interface BenchQualityOptions {
  seeds?: string;
  models?: string;
  redraws?: string;
  budgetSeconds?: string;
  targets?: string;
  out?: string;
  report?: string;
}

const DEFAULT_FOLDER = 'bench-quality';

function parseTargets(raw: string | undefined): BenchTarget[] {
  if (raw === undefined) return [...BENCH_TARGETS];
  const names = raw.split(',').map((name) => name.trim().replace(/^builtin:/, ''));
  for (const name of names) {
    if (!(BENCH_TARGETS as readonly string[]).includes(name)) {
      throw new UserError(`--targets: "${name}" is not a benchmark target; expected ${BENCH_TARGETS.join(', ')}`);
    }
  }
  return [...new Set(names)] as BenchTarget[];
}

/** The pictures: every seed's points per target and model, and seed 1's first mode up close. Returns their links from the report. */
function writeFigures(results: BenchResults, folder: string, report: string): ReportLinks {
  const links: ReportLinks = { seedGrid: {} };
  const link = (path: string): string => relative(dirname(report), path).split('\\').join('/');
  const closeUps = [];
  for (const target of results.options.targets) {
    for (const model of results.options.models) {
      const seeds = results.seeds.filter((s) => s.target === target && s.model === model);
      if (seeds.length === 0) continue;
      const mixture = builtinTarget(target).mixture!;
      const { bounds } = builtinTarget(target);
      // The GAN's picture keeps its name from before the flow existed.
      const path = join(folder, `${target}${model === 'gan' ? '' : `-${model}`}-seeds.png`);
      writeSeedGrid(path, seeds.map((s) => ({
        title: `seed ${s.seed}: ${s.values.modes} modes, HQ ${(100 * s.values.highQuality).toFixed(1)}%, rKL ${s.values.reverseKL.toFixed(4)}`,
        points: s.points,
      })), bounds, mixture);
      (links.seedGrid[model] ??= {})[target] = link(path);
      const first = seeds[0];
      const exact = new Float32Array(first.points.length);
      builtinTarget(target).sample(first.points.length / 2, new Rng(first.seed, 0xc105e), exact);
      closeUps.push({
        title: `builtin:${target} ${model === 'gan' ? 'GAN' : model} seed ${first.seed}, mode 0`,
        centre: [mixture.centres[0], mixture.centres[1]] as const,
        generated: first.points,
        exact,
        mixture,
      });
    }
  }
  if (closeUps.length > 0) {
    const path = join(folder, 'mode-close-ups.png');
    writeModeCloseUps(path, closeUps);
    links.closeUps = link(path);
  }
  links.recipeNotes = link(join(folder, 'recipe-search.md'));
  return links;
}

export async function runBenchQuality(options: BenchQualityOptions, notice: (line: string) => void): Promise<string> {
  const seeds = parseWhole(options.seeds, '--seeds', 10, 1, 1000);
  const budgetSeconds = parseWhole(options.budgetSeconds, '--budget-seconds', 60, 6, 86_400);
  const targets = parseTargets(options.targets);
  const models = parseModels(options.models);
  const redraws = parseWhole(options.redraws, '--redraws', REDRAWS, 1, 1000);
  const folder = resolve(options.out ?? DEFAULT_FOLDER);
  const report = resolve(options.report ?? join(folder, 'report.md'));
  if (options.report !== undefined) assertOutputFolder(report, '--report');
  ensureFolder(folder);
  const commit = gitCommit(); // before the bench rewrites its own report and pictures
  const results = await runQualityBench({ seeds, budgetSeconds, targets, models, redraws, folder, entry: CHILD_ENTRY, onLine: notice });
  const links = writeFigures(results, folder, report);
  const shown = (path: string): string => relative(process.cwd(), path) || '.';
  const command = ['npm run build && node dist/src/cli/main.js bench quality', `--seeds ${seeds}`, `--budget-seconds ${budgetSeconds}`,
    ...(targets.length < BENCH_TARGETS.length ? [`--targets ${targets.join(',')}`] : []),
    ...(options.models !== undefined ? [`--models ${models.join(',')}`] : []),
    ...(options.redraws !== undefined ? [`--redraws ${redraws}`] : []),
    `--out ${shown(folder)}`, `--report ${shown(report)}`].join(' ');
  writeFileAtomic(report, renderQualityReport(results, command, commit, links));
  return `wrote ${shown(report)} (${results.seeds.length} runs in ${shown(join(folder, 'runs'))})`;
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks of what gan2d learns');
  bench
    .command('quality')
    .description('the PacGAN 2D benchmark: train builtin:ring and builtin:grid per seed and model (the GAN with their recommended settings, the flow with its recipe), score 2,500 points each, write a report')
    .option('--seeds <n>', 'seeds per target, 1 to N (default 10)')
    .option('--budget-seconds <s>', 'wall time each seed may take, all included (default 60: the recommended settings\' own limit)')
    .option('--targets <names>', `a comma list of ${BENCH_TARGETS.join(', ')} (default both)`)
    .option('--redraws <n>', `further draws of 2,500 points from each seed's checkpoint, whose mean is its expected figure (default ${REDRAWS})`)
    .option('--models <names>', 'a comma list of gan, flow: the GAN with the recommended settings, the flow with its recipe (default both)')
    .option('--out <dir>', `folder for the runs and pictures (default ${DEFAULT_FOLDER})`)
    .option('--report <file>', 'the report\'s path (default DIR/report.md)')
    .action(async (options: BenchQualityOptions) => {
      const message = await runBenchQuality(options, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${message}\n`);
    });
  registerBenchPictures(bench);
}
