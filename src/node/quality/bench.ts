/**
 * `gan2d bench quality`: the PacGAN protocol on builtin:ring and builtin:grid. Each seed is
 * one `gan2d train builtin:NAME --seed S --export-samples 2500` child process (with `--model
 * flow` for the flow's rows), exactly as a user runs it (the target's recommended settings, or
 * the flow's recipe, and nothing else), timed from spawn to
 * exit, one at a time so each has the machine (minus whatever else is running: the load is
 * recorded). Its 2,500 points are then scored against the target: the protocol's figure. Its
 * checkpoint then draws REDRAWS further sets of 2,500, whose mean is the generator's expected
 * figure, apart from the luck of one draw; exact samples get the same mean, their expected floor.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { builtinTarget } from '../../core/density/builtins.js';
import type { AnyCheckpoint } from '../../core/flow/checkpoint.js';
import { mixtureMetrics, type MixtureModes } from '../../core/metrics/index.js';
import { Rng } from '../../core/rng.js';
import { recommendedSettings } from '../../core/gan/presets.js';
import { defaultFlowConfig, type ModelName } from '../../core/flow/config.js';
import { UserError } from '../../core/errors.js';
import { readCheckpoint } from '../train/checkpoint-file.js';
import { ensureFolder } from '../files.js';
import { runGan2d, TrainProcessError } from '../gan2d-process.js';
import { drawsFromCheckpoint } from './eval-input.js';
import { withSamplingEngine } from '../engine/sampling-engine.js';
import type { Engine } from '../../core/nn/engine.js';
import { QUALITY_BAR } from '../../core/bench/published.js';
import { readSamplesCsv } from './samples-csv.js';
import { scoreSamples } from '../../core/bench/quality-scores.js';
import {
  BENCH_TARGETS, REDRAWS, SAMPLES_PER_SEED, TIME_LIMIT_MARGIN_SECONDS,
  type BarFigures, type BenchOptions, type BenchResults, type BenchTarget, type SeedResult,
} from '../../core/bench/bench-results.js';


/** The flags beyond `--model`, `--seed` and the output ones: none for the 60 s budget the model's settings are made for. */
export function budgetFlags(target: BenchTarget, budgetSeconds: number, model: ModelName = 'gan'): string[] {
  const own = model === 'flow' ? defaultFlowConfig().timeLimit : recommendedSettings(`builtin:${target}`)?.timeLimit;
  const limit = Math.max(1, budgetSeconds - TIME_LIMIT_MARGIN_SECONDS[model]);
  return own === limit ? [] : ['--time-limit', String(limit)];
}

/** A seed's run folder: the GAN's as before the flow existed, the flow's named for it. */
export function seedFolderName(target: BenchTarget, model: ModelName, seed: number): string {
  return `${target}${model === 'gan' ? '' : `-${model}`}-seed-${seed}`;
}

async function runSeed(target: BenchTarget, model: ModelName, seed: number, options: BenchOptions, extra: string[]): Promise<SeedResult> {
  const runFolder = join(options.folder, 'runs', seedFolderName(target, model, seed));
  const args = ['train', `builtin:${target}`, ...(model === 'gan' ? [] : ['--model', model]), '--seed', String(seed),
    '--export-samples', String(SAMPLES_PER_SEED), '--out', runFolder, '--force', ...extra];
  const loadBefore = loadavg()[0];
  let seconds: number;
  try {
    ({ seconds } = await runGan2d(args, { entry: options.entry }));
  } catch (error) {
    if (!(error instanceof TrainProcessError)) throw error;
    throw new UserError(`bench quality: training builtin:${target} (--model ${model}) seed ${seed} failed (${error.message})`);
  }
  const loadAfter = loadavg()[0];
  const summary = JSON.parse(readFileSync(join(runFolder, 'summary.json'), 'utf8')) as {
    iterations: number; wallSeconds: number; stoppedBy?: string; config: { iterations: number };
  };
  const { points } = readSamplesCsv(join(runFolder, 'samples.csv'));
  const scores = scoreSamples(points, [points.length / 2], [builtinTarget(target)], { seed });
  const { checkpoint } = readCheckpoint(runFolder);
  const redraws = options.redraws ?? REDRAWS;
  const expected = await withSamplingEngine((engine) => expectedOfCheckpoint(engine, target, checkpoint, redrawSeeds(seed, redraws)));
  const expectedFloors = expectedOfExact(target, redraws, new Rng(seed, EXACT_REDRAW_STREAM));
  return {
    target, model, seed, runFolder,
    iterations: summary.iterations,
    plannedIterations: summary.config.iterations,
    stoppedByTimeLimit: summary.stoppedBy === 'time-limit',
    processSeconds: seconds,
    trainSeconds: summary.wallSeconds,
    loadBefore, loadAfter,
    values: scores.values,
    floors: scores.floors,
    expected,
    expectedFloors,
    points,
  };
}

export async function runQualityBench(options: BenchOptions): Promise<BenchResults> {
  const started = new Date();
  ensureFolder(join(options.folder, 'runs'));
  const seeds: SeedResult[] = [];
  const flagsOf = (model: ModelName): Record<BenchTarget, string[]> =>
    Object.fromEntries(BENCH_TARGETS.map((t) => [t, budgetFlags(t, options.budgetSeconds, model)])) as Record<BenchTarget, string[]>;
  const extraFlags = { gan: flagsOf('gan'), flow: flagsOf('flow') };
  for (const target of options.targets) {
    for (const model of options.models) {
      for (let seed = 1; seed <= options.seeds; seed++) {
        const result = await runSeed(target, model, seed, options, extraFlags[model][target]);
        seeds.push(result);
        const v = result.values;
        options.onLine?.(`builtin:${target} ${model} seed ${seed}: ${v.modes} modes, HQ ${(100 * v.highQuality).toFixed(2)}%, ` +
          `reverse KL ${v.reverseKL.toFixed(4)} (${result.expected.reverseKL.toFixed(4)} over ${options.redraws ?? REDRAWS} draws), width ${v.modeWidth.toFixed(2)}σ, ` +
          `${result.iterations} iterations, ${result.processSeconds.toFixed(1)} s (load ${result.loadBefore.toFixed(2)})`);
      }
    }
  }
  const { onLine: _, ...kept } = options;
  const exactMeetsReverseKL: Partial<Record<BenchTarget, number>> = {};
  for (const target of options.targets) exactMeetsReverseKL[target] = exactChanceOfReverseKL(target, options.seeds);
  return {
    options: kept,
    extraFlags,
    seeds,
    redraws: options.redraws ?? REDRAWS,
    exactMeetsReverseKL,
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
    started,
    finished: new Date(),
  };
}

/** Simulated benchmarks behind exactMeetsReverseKL: enough for two digits, seeded so a report is reproducible. */
const SIMULATED_BENCHMARKS = 200;
/** Stream of the exact samples behind a seed's expectedFloors: apart from scoreSamples' own. */
const EXACT_REDRAW_STREAM = 0xe7a3;

/** The mean of each figure the bar judges over `draws` sets of points, `draw(i)` giving set i. */
export function meanOverDraws(mixture: MixtureModes, draws: number, draw: (index: number) => Float32Array): BarFigures {
  const sum: BarFigures = { modes: 0, highQuality: 0, reverseKL: 0 };
  for (let i = 0; i < draws; i++) {
    const m = mixtureMetrics(draw(i), mixture);
    sum.modes += m.modes;
    sum.highQuality += m.highQuality;
    sum.reverseKL += m.reverseKL;
  }
  return { modes: sum.modes / draws, highQuality: sum.highQuality / draws, reverseKL: sum.reverseKL / draws };
}

/**
 * The noise seeds of a bench seed's further draws: 1000·S + 1 to 1000·S + REDRAWS, so
 * `gan2d eval RUN -n 2500 --seed N` draws any one of them again.
 */
export function redrawSeeds(benchSeed: number, draws = REDRAWS): number[] {
  return Array.from({ length: draws }, (_, i) => 1000 * benchSeed + i + 1);
}

/** The mean figures of 2,500 points from the checkpoint's generator, one draw per noise seed (as `gan2d eval` draws them). */
export function expectedOfCheckpoint(engine: Engine, target: BenchTarget, checkpoint: AnyCheckpoint, noiseSeeds: readonly number[]): BarFigures {
  const draws = drawsFromCheckpoint(engine, checkpoint, SAMPLES_PER_SEED, noiseSeeds);
  return meanOverDraws(builtinTarget(target).mixture!, draws.length, (i) => draws[i]);
}

/** The mean figures of `draws` sets of 2,500 exact samples of the target, drawn one after another from `rng`. */
export function expectedOfExact(target: BenchTarget, draws: number, rng: Rng): BarFigures {
  const density = builtinTarget(target);
  const points = new Float32Array(2 * SAMPLES_PER_SEED);
  return meanOverDraws(density.mixture!, draws, () => {
    density.sample(SAMPLES_PER_SEED, rng, points);
    return points;
  });
}

/** The share of simulated `seeds`-seed benchmarks of exact samples whose mean reverse KL is at most the bar. */
export function exactChanceOfReverseKL(target: BenchTarget, seeds: number, rounds = SIMULATED_BENCHMARKS): number {
  const rng = new Rng(0, 0xba5e);
  let met = 0;
  for (let round = 0; round < rounds; round++) {
    if (expectedOfExact(target, seeds, rng).reverseKL <= QUALITY_BAR[target].reverseKL) met++;
  }
  return met / rounds;
}
