import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, SWEEP_RUNS, runCli, writeLossSweep } from '../../support/sweep.js';
import { stoppedOrGone, until } from '../../support/waits.js';
import { checkpointIteration } from '../../../src/node/sweep/run-state.js';

/** Polls often: the sweep is caught between one run's end and the next checkpoint. */
const POLL_MS = 25;

const folder = mkdtempSync(join(tmpdir(), 'gan2d-sweep-local-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));

const ITERATIONS = 200;
const sweepFile = writeLossSweep(folder, ITERATIONS);
const reference = join(folder, 'reference');

function summary(out: string, run: string): { status: string; iterations: number; final: Record<string, number>; evaluation: Record<string, number> } {
  return JSON.parse(readFileSync(join(out, 'runs', run, 'summary.json'), 'utf8'));
}

test('a sweep runs every combination in its own folder and reports on them', async () => {
  const result = await runCli(['sweep', sweepFile, '--out', reference, '--jobs', '2']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(readdirSync(join(reference, 'runs')).sort(), [...SWEEP_RUNS].sort());
  for (const run of SWEEP_RUNS) {
    const s = summary(reference, run);
    assert.equal(s.status, 'finished');
    assert.equal(s.iterations, ITERATIONS);
    assert.equal(typeof s.final.js64, 'number');
    assert.equal(s.evaluation.points, 20_000);
    assert.ok(existsSync(join(reference, 'frames', `${run}.png`)), `thumbnail of ${run}`);
    assert.match(result.stderr, new RegExp(`${run.replace(/[=]/g, '\\=')}: finished in`));
  }
  const markdown = readFileSync(join(reference, 'report.md'), 'utf8');
  // The js64 table holds each loss's mean over its two seeds, as the summaries' evaluations (20,000 points) give them.
  for (const loss of ['nonsaturating', 'hinge']) {
    const values = [1, 2].map((seed) => summary(reference, `binary__loss=${loss}__seed=${seed}`).evaluation.js64);
    const mean = (values[0] + values[1]) / 2;
    const standardError = Math.abs(values[0] - values[1]) / 2; // for two values, s/√2 = |a − b|/2
    assert.ok(mean > 0);
    assert.match(markdown, new RegExp(`\\| ${loss} \\| (\\*\\*)?${mean.toFixed(4)} ± ${standardError.toFixed(4)}(\\*\\*)? \\|`));
  }
  assert.match(result.stdout, /^wrote .*report\.md and report\.html: 4 of 4 runs; best on binary\.png: loss=/);
});

test('a half-finished sweep resumes: finished runs stay, an interrupted run continues from its checkpoint, the rest start', async () => {
  const half = join(folder, 'half');
  const [finished, interrupted, ...untouched] = SWEEP_RUNS;
  // One run finished earlier (as the reference made it).
  cpSync(join(reference, 'runs', finished), join(half, 'runs', finished), { recursive: true });
  const finishedSummary = join(half, 'runs', finished, 'summary.json');
  const finishedTime = statSync(finishedSummary).mtimeMs;
  // One run stopped half way: its checkpoint is at iteration 100 of 200.
  const stopped = await runCli(['train', join(folder, 'binary.png'), '--out', join(half, 'runs', interrupted), '--iterations', '100',
    '--batch-size', '64', '--optimizer', 'adam', '--display-interval', '50', '--checkpoint-interval', '50',
    '--loss', 'nonsaturating', '--seed', '2', '--threads', '1']);
  assert.equal(stopped.code, 0, stopped.stderr);

  const result = await runCli(['sweep', sweepFile, '--out', half, '--jobs', '2']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, new RegExp(`${finished}: finished earlier`));
  assert.match(result.stderr, new RegExp(`${interrupted}: resumed from iteration 100, finished in`));
  for (const run of untouched) assert.match(result.stderr, new RegExp(`${run}: finished in`));
  assert.equal(statSync(finishedSummary).mtimeMs, finishedTime, 'the finished run was not run again');

  // Resuming is bit for bit: every run ends as in the uninterrupted sweep, and so does the report.
  for (const run of SWEEP_RUNS) {
    assert.deepEqual(summary(half, run).final, summary(reference, run).final, run);
  }
  assert.equal(readFileSync(join(half, 'runs', interrupted, 'metrics.jsonl'), 'utf8'),
    readFileSync(join(reference, 'runs', interrupted, 'metrics.jsonl'), 'utf8'));
  assert.equal(readFileSync(join(half, 'report.md'), 'utf8'), readFileSync(join(reference, 'report.md'), 'utf8'));
  assert.equal(readFileSync(join(half, 'report.html'), 'utf8'), readFileSync(join(reference, 'report.html'), 'utf8'));

  // Once complete, running it again trains nothing.
  const again = await runCli(['sweep', sweepFile, '--out', half]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((again.stderr.match(/finished earlier/g) ?? []).length, SWEEP_RUNS.length);
});

/** The ids of the processes in process group `group` (ps itself left out). */
function processGroup(group: number): number[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,pgid='], { encoding: 'utf8' });
  return listing.split('\n').map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pid, pgid]) => pgid === group && Number.isInteger(pid)).map(([pid]) => pid);
}

function signalGroup(group: number, name: NodeJS.Signals): void {
  try {
    process.kill(-group, name);
  } catch {
    // already gone
  }
}

/** One run finished and another part way (a checkpoint past 0, no summary): [finished, part way, its iteration]. */
function caughtMidSweep(out: string): [string, string, number] | undefined {
  const finished = SWEEP_RUNS.find((run) => existsSync(join(out, 'runs', run, 'summary.json')));
  if (!finished) return undefined;
  for (const run of SWEEP_RUNS) {
    const runFolder = join(out, 'runs', run);
    const iteration = checkpointIteration(runFolder);
    if (iteration !== undefined && iteration > 0 && iteration < ITERATIONS && !existsSync(join(runFolder, 'summary.json'))) {
      return [finished, run, iteration];
    }
  }
  return undefined;
}

test('a sweep whose coordinator is killed (SIGKILL) resumes: finished runs kept, the half-done run from its checkpoint, the same report', { timeout: 600_000 }, async () => {
  const killed = join(folder, 'killed');
  // Its own process group, so that the sweep and its trainings can be frozen together.
  const coordinator = spawn(process.execPath, [CLI, 'sweep', sweepFile, '--out', killed, '--jobs', '1'], { detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => coordinator.once('exit', resolve));
  const group = coordinator.pid!;
  try {
    // Frozen (SIGSTOP to the whole group) once one run finished and another has a checkpoint
    // past 0; checked again frozen, so that nothing moves between the check and the kill.
    const caught = await until('one run finished and another part way', 300, async () => {
      if (!caughtMidSweep(killed)) return undefined;
      signalGroup(group, 'SIGSTOP');
      await until('the sweep to stop', 60, () => (processGroup(group).every(stoppedOrGone) ? true : undefined), POLL_MS);
      const frozen = caughtMidSweep(killed);
      if (frozen) {
        coordinator.kill('SIGKILL');
        await exited;
      }
      signalGroup(group, 'SIGCONT');
      return frozen;
    }, POLL_MS);
    // The trainings die with the coordinator (the kernel's parent-death signal) rather than run on.
    await until('the sweep\'s trainings to end', 60, () => (processGroup(group).length === 0 ? true : undefined), POLL_MS);
    assert.ok(existsSync(join(killed, 'sweep.lock')), 'the killed sweep left its lock');
    const [finished, halfDone, iteration] = caught;
    const finishedSummary = join(killed, 'runs', finished, 'summary.json');
    const finishedTime = statSync(finishedSummary).mtimeMs;

    const resumed = await runCli(['sweep', sweepFile, '--out', killed, '--jobs', '2'], { timeoutMs: 300_000 });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`${finished}: finished earlier`));
    assert.match(resumed.stderr, new RegExp(`${halfDone}: resumed from iteration ${iteration}, finished in`));
    assert.equal(statSync(finishedSummary).mtimeMs, finishedTime, 'the finished run was not run again');
    for (const run of SWEEP_RUNS) assert.deepEqual(summary(killed, run).final, summary(reference, run).final, run);
    assert.equal(readFileSync(join(killed, 'runs', halfDone, 'metrics.jsonl'), 'utf8'),
      readFileSync(join(reference, 'runs', halfDone, 'metrics.jsonl'), 'utf8'));
    assert.equal(readFileSync(join(killed, 'report.md'), 'utf8'), readFileSync(join(reference, 'report.md'), 'utf8'));
    assert.equal(readFileSync(join(killed, 'report.html'), 'utf8'), readFileSync(join(reference, 'report.html'), 'utf8'));
    assert.equal(existsSync(join(killed, 'sweep.lock')), false, 'the lock is released');
    assert.deepEqual(readdirSync(join(killed, 'runs', halfDone)).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');
  } finally {
    signalGroup(group, 'SIGKILL');
  }
});

test('a sweep folder refuses runs made with other settings, naming the run and the change', async () => {
  const otherFile = join(folder, 'losses-32.yaml');
  writeFileSync(otherFile, readFileSync(sweepFile, 'utf8').replace('batch-size: 64', 'batch-size: 32'));
  const before = readFileSync(join(reference, 'report.md'), 'utf8');
  const result = await runCli(['sweep', otherFile, '--out', reference]);
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^gan2d: --out .*reference: run binary__loss=nonsaturating__seed=1 was made with other settings \(batch-size 64, now 32\); use another --out, or add --force/);
  assert.equal(readFileSync(join(reference, 'report.md'), 'utf8'), before);
  // Two sweeps never share a folder: a live process's lock is respected, a dead one's taken over.
  writeFileSync(join(reference, 'sweep.lock'), `${process.pid}\n`);
  const locked = await runCli(['sweep', sweepFile, '--out', reference]);
  assert.equal(locked.code, 1);
  assert.match(locked.stderr, new RegExp(`^gan2d: --out .*reference: another gan2d sweep \\(pid ${process.pid}\\) is using this folder`));
  writeFileSync(join(reference, 'sweep.lock'), `${spawnSync(process.execPath, ['-e', '']).pid}\n`); // a process that has ended
  // More iterations is not a change of settings: the runs would continue from their checkpoints.
  const longer = join(folder, 'losses-longer.yaml');
  writeFileSync(longer, readFileSync(sweepFile, 'utf8').replace(`iterations: ${ITERATIONS}`, 'iterations: 250'));
  const collected = await runCli(['sweep', longer, '--out', reference, '--collect']);
  assert.equal(collected.code, 0, collected.stderr);
  assert.match(collected.stdout, /: 0 of 4 runs/, 'runs of 200 iterations do not count for a sweep of 250');
  assert.equal(existsSync(join(reference, 'sweep.lock')), false, 'the lock is released');
});
