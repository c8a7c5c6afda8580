/**
 * A sweep run as a BullMQ job: everything a worker on another machine needs (the target
 * by content hash, the train flags, where the run folder goes), and a job id that is a
 * hash of all that, so queueing the same run twice queues it once.
 */
import { createHash } from 'node:crypto';
import type { SweepRun } from '../../../core/sweep/sweep-plan.js';
import { UserError } from '../../../core/errors.js';
import type { LoadedSweep } from '../sweep-file.js';
import { runFolderOf, type SweepFolder } from '../sweep-folder.js';
import { trainJob } from '../local.js';

/** The one queue every sweep's jobs go into; job ids keep sweeps apart. */
export const QUEUE_NAME = 'gan2d-sweeps';
export const JOB_FORMAT = 'gan2d-sweep-job';

/** What a run trains on: a builtin, or files kept in Redis under their content hash. */
export type JobTarget =
  | { kind: 'builtin'; source: string }
  | { kind: 'picture'; name: string; hash: string }
  | { kind: 'folder'; name: string; hash: string; files: string[] };

export interface SweepJobData {
  format: typeof JOB_FORMAT;
  version: 1;
  sweep: string;
  run: string;
  target: JobTarget;
  /** train's option flags. */
  args: string[];
  iterations: number;
  /**
   * A shared run folder every worker sees at this path, and its log file; null when the
   * worker trains in its own folder and puts the results in Redis.
   */
  shared: { folder: string; logFile: string } | null;
}

/** What a job returns: stored by BullMQ, read back by the sweep. */
export type SweepJobResult =
  | { kind: 'finished'; metrics: Record<string, number>; resumedFrom?: number }
  | { kind: 'diverged'; message: string };

/** The field of a result bundle holding the run's train output (it goes to the sweep's logs/, not the run folder). */
export const LOG_FIELD = '@log';

/** Redis keys of the files a sweep keeps there. */
export const redisKeys = {
  target: (hash: string): string => `gan2d:target:${hash}`,
  snapshot: (jobId: string): string => `gan2d:snapshot:${jobId}`,
  result: (jobId: string): string => `gan2d:result:${jobId}`,
};

export function jobTarget(loaded: LoadedSweep, run: SweepRun): JobTarget {
  const resolved = loaded.targets.get(run.target.name);
  if (!resolved || resolved.files.length === 0) return { kind: 'builtin', source: run.target.source };
  // The file or folder name as train will see it on the worker: its own name where it is a plain one.
  const last = run.target.source.replace(/[/\\]+$/, '').split(/[/\\]/).pop() ?? '';
  const name = isPlainName(last) ? last : run.target.name;
  return resolved.isFolder
    ? { kind: 'folder', name, hash: resolved.contentHash, files: resolved.files.map((f) => f.name) }
    : { kind: 'picture', name, hash: resolved.contentHash };
}

export function sweepJobData(loaded: LoadedSweep, run: SweepRun, shared: SweepFolder | null): SweepJobData {
  const job = trainJob(loaded, run);
  return {
    format: JOB_FORMAT,
    version: 1,
    sweep: loaded.spec.name,
    run: run.name,
    target: jobTarget(loaded, run),
    args: job.args,
    iterations: job.iterations,
    shared: shared ? { folder: runFolderOf(shared, run), logFile: `${shared.logs}/${run.name}.log` } : null,
  };
}

/** A file name that stays inside its folder: no separators, not "." or "..". */
export function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** "run-" and 32 hex digits of the data's SHA-256: the same run always gets the same id. */
export function jobId(data: SweepJobData): string {
  return `run-${createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32)}`;
}

/** A job's data as a worker receives it, checked: another version of gan2d may have queued it. */
export function readJobData(data: unknown): SweepJobData {
  const job = data as Partial<SweepJobData> | null;
  if (job?.format !== JOB_FORMAT || job.version !== 1 || typeof job.run !== 'string' || !Array.isArray(job.args)) {
    throw new UserError('this job was not queued by a compatible gan2d sweep');
  }
  return job as SweepJobData;
}
