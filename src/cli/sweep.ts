/**
 * `gan2d sweep SWEEP.yaml|.json`: trains every combination of a sweep's axes, targets
 * and seeds, each run in its own folder, and writes report.md and report.html. Runs in
 * parallel on this machine, or as jobs for `gan2d worker`s with --queue redis://HOST:PORT.
 * Running it again resumes: finished runs are skipped, interrupted ones continue.
 */
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { parseWholeNumber } from '../core/option-values.js';
import type { SweepResults } from '../core/sweep/sweep-results.js';
import { findSweepMetric, formatMetric } from '../core/sweep/sweep-metrics.js';
import { cleanSweep, collectSweep, openSweepQueue, submitSweep, waitForJobs, type SweepQueue } from '../node/sweep/queue/sweep.js';
import { loadSweepFile, type LoadedSweep } from '../node/sweep/sweep-file.js';
import { lockSweepFolder, prepareSweepFolder, sweepFolder, type SweepFolder } from '../node/sweep/sweep-folder.js';
import { CHILD_ENTRY } from './options.js';
import { runSweepLocally } from '../node/sweep/local.js';
import { writeSweepReport } from '../node/sweep/report-files.js';

interface SweepFlags {
  out?: string;
  jobs?: string;
  force?: boolean;
  queue?: string;
  shared?: boolean;
  detach?: boolean;
  collect?: boolean;
  clean?: boolean;
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('train a grid of configurations (axes × targets × seeds) and write one report')
    .argument('<file>', 'the sweep: a .yaml or .json file of targets, base options, axes, seeds and metrics (e.g. examples/sweeps/binary-bridge.yaml)')
    .option('--out <dir>', 'the sweep folder: runs/, logs/, report.md, report.html (default sweeps/<sweep name>)')
    .option('--jobs <n>', 'runs at once on this machine (default: the number of cores)')
    .option('--force', 'redo runs whose settings changed since they were made (otherwise such a folder is refused)')
    .option('--queue <url>', 'run through BullMQ on Redis (redis://HOST:PORT): each run a job for `gan2d worker`')
    .option('--shared', 'with --queue: workers write run folders straight into --out, a folder every worker sees at the same path')
    .option('--detach', 'with --queue: queue the jobs and return at once; gather them later with --collect')
    .option('--collect', 'run nothing: gather the finished runs (from Redis with --queue) and write the report')
    .option('--clean', 'with --queue: once the report is written, remove from Redis the jobs and files of the runs gathered (or failed), and pictures no job needs')
    .action(async (file: string, flags: SweepFlags) => runSweepCommand(file, flags));
}

function parseJobs(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  return parseWholeNumber(text, '--jobs', 1, 1024);
}

const say = (line: string): void => void process.stderr.write(`${line}\n`);

/** Ctrl-C: no new run starts; running ones save their checkpoints (they get the same Ctrl-C) and stop. */
function stopOnInterrupt(): { stopping: () => boolean; release: () => void } {
  let stopped = false;
  const onSignal = (): void => {
    if (!stopped) say('stopping: no new run starts; run the same command again to resume');
    stopped = true;
  };
  process.on('SIGINT', onSignal);
  return { stopping: () => stopped, release: () => void process.off('SIGINT', onSignal) };
}

function bestLine(results: SweepResults): string {
  const parts: string[] = [];
  for (const target of results.spec.targets) {
    const best = results.best[target.name];
    if (!best) continue;
    const metric = findSweepMetric(results.spec.metrics.find((name) => findSweepMetric(name)?.kind === target.kind) ?? '');
    const stats = metric ? best.stats[metric.name] : undefined;
    const figure = metric && stats ? ` (${metric.name} ${formatMetric(metric, stats.mean)})` : '';
    parts.push(`best on ${target.source}: ${best.configuration}${figure}`);
  }
  return parts.join('; ');
}

async function report(loaded: LoadedSweep, folder: SweepFolder): Promise<SweepResults> {
  const results = await writeSweepReport(loaded, folder);
  const where = relative(process.cwd(), folder.reportMarkdown) || folder.reportMarkdown;
  const total = loaded.runs.length;
  const missing = results.missing.length;
  const best = bestLine(results);
  process.stdout.write(`wrote ${where} and report.html: ${total - missing} of ${total} runs${best ? `; ${best}` : ''}\n`);
  return results;
}

async function runSweepCommand(file: string, flags: SweepFlags): Promise<void> {
  const loaded = loadSweepFile(file);
  const jobs = parseJobs(flags.jobs);
  if (flags.queue === undefined && (flags.shared || flags.detach || flags.clean)) {
    throw new UserError(`--${flags.shared ? 'shared' : flags.detach ? 'detach' : 'clean'}: applies with --queue redis://HOST:PORT only`);
  }
  if (flags.detach && flags.clean) throw new UserError('--clean: cannot go with --detach (nothing is gathered yet); use it with --collect later');
  // Reach Redis before touching the folder: an unreachable server leaves everything as it was.
  const sweepQueue = flags.queue !== undefined ? await openSweepQueue(flags.queue) : undefined;
  try {
    const folder = sweepFolder(flags.out ?? join('sweeps', loaded.spec.name));
    const release = lockSweepFolder(folder);
    try {
      prepareSweepFolder(folder, loaded, flags.force === true && !flags.collect);
      if (flags.collect) await withRedis(flags.queue, () => collect(loaded, folder, sweepQueue, flags.clean === true));
      else if (sweepQueue) await withRedis(flags.queue!, () => runDistributed(loaded, folder, sweepQueue, flags));
      else await runLocal(loaded, folder, jobs);
    } finally {
      release();
    }
  } finally {
    await sweepQueue?.close();
  }
}

/** Redis lost part way (after the first contact): one line, and what is safe. */
async function withRedis<T>(url: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const lost = error instanceof Error &&
      (error.name === 'MaxRetriesPerRequestError' || /ECONN|EPIPE|ETIMEDOUT|Connection is closed|writeable/i.test(message));
    if (url === undefined || !lost) throw error;
    const why = (error as Error).name === 'MaxRetriesPerRequestError' ? 'it stopped answering' : message;
    throw new UserError(`--queue ${url}: lost the connection to Redis (${why}); queued runs stay queued and finished runs stay in this folder: run the same command again when Redis is back`);
  }
}

async function runLocal(loaded: LoadedSweep, folder: SweepFolder, jobs: number): Promise<void> {
  say(`sweep ${loaded.spec.name}: ${loaded.runs.length} runs, ${Math.min(jobs, loaded.runs.length)} at once, into ${folder.root}`);
  const interrupt = stopOnInterrupt();
  let summary;
  try {
    summary = await runSweepLocally(loaded, folder, { entry: CHILD_ENTRY, jobs, log: say, stopping: interrupt.stopping });
  } finally {
    interrupt.release();
  }
  await report(loaded, folder);
  if (summary.failed.length > 0) {
    const first = summary.failed[0];
    throw new UserError(`${summary.failed.length} of ${loaded.runs.length} runs failed (first: ${first.run.name}: ${first.message}; log ${first.logFile}); the report covers the rest; run the same command again to retry them`);
  }
  if (summary.interrupted > 0) {
    say(`interrupted: ${summary.interrupted} runs not done; run the same command again to resume`);
    process.exitCode = 130;
  }
}

async function runDistributed(loaded: LoadedSweep, folder: SweepFolder, sweepQueue: SweepQueue, flags: SweepFlags): Promise<void> {
  const queued = await submitSweep(loaded, folder, sweepQueue, flags.shared === true);
  const done = loaded.runs.length - queued.length;
  say(`sweep ${loaded.spec.name}: ${queued.length} runs queued on ${flags.queue}${done > 0 ? ` (${done} finished earlier)` : ''}; start workers with: gan2d worker --queue ${flags.queue}`);
  if (flags.detach) {
    process.stdout.write(`queued ${queued.length} runs; gather them with: gan2d sweep ${loaded.file} --queue ${flags.queue} --collect${flags.shared ? ' --shared' : ''}${flags.out ? ` --out ${flags.out}` : ''}\n`);
    return;
  }
  const interrupt = stopOnInterrupt();
  let outcome;
  try {
    outcome = await waitForJobs(sweepQueue, queued, say, interrupt.stopping);
  } finally {
    interrupt.release();
  }
  await collect(loaded, folder, sweepQueue, flags.clean === true);
  if (outcome.failed.length > 0) {
    const first = outcome.failed[0];
    throw new UserError(`${outcome.failed.length} of ${loaded.runs.length} runs failed (first: ${first.queued.run.name}: ${first.reason}); the report covers the rest; run the same command again to retry them`);
  }
  if (outcome.interrupted) {
    say('stopped waiting: the jobs stay queued; gather them later with --collect');
    process.exitCode = 130;
  }
}

async function collect(loaded: LoadedSweep, folder: SweepFolder, sweepQueue: SweepQueue | undefined, clean = false): Promise<void> {
  if (sweepQueue) {
    const outcome = await collectSweep(loaded, folder, sweepQueue);
    if (outcome.fetched > 0) say(`fetched ${outcome.fetched} finished runs from Redis`);
    if (outcome.pending.length > 0) say(`${outcome.pending.length} runs still queued or running`);
    if (outcome.unknown.length > 0) say(`${outcome.unknown.length} runs were never queued (run without --collect to queue them)`);
    for (const { run, reason } of outcome.failed) say(`${run.name}: failed: ${reason}`);
  }
  await report(loaded, folder);
  if (clean && sweepQueue) {
    const cleaned = await cleanSweep(loaded, folder, sweepQueue);
    const left = cleaned.pending.length > 0 ? `; ${cleaned.pending.length} runs still queued or running are left there` : '';
    say(`cleaned Redis: removed ${cleaned.removed} jobs with their files and ${cleaned.targets} target pictures${left}`);
  }
}
