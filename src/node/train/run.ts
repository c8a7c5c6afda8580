/**
 * The training run loop on Node: the engine, the trainer, and everything a run leaves
 * in its folder as it goes — a frame and a metrics line per display interval
 * (display.ts), a checkpoint every checkpoint interval (and at the start, the end,
 * and on Ctrl-C), progress on the terminal. A NaN or infinite loss stops the run and
 * keeps the last good checkpoint; so does a file that cannot be written (a full disk, a
 * file-size limit), in one line naming it, with how to resume.
 */
import type { RunState, TrainerCheckpoint } from '../../core/gan/checkpoint.js';
import type { FlowCheckpoint } from '../../core/flow/checkpoint.js';
import { createEvaluator } from '../../core/model/evaluation.js';
import { evaluateFinal, type FinalEvaluation } from '../../core/model/final-evaluation.js';
import { isConditional, targetBounds, targetDensity, targetParts } from '../../core/model/target.js';
import { requestRows } from '../../core/model/condition-split.js';
import { recordedConfig } from '../../core/gan/config.js';
import { planRunLength, RecentPace } from '../../core/model/schedule.js';
import { writeLossPlotPng, writeTrainingFramePng } from '../image/canvas.js';
import { writeCheckpoint } from './checkpoint-file.js';
import { UserError } from '../../core/errors.js';
import { ensureFolder, WriteError } from '../files.js';
import { createProgress, formatDuration, type ProgressStream } from '../progress.js';
import { createAnimation, type Animation } from './animation.js';
import { DisplayLog, round } from './display.js';
import { evaluationJson, evaluationWords } from './final-figures.js';
import { automaticThreads, createTrainingEngine, type TrainingEngine } from './engine-choice.js';
import { createRunModel, emptyRunState, widestLayer, type Losses } from './run-model.js';
import { trainingGifPreamble } from './gif-animation.js';
import { continueGif } from './gif-resume.js';
import { conditionLabels, MetricsLog, readMetricsUpTo, writeJson, type MetricsRecord } from './outputs.js';
import { writeSamples } from '../samples/write.js';
import type { TrainSetup } from './setup.js';

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
  /** A finished run's figures on fresh points against their floors (summary.json's evaluation). */
  evaluation?: FinalEvaluation;
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
  createEngine?: (threads: number) => Promise<TrainingEngine>;
  /** The clock --time-limit and the wall times read, in milliseconds (tests inject one; default performance.now). */
  now?: () => number;
}

type RunCheckpoint = TrainerCheckpoint | FlowCheckpoint;

export async function runTraining(setup: TrainSetup, hooks: RunHooks = {}): Promise<RunOutcome> {
  const now = hooks.now ?? ((): number => performance.now());
  const started = now();
  const { config, target, files, resume } = setup;
  const stream = hooks.stream ?? process.stderr;
  const tty = hooks.tty ?? stream.isTTY === true;
  const notice = (line: string): void => void stream.write(`${line}\n`);

  const threads = config.threads > 0 ? config.threads : automaticThreads(widestLayer(setup));
  const engine = hooks.createEngine ? await hooks.createEngine(threads) : await createTrainingEngine(threads, notice, setup.kernels);
  let animation: Animation | null = null;
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130); // a second Ctrl-C: stop at once
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  /** The iteration of the checkpoint on disk this run may resume from; null before the first. */
  let lastGood: number | null = resume ? resume.iteration : null;
  try {
    const runModel = createRunModel(setup, engine);
    const trainer = runModel.model;
    if (resume) runModel.restore(resume);
    const start = trainer.iteration;
    const conditionCount = isConditional(target) ? target.conditions.length : 0;
    const state: RunState = structuredClone(resume?.run) ?? emptyRunState(runModel.lossNames);
    const earlierSeconds = state.elapsedSeconds;
    // A resumed run keeps the earlier metrics and frames up to its checkpoint and draws the rest after them.
    const metrics = new MetricsLog(files.metrics, resume ? readMetricsUpTo(files.metrics, start) : []);
    const continueAfter = resume ? continueGif(files, state.frames, trainingGifPreamble()) : null;
    if (resume && state.frames > 0 && continueAfter === null) {
      notice(`training.gif starts at iteration ${start}: the earlier run's frames were not found`);
      state.frames = 0;
    }
    if (setup.frames) ensureFolder(files.framesFolder);
    const realDensity = targetDensity(target);
    const gif = createAnimation({
      gifPath: files.gif,
      partPath: files.gifPart,
      ...(continueAfter ? { continueAfter } : {}),
      framesFolder: setup.frames ? files.framesFolder : undefined,
    }, realDensity, hooks.inlineAnimation);
    animation = gif;
    const evaluator = createEvaluator(targetParts(target));
    const display = new DisplayLog({
      config, runModel, evaluator, metrics, animation,
      floors: evaluator.floors(trainer.rowsPerCondition),
      frame: { bounds: targetBounds(target), realDensity, conditionCount },
      plainLine: tty ? null : notice,
    }, state);

    /** The trainer's state and the run's counters now; null when a weight is not finite (a diverged run keeps its last good checkpoint). */
    const takeCheckpoint = (): RunCheckpoint | null => {
      const checkpoint = trainer.getCheckpoint();
      checkpoint.run = { ...structuredClone(state), elapsedSeconds: earlierSeconds + (now() - started) / 1000 };
      if (engine.native === true) checkpoint.run.kernels = engine.kernels.name;
      else delete checkpoint.run.kernels; // a resumed native run continued on WebAssembly
      if (setup.model === 'gan' && setup.recipe !== 'seed') (checkpoint as TrainerCheckpoint).recipe = setup.recipe;
      return runModel.weightsFinite(checkpoint) ? checkpoint : null;
    };
    const saveCheckpoint = async (checkpoint: RunCheckpoint): Promise<void> => {
      // The frames it counts are in the part file first: a run killed at any moment resumes with them.
      await gif.flush();
      writeCheckpoint(files.checkpoint, checkpoint);
      lastGood = checkpoint.iteration;
    };
    if (!resume) await saveCheckpoint(takeCheckpoint()!); // iteration 0: there is always a last good checkpoint
    /** The last iteration's checkpoint, written once the run's other files are: a run killed before then resumes from the one before and ends the same. */
    let finalCheckpoint: RunCheckpoint | null = null;

    const progress = createProgress({
      total: config.iterations - start,
      label: start > 0 ? `training (from ${start})` : 'training',
      stream,
      tty,
      plainLines: 0, // without a terminal the display log writes a line per display interval instead
    });
    let status: RunStatus = 'finished';
    let badIteration = 0;
    let badValue = 'NaN';
    let planFixed = trainer.plannedIterations < config.iterations; // a resumed run's plan still ahead
    const pace = new RecentPace();
    for (let iteration = start + 1; iteration <= config.iterations; iteration++) {
      if (!planFixed) {
        // A time limit shorter than --iterations: the decay is fitted into the time there is (schedule.ts).
        const elapsedSeconds = (now() - started) / 1000;
        pace.record(iteration - 1, elapsedSeconds);
        const plan = planRunLength({
          iterations: config.iterations, timeLimit: config.timeLimit, fraction: config.lrDecay,
          start, completed: iteration - 1, elapsedSeconds, pace: pace.perSecond(iteration - 1, elapsedSeconds),
        });
        if (plan.fixed) {
          trainer.planIterations(plan.length);
          planFixed = true;
          notice(`--time-limit ${config.timeLimit}: --lr-decay scheduled over ${plan.length} of ${config.iterations} iterations, to end within the time`);
        }
      }
      const losses = trainer.step() as Losses;
      const values = runModel.lossNames.map((name) => losses[name]);
      if (!values.every(Number.isFinite)) {
        status = 'diverged';
        badIteration = iteration;
        if (!values.some(Number.isNaN)) badValue = 'infinite';
        break;
      }
      display.add(losses);
      const outOfTime = config.timeLimit > 0 && (now() - started) / 1000 >= config.timeLimit;
      const last = iteration >= trainer.plannedIterations || outOfTime;
      if (iteration % config.displayInterval === 0 || last) {
        display.show(iteration);
        await animation.whenReady();
      }
      if (iteration % config.checkpointInterval === 0 || last) {
        const checkpoint = takeCheckpoint();
        if (checkpoint === null) {
          status = 'diverged';
          badIteration = iteration;
          break;
        }
        if (last) finalCheckpoint = checkpoint;
        else await saveCheckpoint(checkpoint);
      }
      progress.update(iteration - start, runModel.progress(losses));
      // Let a Ctrl-C's handler run: the loop is otherwise synchronous.
      await new Promise<void>((resolve) => setImmediate(resolve));
      animation.check(); // a frame the worker could not write stops the run now, not at the end
      if ((hooks.shouldStop?.(iteration) || interrupted) && !last) {
        status = 'interrupted';
        const checkpoint = takeCheckpoint();
        if (checkpoint !== null) await saveCheckpoint(checkpoint);
        break;
      }
      if (last) break;
    }
    const iteration = status === 'diverged' ? badIteration - 1 : trainer.iteration;
    const session = iteration - start;
    progress.finish();
    if (status === 'finished' && iteration < config.iterations) {
      const why = iteration === trainer.plannedIterations ? 'its decay done' : 'out of time';
      notice(`--time-limit ${config.timeLimit}: stopped after ${iteration} of ${config.iterations} iterations (${why})`);
    }

    // The still figures first: the animation's worker is meanwhile finishing its last frames.
    if (metrics.records.length > 0) writeLossPlotPng(files.lossesPng, metrics.curves());
    if (status === 'finished' && display.lastFrame) writeTrainingFramePng(files.finalPng, display.lastFrame, 480);
    if (status === 'finished' && config.exportSamples > 0) {
      const rows = requestRows(config.exportSamples, trainer.target.masses);
      writeSamples(files.samples[config.samplesFormat], trainer.generateRows(rows), conditionCount > 0 ? conditionLabels(rows) : undefined);
    }
    if (animation.frameCount > 0) {
      await animation.finish();
    } else {
      await animation.abort();
    }
    animation = null;

    const wallSeconds = (now() - started) / 1000;
    const iterationsPerSecond = session / wallSeconds;
    const final = display.lastRecord;
    const evaluation = status === 'finished' ? evaluateFinal(trainer, evaluator, config.seed) : undefined;
    if (finalCheckpoint !== null) await saveCheckpoint(finalCheckpoint);
    writeJson(files.summary, {
      status,
      source: setup.source,
      target: trainer.target,
      recipe: setup.model === 'gan' && setup.recipe !== 'seed' ? setup.recipe : undefined,
      config: setup.model === 'gan' ? recordedConfig(setup.config) : config,
      seed: config.seed,
      iterations: iteration,
      stoppedBy: status === 'finished' && iteration < config.iterations ? 'time-limit' : undefined,
      plannedIterations: trainer.plannedIterations < config.iterations ? trainer.plannedIterations : undefined,
      resumedFrom: start > 0 ? start : undefined,
      engine: { kernels: engine.kernels.name, threads: engine.threads ?? 1 },
      wallSeconds: round(wallSeconds, 4),
      totalWallSeconds: round(earlierSeconds + wallSeconds, 4),
      iterationsPerSecond: round(iterationsPerSecond, 4),
      final,
      evaluation: evaluation && evaluationJson(evaluation),
    });

    let message: string;
    if (status === 'diverged') {
      const rates = setup.model === 'flow' ? '--lr' : '--d-lr/--g-lr';
      message = `loss became ${badValue} at iteration ${badIteration}: the learning rate is likely too high (${rates}); last good checkpoint at iteration ${lastGood} in ${files.folder}`;
    } else if (status === 'interrupted') {
      message = `interrupted at iteration ${iteration}; resume with: gan2d train --resume ${files.folder}`;
    } else {
      const losses = final ? `; final ${runModel.shownLosses.map((name) => `${name} ${final[name]}`).join(', ')}` : '';
      const measured = evaluation ? evaluationWords(evaluation) : '';
      const span = start > 0 ? `from iteration ${start} to ${iteration}` : `${iteration} iterations`;
      message = `trained ${span} in ${formatDuration(wallSeconds)} (${round(iterationsPerSecond, 3)} it/s); wrote ${files.folder}${losses}${measured}`;
    }
    return { status, iteration, message, wallSeconds, iterationsPerSecond, final, evaluation };
  } catch (error) {
    if (error instanceof WriteError) throw new UserError(`${error.message}; ${afterWriteFailure(lastGood, config.iterations, files.folder)}`);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    await animation?.abort();
    await engine.dispose?.();
  }
}

/** What a run stopped by a file it could not write leaves to go on from, for its one-line message. */
function afterWriteFailure(lastGood: number | null, iterations: number, folder: string): string {
  if (lastGood === null) return `no checkpoint was written; free some space and start again (with --force)`;
  if (lastGood >= iterations) return `training finished (checkpoint at iteration ${lastGood}); only summary.json is missing`;
  return `last good checkpoint at iteration ${lastGood}; resume with: gan2d train --resume ${folder}`;
}
