/**
 * The training run loop on Node: the engine, the trainer, and everything a run leaves
 * in its folder as it goes — a frame and a metrics line per display interval, a
 * checkpoint every checkpoint interval (and at the start, the end, and on Ctrl-C),
 * progress on the terminal. A NaN or infinite loss stops the run and keeps the last
 * good checkpoint.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunState, TrainerCheckpoint } from '../core/gan/checkpoint.js';
import type { TrainConfig } from '../core/gan/config.js';
import { createEvaluator, type MetricValues } from '../core/gan/evaluation.js';
import { isConditional, targetBounds, targetDensity, targetParts } from '../core/gan/gan-target.js';
import { requestRows } from '../core/gan/generator-input.js';
import { createTrainer, type StepLosses, type Trainer } from '../core/gan/trainer.js';
import { createReferenceEngine, type Engine } from '../core/nn/engine.js';
import type { TrainingFrameData } from '../core/render/frame.js';
import { writeLossPlotPng, writeTrainingFramePng } from '../node/canvas.js';
import { writeCheckpoint } from '../node/checkpoint-file.js';
import { ensureFolder, writeFileAtomic } from '../node/files.js';
import { createProgress, formatDuration, type ProgressStream } from '../node/progress.js';
import { createNodeWasmEngine, defaultThreadCount } from '../node/threads.js';
import { createAnimation, type Animation } from './train-animation.js';
import { spliceGif } from './train-gif-splice.js';
import { conditionLabels, MetricsLog, readMetricsUpTo, writeJson, writeSamplesCsv, type MetricsRecord } from './train-outputs.js';
import type { TrainSetup } from './train-setup.js';

export type RunStatus = 'finished' | 'interrupted' | 'diverged';

export interface RunOutcome {
  status: RunStatus;
  /** Iterations completed when the run stopped. */
  iteration: number;
  /** What to tell the user, one line. */
  message: string;
  wallSeconds: number;
  iterationsPerSecond: number;
  final?: MetricsRecord;
}

export interface RunHooks {
  /** Where progress goes (stderr by default). */
  stream?: ProgressStream;
  /** Forces the progress style (tests); by default the stream's isTTY decides. */
  tty?: boolean;
  /** Asked after every iteration; true stops the run as Ctrl-C does (tests simulate an interruption with it). */
  shouldStop?: (iteration: number) => boolean;
  /** Draws the GIF on this thread instead of a worker thread. */
  inlineAnimation?: boolean;
  /** Replaces the engine (tests use the reference engine). */
  createEngine?: (threads: number) => Promise<Engine & { dispose?: () => Promise<void> }>;
}

type DisposableEngine = Engine & { dispose?: () => Promise<void>; threads?: number };

async function defaultEngine(threads: number, notice: (line: string) => void): Promise<DisposableEngine> {
  try {
    return await createNodeWasmEngine({ threads });
  } catch (error) {
    notice(`WebAssembly engine unavailable (${(error as Error).message}); training with the slower reference engine`);
    return createReferenceEngine();
  }
}

/** Below this width a layer's kernels are too small to share between threads: one thread trains faster. */
const NARROW_LAYERS = 128;

/**
 * --threads 0: the engine's threads for this config. Narrow networks (the seed demo's 100 and
 * 50 units) run fastest on one thread, leaving the other core to draw the GIF; wider ones
 * use the cores available.
 */
export function automaticThreads(config: TrainConfig): number {
  const widest = Math.max(...config.dHidden, ...config.gHidden);
  return widest < NARROW_LAYERS ? 1 : defaultThreadCount();
}

function finiteLosses(losses: StepLosses): boolean {
  return Number.isFinite(losses.dReal) && Number.isFinite(losses.dFake) && Number.isFinite(losses.g) && Number.isFinite(losses.penalty);
}

function checkpointIsFinite(checkpoint: TrainerCheckpoint): boolean {
  for (const network of [checkpoint.generator, checkpoint.discriminator]) {
    for (const layer of network.layers) {
      if (!layer.weights.every(Number.isFinite) || !layer.bias.every(Number.isFinite)) return false;
    }
  }
  return true;
}

function readOptional(path: string): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** The mixture figures' usual short names, for frame titles and progress lines. */
const SHORT_NAMES: Record<string, string> = { highQuality: 'HQ', reverseKL: 'rKL' };

const round = (value: number, digits = 6): number => Number(value.toPrecision(digits));

export async function runTraining(setup: TrainSetup, hooks: RunHooks = {}): Promise<RunOutcome> {
  const started = performance.now();
  const { config, target, files, resume } = setup;
  const stream = hooks.stream ?? process.stderr;
  const tty = hooks.tty ?? stream.isTTY === true;
  const notice = (line: string): void => void stream.write(`${line}\n`);

  const threads = config.threads > 0 ? config.threads : automaticThreads(config);
  const engine: DisposableEngine = hooks.createEngine ? await hooks.createEngine(threads) : await defaultEngine(threads, notice);
  let animation: Animation | null = null;
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130); // a second Ctrl-C: stop at once
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  try {
    const trainer = createTrainer(engine, config, target, setup.source);
    if (resume) trainer.restore(resume);
    const evaluator = createEvaluator(targetParts(target));
    const floors = evaluator.floors(trainer.rowsPerCondition);
    const start = trainer.iteration;
    const state: RunState = structuredClone(resume?.run) ?? {
      elapsedSeconds: 0, frames: 0, interval: { count: 0, dReal: 0, dFake: 0, g: 0, penalty: 0 },
    };
    const earlierSeconds = state.elapsedSeconds;
    const metrics = new MetricsLog(files.metrics, resume ? readMetricsUpTo(files.metrics, start) : []);
    const earlierGif = resume ? readOptional(files.gif) : null;
    const gifPath = earlierGif ? join(files.folder, '.training-resumed.gif') : files.gif;
    if (setup.frames) ensureFolder(files.framesFolder);
    const density = targetDensity(target);
    animation = createAnimation({ gifPath, framesFolder: setup.frames ? files.framesFolder : undefined }, density, hooks.inlineAnimation);
    const conditionCount = isConditional(target) ? target.conditions.length : 0;
    let lastFrame: TrainingFrameData | null = null;
    let lastRecord: MetricsRecord | undefined = metrics.records[metrics.records.length - 1];
    let lastGood = start;
    let session = 0;

    const elapsed = (): number => earlierSeconds + (performance.now() - started) / 1000;
    const saveCheckpoint = (): boolean => {
      const checkpoint = trainer.getCheckpoint();
      checkpoint.run = { ...structuredClone(state), elapsedSeconds: elapsed() };
      if (!checkpointIsFinite(checkpoint)) return false;
      writeCheckpoint(files.checkpoint, checkpoint);
      lastGood = trainer.iteration;
      return true;
    };

    const display = (iteration: number): void => {
      const { interval } = state;
      const n = Math.max(1, interval.count);
      const losses = { dReal: interval.dReal / n, dFake: interval.dFake / n, g: interval.g / n };
      const penalty = interval.penalty / n;
      state.interval = { count: 0, dReal: 0, dFake: 0, g: 0, penalty: 0 };
      const snapshot = trainer.snapshot();
      const scores: MetricValues = evaluator.evaluate(snapshot.fake, snapshot.rowsPerCondition);
      const record: MetricsRecord = {
        iteration,
        dReal: round(losses.dReal), dFake: round(losses.dFake), g: round(losses.g),
        ...(config.loss === 'wgan-gp' || config.r1Weight > 0 ? { penalty: round(penalty) } : {}),
      };
      for (const [name, value] of Object.entries({ ...scores, ...floors })) record[name] = round(value);
      metrics.append(record);
      lastRecord = record;
      const shown: Record<string, number> = {};
      for (const name of Object.keys(scores)) shown[SHORT_NAMES[name] ?? name] = scores[name];
      lastFrame = {
        real: snapshot.real,
        fake: snapshot.fake,
        ...(conditionCount > 0 ? { realConditions: snapshot.realConditions, fakeConditions: snapshot.fakeConditions, conditionCount } : {}),
        ...(density ? { realDensity: density } : {}),
        bounds: targetBounds(target),
        iteration,
        losses,
        metrics: shown,
      };
      animation!.addFrame(lastFrame);
      state.frames++;
      if (!tty) {
        const figures = Object.entries(shown).map(([name, value]) => `${name} ${round(value, 3)}`).join(' ');
        stream.write(`iteration ${iteration}/${config.iterations} D real ${round(losses.dReal, 4)} D fake ${round(losses.dFake, 4)} G ${round(losses.g, 4)} ${figures}\n`);
      }
    };

    if (!resume) saveCheckpoint(); // iteration 0: there is always a last good checkpoint
    const progress = createProgress({
      total: config.iterations - start,
      label: start > 0 ? `training (from ${start})` : 'training',
      stream,
      tty,
      plainLines: 0, // without a terminal, display() writes a line per display interval instead
    });

    let status: RunStatus = 'finished';
    let badIteration = 0;
    let badValue = '';
    for (let iteration = start + 1; iteration <= config.iterations; iteration++) {
      const losses = trainer.step();
      session++;
      if (!finiteLosses(losses)) {
        status = 'diverged';
        badIteration = iteration;
        badValue = [losses.dReal, losses.dFake, losses.g, losses.penalty].some(Number.isNaN) ? 'NaN' : 'infinite';
        break;
      }
      const { interval } = state;
      interval.count++;
      interval.dReal += losses.dReal;
      interval.dFake += losses.dFake;
      interval.g += losses.g;
      interval.penalty += losses.penalty;
      if (iteration % config.displayInterval === 0 || iteration === config.iterations) display(iteration);
      if (iteration % config.checkpointInterval === 0 || iteration === config.iterations) {
        if (!saveCheckpoint()) {
          status = 'diverged';
          badIteration = iteration;
          badValue = 'NaN';
          break;
        }
      }
      progress.update(iteration - start, `D ${round(losses.dReal + losses.dFake, 3)} G ${round(losses.g, 3)}`);
      // Let a Ctrl-C's handler run: the loop is otherwise synchronous.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (hooks.shouldStop?.(iteration) || interrupted) {
        if (iteration < config.iterations) {
          status = 'interrupted';
          saveCheckpoint();
        }
        break;
      }
    }
    const iteration = status === 'diverged' ? badIteration - 1 : trainer.iteration;
    progress.finish();

    // The still figures first: the animation's worker is meanwhile finishing its last frames.
    if (metrics.records.length > 0) writeLossPlotPng(files.lossesPng, metrics.curves());
    if (status === 'finished' && lastFrame) writeTrainingFramePng(files.finalPng, lastFrame, 480);
    if (status === 'finished' && config.exportSamples > 0) {
      const rows = requestRows(config.exportSamples, trainer.target.masses);
      writeSamplesCsv(files.samples, generateRows(trainer, rows, conditionCount), conditionCount > 0 ? conditionLabels(rows) : undefined);
    }

    // The animation so far, joined to the interrupted run's frames on a resume.
    if (animation.frameCount > 0) {
      await animation.finish();
      if (earlierGif) {
        const keep = resume?.run?.frames ?? 0;
        const joined = spliceGif(earlierGif, keep, readFileSync(gifPath));
        if (joined) writeFileAtomic(files.gif, joined);
        else {
          writeFileAtomic(files.gif, readFileSync(gifPath));
          notice(`training.gif starts at iteration ${start}: the earlier animation could not be joined`);
        }
        rmSync(gifPath, { force: true });
      }
    } else {
      await animation.abort();
    }
    animation = null;
    const wallSeconds = (performance.now() - started) / 1000;
    const iterationsPerSecond = session / wallSeconds;
    writeJson(files.summary, {
      status,
      source: setup.source,
      target: trainer.target,
      config,
      seed: config.seed,
      iterations: iteration,
      resumedFrom: start > 0 ? start : undefined,
      engine: { kernels: engine.kernels.name, threads: engine.threads ?? 1 },
      wallSeconds: round(wallSeconds, 4),
      totalWallSeconds: round(earlierSeconds + wallSeconds, 4),
      iterationsPerSecond: round(iterationsPerSecond, 4),
      final: lastRecord,
    });

    let message: string;
    if (status === 'diverged') {
      message = `loss became ${badValue} at iteration ${badIteration}: the learning rate is likely too high (--d-lr/--g-lr); last good checkpoint at iteration ${lastGood} in ${files.folder}`;
    } else if (status === 'interrupted') {
      message = `interrupted at iteration ${iteration}; resume with: gan2d train --resume ${files.folder}`;
    } else {
      const figures = lastRecord
        ? Object.entries(lastRecord).filter(([name]) => name !== 'iteration').map(([name, value]) => `${name} ${value}`).join(', ')
        : '';
      message = `trained ${start > 0 ? `from iteration ${start} to ${iteration}` : `${iteration} iterations`} in ${formatDuration(wallSeconds)} (${round(iterationsPerSecond, 3)} it/s); wrote ${files.folder}${figures ? `; final ${figures}` : ''}`;
    }
    return { status, iteration, message, wallSeconds, iterationsPerSecond, final: lastRecord };
  } finally {
    process.off('SIGINT', onSignal);
    await animation?.abort();
    await engine.dispose?.();
  }
}

function generateRows(trainer: Trainer, rows: readonly number[], conditionCount: number): Float32Array {
  if (conditionCount === 0) return trainer.generate(rows[0]);
  const parts = rows.map((count, condition) => (count > 0 ? trainer.generate(count, condition) : new Float32Array(0)));
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
