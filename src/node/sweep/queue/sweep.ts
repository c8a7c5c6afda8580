/**
 * The sweep's side of a distributed sweep: queue each run not yet done as a BullMQ job,
 * follow the jobs until they end, and gather finished runs into the sweep's folder
 * (from Redis, or found already in place when workers write to a shared folder).
 */
import { join } from 'node:path';
import { Queue, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { SweepRun } from '../../../core/sweep/sweep-plan.js';
import { writeFileAtomic } from '../../files.js';
import { checkRedis } from './connection.js';
import { LOG_FIELD, QUEUE_NAME, jobId, redisKeys, sweepJobData, type SweepJobData, type SweepJobResult } from './jobs.js';
import { getBundle, putBundle, writeFolderFiles } from './store.js';
import type { LoadedSweep } from '../sweep-file.js';
import { runFolderOf, type SweepFolder } from '../sweep-folder.js';
import { readRunState } from '../run-state.js';
import { trainJob } from '../local.js';

export interface SweepQueue {
  queue: Queue<SweepJobData, SweepJobResult>;
  redis: Redis;
  close(): Promise<void>;
}

/** Connects (failing within seconds with one line when Redis does not answer). */
export async function openSweepQueue(url: string): Promise<SweepQueue> {
  const options: RedisOptions = await checkRedis(url);
  const redis = new Redis({ ...options, maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // connection trouble surfaces as rejected calls
  const queue = new Queue<SweepJobData, SweepJobResult>(QUEUE_NAME, { connection: { ...options, maxRetriesPerRequest: 3 } });
  queue.on('error', () => undefined); // connection trouble surfaces as rejected calls
  return {
    queue,
    redis,
    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
}

export interface QueuedRun {
  run: SweepRun;
  id: string;
}

function isDone(loaded: LoadedSweep, folder: SweepFolder, run: SweepRun): boolean {
  const kind = readRunState(runFolderOf(folder, run), trainJob(loaded, run).iterations).kind;
  return kind === 'finished' || kind === 'diverged';
}

/**
 * Queues every run whose folder is not finished. A job already queued (waiting, running
 * or completed) is left as it is; a failed one is retried. Returns the queued runs.
 */
export async function submitSweep(loaded: LoadedSweep, folder: SweepFolder, sweepQueue: SweepQueue, shared: boolean): Promise<QueuedRun[]> {
  const { queue, redis } = sweepQueue;
  for (const target of loaded.targets.values()) {
    if (target.files.length === 0) continue;
    await putBundle(redis, redisKeys.target(target.contentHash), new Map(target.files.map((f) => [f.name, f.bytes])));
  }
  const queued: QueuedRun[] = [];
  for (const run of loaded.runs) {
    if (isDone(loaded, folder, run)) continue;
    const data = sweepJobData(loaded, run, shared ? folder : null);
    const id = jobId(data);
    const existing = await queue.getJob(id);
    if (existing) {
      if ((await existing.getState()) === 'failed') await existing.retry('failed');
    } else {
      await queue.add(run.name, data, { jobId: id, attempts: 1, removeOnComplete: false, removeOnFail: false });
    }
    queued.push({ run, id });
  }
  return queued;
}

export interface WaitOutcome {
  completed: QueuedRun[];
  failed: { queued: QueuedRun; reason: string }[];
  /** Stopped waiting before every job ended. */
  interrupted: boolean;
}

function describeResult(job: Job<SweepJobData, SweepJobResult> | undefined): string {
  const result = job?.returnvalue;
  if (!result) return 'completed';
  if (result.kind === 'diverged') return result.message;
  const figures = Object.entries(result.metrics).filter(([name]) => !name.endsWith('Floor')).map(([n, v]) => `${n} ${v}`).join(', ');
  return `${result.resumedFrom ? `resumed from iteration ${result.resumedFrom}, ` : ''}finished: ${figures}`;
}

/** Follows the jobs until each has completed or failed, a line per job as it ends. */
export async function waitForJobs(
  sweepQueue: SweepQueue, queued: readonly QueuedRun[], log: (line: string) => void, stopping: () => boolean,
): Promise<WaitOutcome> {
  const { queue } = sweepQueue;
  const outcome: WaitOutcome = { completed: [], failed: [], interrupted: false };
  const open = new Map(queued.map((q) => [q.id, q]));
  const width = String(queued.length).length;
  const tag = (): string => `[${String(outcome.completed.length + outcome.failed.length).padStart(width)}/${queued.length}]`;
  let lostSince: number | undefined;
  while (open.size > 0) {
    if (stopping()) {
      outcome.interrupted = true;
      break;
    }
    try {
      await followJobs(queue, open, outcome, log, tag);
      if (lostSince !== undefined) log('Redis answers again');
      lostSince = undefined;
    } catch (error) {
      // Redis restarting, or the network gone a moment: keep following for a while, as the workers do.
      if (!isConnectionLoss(error)) throw error;
      if (lostSince === undefined) log(`lost Redis (${(error as Error).message.split('\n')[0]}); waiting for it to come back`);
      lostSince ??= Date.now();
      if (Date.now() - lostSince > REDIS_PATIENCE_MS) throw error;
    }
    if (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return outcome;
}

/** How long the sweep waits for a Redis that stopped answering before it gives up (the jobs stay queued). */
const REDIS_PATIENCE_MS = 120_000;

/** Whether an error is Redis out of reach rather than a wrong answer. */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'MaxRetriesPerRequestError' || /ECONN|EPIPE|ETIMEDOUT|Connection is closed|writeable|LOADING/i.test(error.message);
}

/** One look at every open job: those that ended leave `open` for `outcome`, a line each. */
async function followJobs(
  queue: SweepQueue['queue'], open: Map<string, QueuedRun>, outcome: WaitOutcome, log: (line: string) => void, tag: () => string,
): Promise<void> {
  for (const [id, entry] of [...open]) {
    const state = await queue.getJobState(id);
    if (state === 'completed') {
      open.delete(id);
      outcome.completed.push(entry);
      log(`${tag()} ${entry.run.name}: ${describeResult(await queue.getJob(id))}`);
    } else if (state === 'failed' || state === 'unknown') {
      open.delete(id);
      const job = await queue.getJob(id);
      const reason = job?.failedReason ?? 'the job is no longer in the queue';
      outcome.failed.push({ queued: entry, reason });
      log(`${tag()} ${entry.run.name}: failed: ${reason}`);
    }
  }
}

export interface CollectOutcome {
  /** Run folders written from Redis now. */
  fetched: number;
  /** Runs queued but not finished yet. */
  pending: SweepRun[];
  failed: { run: SweepRun; reason: string }[];
  /** Runs never queued (or whose jobs are gone). */
  unknown: SweepRun[];
}

/** The job of a run, whichever way it was queued (results to Redis, or to this shared folder). */
async function findJob(loaded: LoadedSweep, folder: SweepFolder, queue: SweepQueue['queue'], run: SweepRun) {
  for (const shared of [null, folder]) {
    const job = await queue.getJob(jobId(sweepJobData(loaded, run, shared)));
    if (job) return job;
  }
  return undefined;
}

/** Brings every finished run's folder into the sweep folder; says what is still pending or failed. */
export async function collectSweep(loaded: LoadedSweep, folder: SweepFolder, sweepQueue: SweepQueue): Promise<CollectOutcome> {
  const outcome: CollectOutcome = { fetched: 0, pending: [], failed: [], unknown: [] };
  for (const run of loaded.runs) {
    if (isDone(loaded, folder, run)) continue;
    const job = await findJob(loaded, folder, sweepQueue.queue, run);
    if (!job?.id) {
      outcome.unknown.push(run);
      continue;
    }
    const state = await job.getState();
    if (state === 'failed') {
      outcome.failed.push({ run, reason: job.failedReason ?? 'failed' });
    } else if (state !== 'completed') {
      outcome.pending.push(run);
    } else if (job.data.shared === null) {
      const files = await getBundle(sweepQueue.redis, redisKeys.result(job.id));
      if (files.has('summary.json')) {
        const log = files.get(LOG_FIELD);
        if (log) writeFileAtomic(join(folder.logs, `${run.name}.log`), log);
        writeFolderFiles(runFolderOf(folder, run), files);
        outcome.fetched++;
      } else {
        outcome.failed.push({ run, reason: 'completed, but its files are missing from Redis' });
      }
    } else if (!isDone(loaded, folder, run)) {
      outcome.failed.push({ run, reason: `completed, but ${job.data.shared.folder} has no finished run (is the shared folder the same on every machine?)` });
    }
  }
  return outcome;
}

export interface CleanOutcome {
  /** Jobs removed from Redis with their files (result, checkpoint). */
  removed: number;
  /** Runs whose jobs are still waiting or running: left in Redis. */
  pending: SweepRun[];
  /** Target pictures removed (those no job in the queue still trains on). */
  targets: number;
}

/** Every state a BullMQ job can be in. */
const ALL_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children', 'completed', 'failed'] as const;

/**
 * Removes from Redis what the sweep no longer needs there: the jobs of runs that are done
 * in its folder (gathered) or failed, with their result bundles and checkpoints, and then
 * the target pictures no job in the queue still refers to (another sweep may share them).
 * Jobs still waiting or running are left, and named in `pending`.
 */
export async function cleanSweep(loaded: LoadedSweep, folder: SweepFolder, sweepQueue: SweepQueue): Promise<CleanOutcome> {
  const { queue, redis } = sweepQueue;
  const outcome: CleanOutcome = { removed: 0, pending: [], targets: 0 };
  for (const run of loaded.runs) {
    for (const shared of [null, folder]) {
      const id = jobId(sweepJobData(loaded, run, shared));
      const job = await queue.getJob(id);
      if (job) {
        const state = await job.getState();
        if (state !== 'failed' && !(state === 'completed' && isDone(loaded, folder, run))) {
          outcome.pending.push(run);
          continue;
        }
        await job.remove();
        outcome.removed++;
      }
      // A job removed earlier may have left its files (a clean cut short): they go too.
      await redis.del(redisKeys.result(id), redisKeys.snapshot(id));
    }
  }
  const hashes = new Set([...loaded.targets.values()].filter((t) => t.files.length > 0).map((t) => t.contentHash));
  if (hashes.size > 0) {
    const jobs = await queue.getJobs([...ALL_STATES]);
    for (const job of jobs) {
      const target = (job?.data as Partial<SweepJobData> | undefined)?.target;
      if (target && 'hash' in target) hashes.delete(target.hash);
    }
    for (const hash of hashes) outcome.targets += await redis.del(redisKeys.target(hash));
  }
  return outcome;
}
