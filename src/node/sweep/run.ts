/**
 * One run of a sweep in its folder, by `gan2d train` in a child process: skipped when
 * finished (or diverged), resumed from its checkpoint when it has one, started afresh
 * otherwise. Used the same way by local sweeps and by queue workers.
 */
import { rmSync } from 'node:fs';
import { readRunState, type RunState } from './run-state.js';
import { runGan2d, TrainProcessError } from '../gan2d-process.js';

/** What a run needs to train: the same on every machine. */
export interface TrainJob {
  /** The run's name in its sweep (its folder name). */
  name: string;
  /** train's input: builtin:NAME, or a picture or folder path (relative to `cwd`). */
  input: string;
  /** The run's train flags (options only: no --out, --resume or --force). */
  args: string[];
  /** The iterations the run must reach. */
  iterations: number;
}

export type RunResult =
  | { kind: 'finished'; metrics: Record<string, number>; skipped: boolean; resumedFrom?: number }
  | { kind: 'diverged'; message: string; skipped: boolean };

export interface RunOptions {
  /** The entry point of the gan2d child process (cli/child.js). */
  entry: string;
  /** The run folder (train's --out). */
  folder: string;
  /** train's output is appended here. */
  logFile: string;
  /** The child's working directory (where a relative input is found). */
  cwd?: string;
  signal?: AbortSignal;
  /** Told just before the child starts: from which iteration, 0 for a fresh run. */
  onStart?: (fromIteration: number) => void;
}

function settled(state: RunState, skipped: boolean, resumedFrom?: number): RunResult | undefined {
  if (state.kind === 'finished') return { kind: 'finished', metrics: state.metrics, skipped, ...(resumedFrom ? { resumedFrom } : {}) };
  if (state.kind === 'diverged') return { kind: 'diverged', message: state.message, skipped };
  return undefined;
}

/** One sweep thread per run, so that runs side by side share the cores instead of fighting over them. */
function withThreads(args: readonly string[]): string[] {
  return args.includes('--threads') ? [...args] : [...args, '--threads', '1'];
}

export async function runInFolder(job: TrainJob, options: RunOptions): Promise<RunResult> {
  const before = readRunState(options.folder, job.iterations);
  const done = settled(before, true);
  if (done) return done;

  const resumable = before.kind === 'checkpoint' && before.iteration < job.iterations;
  const from = resumable ? before.iteration : 0;
  if (!resumable && before.kind === 'checkpoint') {
    // A checkpoint at or past the end without a finished summary (a crash in between, or
    // fewer iterations asked for now): train cannot continue it, so the run starts over.
    rmSync(options.folder, { recursive: true, force: true });
  }
  const args = resumable
    ? ['train', '--resume', options.folder, ...withThreads(job.args)]
    : ['train', job.input, '--out', options.folder, '--force', ...withThreads(job.args)];
  options.onStart?.(from);
  try {
    await runGan2d(args, { entry: options.entry, cwd: options.cwd, logFile: options.logFile, signal: options.signal });
  } catch (error) {
    // A diverged run exits non-zero but leaves its result; anything else is a failure.
    const after = settled(readRunState(options.folder, job.iterations), false);
    if (after?.kind === 'diverged') return after;
    throw error;
  }
  const after = settled(readRunState(options.folder, job.iterations), false, from);
  if (!after) throw new TrainProcessError('gan2d train ended without a finished summary.json', 0, null);
  return after;
}
