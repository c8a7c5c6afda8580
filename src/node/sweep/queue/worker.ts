/**
 * `gan2d worker`: takes sweep runs from the BullMQ queue and trains each one in a child
 * process. While a run trains, each new checkpoint goes to Redis, so when this worker
 * dies (its lock then expires), another worker continues the run from there. A run's
 * folder goes to the shared folder named in the job, or to Redis when there is none.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker, WaitingError, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { ensureFolder, writeFileAtomic } from '../../files.js';
import { checkRedis } from './connection.js';
import { LOG_FIELD, QUEUE_NAME, isPlainName, readJobData, redisKeys, type JobTarget, type SweepJobData, type SweepJobResult } from './jobs.js';
import { getBundle, putBundle, readFolderFiles, writeFolderFiles } from './store.js';
import { checkpointIteration } from '../run-state.js';
import { runInFolder } from '../run.js';
import { TrainProcessError } from '../../gan2d-process.js';

export interface WorkerOptions {
  /** The entry point of the gan2d child processes (cli/child.js). */
  entry: string;
  /** redis://HOST:PORT */
  url: string;
  /** This worker's own folder: targets, run folders and logs of runs whose results go to Redis. */
  work: string;
  /** Runs at once. */
  concurrency: number;
  /** Seconds without a sign of life after which this worker's runs go to another worker. */
  stallSeconds: number;
  /** One line per event. */
  log: (line: string) => void;
}

export interface RunningWorker {
  /** Interrupts running trainings (each saves a checkpoint), hands their jobs back to the queue, and closes. */
  stop(): Promise<void>;
  /** Resolves when the worker has closed (on its own, or through stop()). */
  closed: Promise<void>;
}

/**
 * The files a run needs to continue elsewhere, read in this order: the checkpoint first, then
 * the files that only grow after it (metrics lines and GIF frames past it are cut on resume).
 */
const SNAPSHOT_FILES = ['checkpoint.json', 'metrics.jsonl', '.training.gif.part', 'training.gif'];
/** How long stopping may wait for the queue before the worker leaves anyway. */
const STOP_PATIENCE_MS = 10_000;
/** How often a running run's checkpoint is looked at. */
const WATCH_INTERVAL_MS = 500;

function sha256Of(files: { name: string; bytes: Buffer }[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.name).update('\0').update(file.bytes);
  return hash.digest('hex');
}

/** Puts the target's files in the work folder (once per content) and returns train's input, relative to it. */
async function materializeTarget(redis: Redis, work: string, target: JobTarget): Promise<string> {
  if (target.kind === 'builtin') return target.source;
  const relativePath = join('targets', target.hash, target.name);
  const path = join(work, relativePath);
  const names = target.kind === 'folder' ? target.files : [target.name];
  if (!isPlainName(target.name) || !names.every(isPlainName) || !/^[0-9a-f]{64}$/.test(target.hash)) {
    throw new Error(`the job's target ${JSON.stringify(target.name)} has file names that would leave the work folder`);
  }
  const pathOf = (name: string): string => (target.kind === 'folder' ? join(path, name) : path);
  if (names.every((name) => existsSync(pathOf(name)))) return relativePath;
  const bundle = await getBundle(redis, redisKeys.target(target.hash));
  const files = names.map((name) => ({ name, bytes: bundle.get(name) }));
  const present = files.filter((f): f is { name: string; bytes: Buffer } => f.bytes !== undefined);
  if (present.length !== names.length || sha256Of(present) !== target.hash) {
    throw new Error(`the target ${target.name} is missing from Redis or damaged (submit the sweep again)`);
  }
  for (const file of present) {
    ensureFolder(dirname(pathOf(file.name)));
    writeFileAtomic(pathOf(file.name), file.bytes);
  }
  return relativePath;
}

function bundleIteration(files: Map<string, Buffer>): number | undefined {
  const checkpoint = files.get('checkpoint.json');
  if (!checkpoint) return undefined;
  try {
    const iteration = (JSON.parse(checkpoint.toString('utf8')) as { iteration?: unknown }).iteration;
    return typeof iteration === 'number' ? iteration : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the folder's checkpoint (with what a resume needs beside it) to Redis each time it changes. */
class CheckpointUploader {
  private timer: NodeJS.Timeout | undefined;
  private lastSeen = '';
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly redis: Redis, private readonly key: string, private readonly folder: string,
    private readonly onUpload: (iteration: number) => void) {}

  start(): void {
    this.timer = setInterval(() => this.check(), WATCH_INTERVAL_MS);
  }

  private check(): void {
    const stat = statSync(join(this.folder, 'checkpoint.json'), { throwIfNoEntry: false });
    const seen = stat ? `${stat.mtimeMs}:${stat.size}` : '';
    if (seen === '' || seen === this.lastSeen) return;
    this.lastSeen = seen;
    this.pending = this.pending.then(() => this.upload()).catch(() => undefined); // a failed upload: the next one tries again
  }

  private async upload(): Promise<void> {
    const files = readFolderFiles(this.folder, SNAPSHOT_FILES);
    const iteration = bundleIteration(files);
    if (iteration === undefined) return;
    await putBundle(this.redis, this.key, files);
    this.onUpload(iteration);
  }

  /** Stops watching; with `flush`, first sends the checkpoint as it is now. */
  async stop(flush: boolean): Promise<void> {
    clearInterval(this.timer);
    if (flush) {
      this.lastSeen = '';
      this.check();
    }
    await this.pending;
  }
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const connection: RedisOptions = { ...(await checkRedis(options.url)), maxRetriesPerRequest: null };
  const redis = new Redis(connection);
  redis.on('error', () => undefined); // the worker's own 'error' events report connection trouble, once per change
  const identity = `${hostname()} pid ${process.pid}`;
  const interrupts = new Set<AbortController>();
  let stopping = false;

  const processJob = async (job: Job<SweepJobData, SweepJobResult>, token?: string): Promise<SweepJobResult> => {
    const data = readJobData(job.data);
    const id = job.id!;
    if (stopping && token !== undefined) {
      await job.moveToWait(token); // taken just as the worker was stopping: leave it to another
      throw new WaitingError();
    }
    const folder = data.shared?.folder ?? join(options.work, 'runs', id);
    const logFile = data.shared?.logFile ?? join(options.work, 'logs', `${id}.log`);
    ensureFolder(dirname(folder));
    ensureFolder(dirname(logFile));
    const input = await materializeTarget(redis, options.work, data.target);

    let uploader: CheckpointUploader | undefined;
    if (!data.shared) {
      // Continue from wherever the run got furthest: this folder, or Redis (another worker's checkpoint).
      const snapshot = await getBundle(redis, redisKeys.snapshot(id));
      const remote = bundleIteration(snapshot);
      const local = checkpointIteration(folder);
      if (remote !== undefined && (local === undefined || remote > local)) writeFolderFiles(folder, snapshot);
      uploader = new CheckpointUploader(redis, redisKeys.snapshot(id), folder, (iteration) => {
        void job.updateProgress({ iteration, iterations: data.iterations }).catch(() => undefined);
      });
    }
    const interrupt = new AbortController();
    interrupts.add(interrupt);
    try {
      uploader?.start();
      const result = await runInFolder({ name: data.run, input, args: data.args, iterations: data.iterations }, {
        entry: options.entry, folder, logFile, cwd: options.work, signal: interrupt.signal,
        onStart: (from) => {
          const line = from > 0 ? `resuming from iteration ${from}` : 'starting';
          options.log(`${data.run}: ${line}`);
          void job.log(`${identity}: ${line}`).catch(() => undefined);
        },
      });
      await uploader?.stop(false);
      if (!data.shared) {
        const files = readFolderFiles(folder);
        if (existsSync(logFile)) files.set(LOG_FIELD, readFileSync(logFile));
        await putBundle(redis, redisKeys.result(id), files);
        await redis.del(redisKeys.snapshot(id));
      }
      const outcome = result.kind === 'finished'
        ? `finished${result.skipped ? ' (earlier)' : ''}`
        : result.message;
      options.log(`${data.run}: ${outcome}`);
      await job.log(`${identity}: ${outcome}`);
      return result.kind === 'finished'
        ? { kind: 'finished', metrics: result.metrics, ...(result.resumedFrom ? { resumedFrom: result.resumedFrom } : {}) }
        : { kind: 'diverged', message: result.message };
    } catch (error) {
      // Interrupted (this worker is stopping, or its training got the terminal's Ctrl-C) rather than failed.
      const interrupted = stopping || (error instanceof TrainProcessError && error.exitCode === 130);
      await uploader?.stop(interrupted);
      if (interrupted && token !== undefined) {
        // Stopped on purpose: the checkpoint is in Redis (or the shared folder); another worker continues.
        await job.moveToWait(token);
        options.log(`${data.run}: handed back to the queue`);
        throw new WaitingError();
      }
      options.log(`${data.run}: failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    } finally {
      interrupts.delete(interrupt);
    }
  };

  const stallMs = Math.round(options.stallSeconds * 1000);
  const worker = new Worker<SweepJobData, SweepJobResult>(QUEUE_NAME, processJob, {
    connection,
    concurrency: options.concurrency,
    lockDuration: stallMs,
    stalledInterval: Math.max(500, Math.round(stallMs / 2)),
    // A run survives a few dead workers; one that keeps killing them is given up on.
    maxStalledCount: 3,
  });
  let lastError = '';
  worker.on('error', (error) => {
    if (error.message !== lastError) options.log(`queue error: ${error.message} (retrying)`);
    lastError = error.message;
  });
  worker.on('ready', () => {
    lastError = '';
  });
  await worker.waitUntilReady();
  options.log(`worker ${identity}: taking sweep runs from ${options.url} (${options.concurrency} at once)`);

  let closing: Promise<void> | undefined;
  let closedByStop: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    closedByStop = resolve;
    worker.once('closed', () => resolve());
  });
  return {
    closed,
    stop(): Promise<void> {
      closing ??= (async () => {
        stopping = true;
        for (const interrupt of interrupts) interrupt.abort();
        // Handing runs back needs Redis; without it, give up after a while (the locks run out and the runs go back anyway).
        let timer: NodeJS.Timeout | undefined;
        const patience = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, STOP_PATIENCE_MS);
        });
        await Promise.race([worker.close(), patience]);
        clearTimeout(timer);
        redis.disconnect();
        closedByStop();
      })();
      return closing;
    },
  };
}

/** The worker folder's default: under the user's cache, one per machine user. */
export function defaultWorkFolder(home: string): string {
  return join(home, '.cache', 'gan2d', 'worker');
}

