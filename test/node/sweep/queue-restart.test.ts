/**
 * A distributed sweep across a Redis restart: the test's own redis-server (persisting to an
 * append-only file, so the queue survives) is stopped mid-sweep under two workers and
 * started again on the same port; the workers and the waiting sweep reconnect, every job
 * completes exactly once, and the gathered report is byte for byte a local run's.
 *
 * Written for a loaded 2-core machine: every wait is on a condition with a generous limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SWEEP_RUNS, runCli, startCli, writeLossSweep } from '../../support/sweep.js';
import { freePort, until } from '../../support/waits.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-sweep-restart-'));
const QUEUE = 'bull:gan2d-sweeps';
const ITERATIONS = 2000;
/** Long enough that the jobs' locks (renewed every half of it) outlast Redis being down: no job is taken as stalled. */
const STALL_SECONDS = 30;
const started: ChildProcess[] = [];
let redisProcess: ChildProcess | undefined;
let redis: Redis | undefined;
let port = 0;
let url = '';

/** redis-server on the test's port, persisting every write to an append-only file in the test's folder. */
function startRedis(): ChildProcess {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes',
    '--appendfsync', 'always', '--dir', folder], { stdio: 'ignore' });
  redisProcess = child;
  return child;
}

async function redisAnswers(): Promise<true | undefined> {
  try {
    return (await redis!.ping()) === 'PONG' ? true : undefined;
  } catch {
    return undefined;
  }
}

test.before(async () => {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('redis-server is not installed (Debian: apt-get install redis-server); the distributed sweep test needs it');
  }
  port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  startRedis();
  redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  redis.on('error', () => undefined);
  await until('redis-server to answer', 10, redisAnswers);
});

test.after(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  redis?.disconnect();
  redisProcess?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

async function queueEvents(): Promise<[string, string][]> {
  const entries = await redis!.xrange(`${QUEUE}:events`, '-', '+');
  return entries.map(([, fields]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
    return [record.event, record.jobId];
  });
}

test('a distributed sweep survives Redis restarting mid-sweep: every job completes once, the report equals a local run', { timeout: 600_000 }, async () => {
  const sweepFolder = join(folder, 'sweep');
  mkdirSync(sweepFolder);
  const sweepFile = writeLossSweep(sweepFolder, ITERATIONS);
  const local = join(folder, 'local');
  const localRun = await runCli(['sweep', sweepFile, '--out', local, '--jobs', '2']);
  assert.equal(localRun.code, 0, localRun.stderr);

  for (const name of ['worker-a', 'worker-b']) {
    started.push(startCli(['worker', '--queue', url, '--jobs', '1', '--work', join(folder, name), '--stall-seconds', String(STALL_SECONDS)]).child);
  }
  const distributed = join(folder, 'distributed');
  const sweep = startCli(['sweep', sweepFile, '--queue', url, '--out', distributed]);
  started.push(sweep.child);

  // Mid-sweep: a run's checkpoint past 0 is in Redis and not every job has completed.
  await until('a checkpoint in Redis', 300, async () => {
    const keys = await redis!.keys('gan2d:snapshot:*');
    for (const key of keys) {
      const checkpoint = await redis!.hget(key, 'checkpoint.json');
      if (checkpoint && (JSON.parse(checkpoint) as { iteration: number }).iteration > 0) return true;
    }
    return undefined;
  });
  const completedBefore = (await queueEvents()).filter(([event]) => event === 'completed').length;
  assert.ok(completedBefore < SWEEP_RUNS.length, 'caught mid-sweep');

  // Stopped (SIGTERM: it writes its append-only file and exits), then started again on the same port.
  const stopped = redisProcess!;
  const exited = new Promise((resolve) => stopped.once('exit', resolve));
  stopped.kill('SIGTERM');
  await exited;
  await new Promise((resolve) => setTimeout(resolve, 8000)); // down for a while: longer than the clients' first reconnection attempts
  startRedis();
  await until('redis-server to answer again', 30, redisAnswers);

  const result = await sweep.result;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /: 4 of 4 runs; best on binary\.png: loss=/);
  assert.match(result.stderr, /fetched 4 finished runs from Redis/);
  // The waiting sweep lost Redis and followed the jobs again once it was back.
  assert.match(result.stderr, /lost Redis \(.*\); waiting for it to come back\n(.*\n)*Redis answers again/, result.stderr);

  // Exactly once: each job completed one time, none failed.
  const events = await queueEvents();
  const completed = events.filter(([event]) => event === 'completed').map(([, id]) => id);
  assert.equal(completed.length, SWEEP_RUNS.length, JSON.stringify(events));
  assert.equal(new Set(completed).size, SWEEP_RUNS.length);
  assert.equal(events.filter(([event]) => event === 'failed').length, 0, JSON.stringify(events));

  assert.equal(readFileSync(join(distributed, 'report.md'), 'utf8'), readFileSync(join(local, 'report.md'), 'utf8'));
  assert.equal(readFileSync(join(distributed, 'report.html'), 'utf8'), readFileSync(join(local, 'report.html'), 'utf8'));
});
