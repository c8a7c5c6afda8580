/**
 * The distributed sweep against a real redis-server (Debian's package), started here on a
 * free loopback port: two workers, one killed mid-run, every job completed exactly once,
 * and the collected report equal to a local run of the same sweep.
 *
 * Written for a loaded 2-core machine: every wait is on a condition with a generous limit,
 * the lock time is long enough that a busy but living worker keeps its jobs, and worker A is
 * killed only once the run it trains is frozen (SIGSTOP) at a checkpoint that A has sent to
 * Redis, so the run cannot finish under our feet and the iteration B resumes from is known.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { checkpointIteration } from '../../../src/node/sweep/run-state.js';
import { SWEEP_RUNS, runCli, startCli, writeLossSweep } from '../../support/sweep.js';
import { freePort, stoppedOrGone, until } from '../../support/waits.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-sweep-queue-'));
const QUEUE = 'bull:gan2d-sweeps';
/** Each run's iterations (writeLossSweep's), checkpointed every 50. */
const ITERATIONS = 3000;
/**
 * The workers' --stall-seconds: a worker renews its locks every half of it, so only a worker
 * stuck for 5 s loses a job; the killed one's job goes back after 10 to 15 s.
 */
const STALL_SECONDS = 10;
const started: ChildProcess[] = [];
let redisProcess: ChildProcess | undefined;
let redis: Redis | undefined;
let url = '';

test.before(async () => {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('redis-server is not installed (Debian: apt-get install redis-server); the distributed sweep test needs it');
  }
  const port = await freePort();
  redisProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--dir', folder], { stdio: 'ignore' });
  url = `redis://127.0.0.1:${port}`;
  redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  redis.on('error', () => undefined);
  await until('redis-server to answer', 10, async () => {
    try {
      if (redis!.status !== 'ready') await redis!.connect();
      return (await redis!.ping()) === 'PONG' ? true : undefined;
    } catch {
      return undefined;
    }
  });
});

test.after(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  redis?.disconnect();
  redisProcess?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

function startWorker(name: string): { child: ChildProcess; result: ReturnType<typeof startCli>['result']; work: string } {
  const work = join(folder, name);
  const { child, result } = startCli(['worker', '--queue', url, '--jobs', '1', '--work', work, '--stall-seconds', String(STALL_SECONDS)]);
  started.push(child);
  return { child, result, work };
}

/** The events BullMQ recorded for the queue, as [event, jobId] pairs. */
async function queueEvents(): Promise<[string, string][]> {
  const entries = await redis!.xrange(`${QUEUE}:events`, '-', '+');
  return entries.map(([, fields]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
    return [record.event, record.jobId];
  });
}

function finalMetrics(out: string, run: string): unknown {
  return (JSON.parse(readFileSync(join(out, 'runs', run, 'summary.json'), 'utf8')) as { final: unknown }).final;
}

/** The ids of the processes whose command line mentions `text` (ps itself left out; -ww: lines never cut). */
function processesMentioning(text: string): number[] {
  const listing = execFileSync('ps', ['-ww', '-eo', 'pid=,args='], { encoding: 'utf8' });
  const pids: number[] = [];
  for (const line of listing.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match && match[2].includes(text) && !match[2].startsWith('ps ')) pids.push(Number(match[1]));
  }
  return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** The iteration of the run's checkpoint that a worker last sent to Redis. */
async function snapshotIteration(job: string): Promise<number | undefined> {
  const checkpoint = await redis!.hget(`gan2d:snapshot:${job}`, 'checkpoint.json');
  return checkpoint ? (JSON.parse(checkpoint) as { iteration: number }).iteration : undefined;
}

test('two workers, one killed mid-run: every job completes exactly once and the report equals a local run', { timeout: 600_000 }, async () => {
  const sweepFolder = join(folder, 'sweep');
  mkdirSync(sweepFolder);
  const sweepFile = writeLossSweep(sweepFolder, ITERATIONS);
  const local = join(folder, 'local');
  const localRun = await runCli(['sweep', sweepFile, '--out', local, '--jobs', '2']);
  assert.equal(localRun.code, 0, localRun.stderr);

  const a = startWorker('worker-a');
  const b = startWorker('worker-b');
  const distributed = join(folder, 'distributed');
  const sweep = startCli(['sweep', sweepFile, '--queue', url, '--out', distributed]);
  started.push(sweep.child);

  // Worker A is killed mid-run. First its run's training is frozen (SIGSTOP) past iteration 100
  // and short of the end: its files then stay as they are, so A can neither finish the job nor
  // send Redis a later checkpoint. Once A has sent the frozen checkpoint, A is killed, and only
  // then is the training let go (the kernel ends it as A is gone).
  const runs = join(a.work, 'runs');
  const caught = await until('worker A to be caught mid-run, past iteration 100', 180, async () => {
    if (!existsSync(runs)) return undefined;
    for (const id of readdirSync(runs)) {
      const runFolder = join(runs, id);
      const before = checkpointIteration(runFolder);
      if (before === undefined || before < 100 || before >= ITERATIONS) continue;
      const training = processesMentioning(runFolder);
      if (training.length === 0) continue;
      for (const pid of training) signal(pid, 'SIGSTOP');
      try {
        await until('the run\'s training to stop', 60, () => (training.every(stoppedOrGone) ? true : undefined));
        const iteration = checkpointIteration(runFolder);
        // Finished (or about to) before it stopped: A may be reporting it already; wait for the next run.
        if (existsSync(join(runFolder, 'summary.json')) || iteration === undefined || iteration >= ITERATIONS) continue;
        await until(`worker A to send Redis the checkpoint at iteration ${iteration}`, 60, async () => ((await snapshotIteration(id)) === iteration ? true : undefined));
        const exited = new Promise((resolve) => a.child.once('exit', resolve));
        a.child.kill('SIGKILL');
        await exited;
        return { job: id, iteration };
      } finally {
        for (const pid of training) signal(pid, 'SIGCONT');
      }
    }
    return undefined;
  });
  const killedJob = caught.job;
  // Its training goes with it (the kernel's parent-death signal), rather than running on beside the retry.
  await until('worker A\'s training to end', 60, () => (processesMentioning(a.work).length > 0 ? undefined : true));

  const result = await sweep.result;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /: 4 of 4 runs; best on binary\.png: loss=/);
  assert.match(result.stderr, /fetched 4 finished runs from Redis/);

  // The killed run was taken back and continued by worker B from the checkpoint A sent.
  const logs = await redis!.lrange(`${QUEUE}:${killedJob}:logs`, 0, -1);
  assert.match(logs[0], new RegExp(`pid ${a.child.pid}: starting`), logs.join('\n'));
  const resumed = logs.map((line) => new RegExp(`pid ${b.child.pid}: resuming from iteration (\\d+)`).exec(line)).find(Boolean);
  assert.ok(resumed, logs.join('\n'));
  assert.equal(Number(resumed[1]), caught.iteration, logs.join('\n'));

  // Exactly once: each job completed one time, none failed, and the killed one went back to
  // the queue as stalled. (Whether a loaded machine also made another job stall does not
  // matter here, as long as each job completes once.)
  const events = await queueEvents();
  const completed = events.filter(([event]) => event === 'completed').map(([, id]) => id);
  assert.equal(completed.length, SWEEP_RUNS.length);
  assert.equal(new Set(completed).size, SWEEP_RUNS.length);
  assert.ok(completed.includes(killedJob));
  assert.ok(events.some(([event, id]) => event === 'stalled' && id === killedJob), JSON.stringify(events));
  assert.equal(events.filter(([event]) => event === 'failed').length, 0);

  // Each run's train output comes back with it, into the sweep's logs/.
  const killedRun = (JSON.parse((await redis!.hget(`${QUEUE}:${killedJob}`, 'data'))!) as { run: string }).run;
  for (const run of SWEEP_RUNS) {
    const log = readFileSync(join(distributed, 'logs', `${run}.log`), 'utf8');
    assert.match(log, run === killedRun ? new RegExp(`trained from iteration ${caught.iteration} to ${ITERATIONS} `) : new RegExp(`trained ${ITERATIONS} iterations `));
  }

  // The run B continued kept A's frames: its animation is the local run's, frame for frame.
  assert.doesNotMatch(readFileSync(join(distributed, 'logs', `${killedRun}.log`), 'utf8'), /training\.gif starts at iteration/);
  assert.ok(readFileSync(join(distributed, 'runs', killedRun, 'training.gif')).equals(readFileSync(join(local, 'runs', killedRun, 'training.gif'))));

  // The collected sweep is the local sweep: same final figures, same report.
  for (const run of SWEEP_RUNS) assert.deepEqual(finalMetrics(distributed, run), finalMetrics(local, run), run);
  assert.equal(readFileSync(join(distributed, 'report.md'), 'utf8'), readFileSync(join(local, 'report.md'), 'utf8'));
  assert.equal(readFileSync(join(distributed, 'report.html'), 'utf8'), readFileSync(join(local, 'report.html'), 'utf8'));

  // Resumed once complete, the sweep queues nothing and nothing runs again.
  const again = await runCli(['sweep', sweepFile, '--queue', url, '--out', distributed]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /0 runs queued on .* \(4 finished earlier\)/);
  const completedAgain = (await queueEvents()).filter(([event]) => event === 'completed');
  assert.equal(completedAgain.length, SWEEP_RUNS.length);

  // With --shared, the worker writes the run folders straight into the sweep folder.
  const sharedFolder = join(folder, 'shared');
  mkdirSync(sharedFolder);
  const sharedFile = join(sharedFolder, 'one.yaml');
  writeFileSync(sharedFile, 'targets: builtin:ring\nbase: {iterations: 100, batch-size: 64}\nseeds: [5, 6]\n');
  const sharedOut = join(sharedFolder, 'out');
  const shared = await runCli(['sweep', sharedFile, '--queue', url, '--out', sharedOut, '--shared']);
  assert.equal(shared.code, 0, shared.stderr);
  assert.doesNotMatch(shared.stderr, /fetched/);
  for (const run of ['ring__seed=5', 'ring__seed=6']) {
    const summary = JSON.parse(readFileSync(join(sharedOut, 'runs', run, 'summary.json'), 'utf8')) as { status: string };
    assert.equal(summary.status, 'finished');
    assert.ok(existsSync(join(sharedOut, 'logs', `${run}.log`)));
  }
  assert.match(readFileSync(join(sharedOut, 'report.md'), 'utf8'), /\| base \| \*\*\d+\.\d ± \d+\.\d\*\* \|/);

  // Ctrl-C stops the worker.
  b.child.kill('SIGINT');
  const stopped = await b.result;
  assert.equal(stopped.code, 0, stopped.stderr);
});

test('--clean removes a gathered sweep\'s jobs and files from Redis, and leaves other sweeps\' alone', { timeout: 300_000 }, async () => {
  // The sweeps of the test above: losses (results through Redis) and one (--shared), both gathered.
  const sweepFile = join(folder, 'sweep', 'losses.yaml');
  const sharedFile = join(folder, 'shared', 'one.yaml');
  const jobs = [...new Set((await queueEvents()).filter(([event]) => event === 'completed').map(([, id]) => id))];
  const lossJobs: string[] = [];
  for (const id of jobs) {
    const data = await redis!.hget(`${QUEUE}:${id}`, 'data');
    if (data && (JSON.parse(data) as { sweep: string }).sweep === 'losses') lossJobs.push(id);
  }
  assert.equal(lossJobs.length, SWEEP_RUNS.length);
  const keysOf = async (ids: readonly string[]): Promise<string[]> =>
    (await redis!.keys('*')).filter((key) => ids.some((id) => key.includes(id)) || key.startsWith('gan2d:')).sort();
  assert.ok((await keysOf(lossJobs)).some((key) => key.startsWith('gan2d:result:')), 'the results are in Redis before');
  assert.ok((await keysOf([])).some((key) => key.startsWith('gan2d:target:')), 'the picture is in Redis before');

  const cleaned = await runCli(['sweep', sweepFile, '--queue', url, '--out', join(folder, 'distributed'), '--collect', '--clean']);
  assert.equal(cleaned.code, 0, cleaned.stderr);
  assert.match(cleaned.stdout, /: 4 of 4 runs/);
  assert.match(cleaned.stderr, /cleaned Redis: removed 4 jobs with their files and 1 target pictures/);
  // No key of the sweep is left: its jobs (and their logs), results, checkpoints and picture.
  assert.deepEqual(await keysOf(lossJobs), []);
  // The other sweep's jobs are untouched, and its report is still gathered from them.
  const otherJobs = jobs.filter((id) => !lossJobs.includes(id));
  assert.equal(otherJobs.length, 2);
  for (const id of otherJobs) assert.equal(await redis!.exists(`${QUEUE}:${id}`), 1, id);

  const sharedClean = await runCli(['sweep', sharedFile, '--queue', url, '--out', join(folder, 'shared', 'out'), '--shared', '--collect', '--clean']);
  assert.equal(sharedClean.code, 0, sharedClean.stderr);
  assert.match(sharedClean.stderr, /cleaned Redis: removed 2 jobs with their files and 0 target pictures/);
  assert.deepEqual(await keysOf(jobs), []);
  // What is left belongs to the queue, not to a sweep: BullMQ's queue-wide keys only.
  for (const key of await redis!.keys('*')) assert.match(key, /^bull:gan2d-sweeps:[a-z-]+$/, key);

  // The report stays as it was, and a later --collect finds every run in the folder.
  const again = await runCli(['sweep', sweepFile, '--queue', url, '--out', join(folder, 'distributed'), '--collect']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /: 4 of 4 runs/);
  // --clean needs Redis.
  const local = await runCli(['sweep', sweepFile, '--clean']);
  assert.equal(local.code, 1);
  assert.match(local.stderr, /^gan2d: --clean: applies with --queue/);
});
