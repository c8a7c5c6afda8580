/**
 * How far a run folder got, read from what `gan2d train` leaves there: a summary.json
 * of a finished (or diverged) run with its final metrics, or a checkpoint to resume.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RunState =
  /** Finished: the final metrics (summary.json's `evaluation` on many points, or else its last `final` record, without the iteration and losses). */
  | { kind: 'finished'; metrics: Record<string, number> }
  /** The loss became NaN or infinite: a result in itself, not retried (it would diverge again). */
  | { kind: 'diverged'; message: string }
  /** Stopped part way: a checkpoint at this iteration. */
  | { kind: 'checkpoint'; iteration: number }
  | { kind: 'new' };

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined; // missing, or cut short by a crash: the run is not done
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The figures of summary.json's `evaluation` or `final` record that are metrics, not counts or losses. */
const NOT_METRICS = new Set(['iteration', 'points', 'dReal', 'dFake', 'g', 'penalty']);

/** The run's state; `iterations` is what the sweep asks for, so a shorter finished run counts as resumable. */
export function readRunState(folder: string, iterations: number): RunState {
  const summary = readJson(join(folder, 'summary.json'));
  if (isRecord(summary) && isRecord(summary.final)) {
    // A run stopped by its --time-limit is finished: resuming it would only spend the limit again.
    if (summary.status === 'finished' && (summary.iterations === iterations || summary.stoppedBy === 'time-limit')) {
      const metrics: Record<string, number> = {};
      // Runs made before summaries had an evaluation report their last frame's figures.
      const measured = isRecord(summary.evaluation) ? summary.evaluation : summary.final;
      for (const [name, value] of Object.entries(measured)) {
        if (!NOT_METRICS.has(name) && typeof value === 'number') metrics[name] = value;
      }
      return { kind: 'finished', metrics };
    }
    if (summary.status === 'diverged') {
      return { kind: 'diverged', message: `diverged after iteration ${String(summary.iterations)}` };
    }
  }
  const iteration = checkpointIteration(folder);
  return iteration === undefined ? { kind: 'new' } : { kind: 'checkpoint', iteration };
}

/** The iteration of the folder's checkpoint.json, or undefined without a readable one. */
export function checkpointIteration(folder: string): number | undefined {
  const checkpoint = readJson(join(folder, 'checkpoint.json'));
  return isRecord(checkpoint) && typeof checkpoint.iteration === 'number' ? checkpoint.iteration : undefined;
}
