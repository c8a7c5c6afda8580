// Faults provoked for real: `gan2d train` killed with SIGKILL at several points of a short
// run, then continued with --resume, ends with the files of a run never interrupted,
// frame for frame and byte for byte, and leaves no temporary file. A truncated checkpoint
// is refused with one line naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GifReader } from 'omggif';
import { runCli, startCli, type CliResult } from '../../support/cli.js';

/** The repository's root: examples/ lives there. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** 96 iterations: a frame every 8 (12 in all), a checkpoint every 16 (0, 16, ..., 96). */
const RUN = ['examples/binary.png', '--iterations', '96', '--batch-size', '256', '--display-interval', '8', '--checkpoint-interval', '16',
  '--seed', '2', '--threads', '1', '--export-samples', '50', '--frames'];
const TIMEOUT = 120_000;

/** The iteration of the run's checkpoint.json, or -1 while there is none. */
function checkpointIteration(folder: string): number {
  try {
    const match = /"iteration":(\d+)/.exec(readFileSync(join(folder, 'checkpoint.json'), 'utf8'));
    return match ? Number(match[1]) : -1;
  } catch {
    return -1;
  }
}

/**
 * Runs `gan2d ...args` and sends it `signal` once the checkpoint in `folder` reaches
 * `iteration` (plus `afterMs`). A checkpoint is written only between iterations, so
 * polling for it stops the run at a point that does not depend on the machine's speed.
 */
async function stopAt(args: string[], folder: string, iteration: number, signal: NodeJS.Signals, afterMs = 0): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  const { child, result } = startCli(args, { cwd: ROOT, timeoutMs: TIMEOUT });
  let exited = false;
  void result.then(() => (exited = true));
  while (!exited && checkpointIteration(folder) < iteration) await new Promise((resolve) => setTimeout(resolve, 5));
  if (afterMs > 0) await new Promise((resolve) => setTimeout(resolve, afterMs));
  if (!exited) child.kill(signal);
  const outcome = await result;
  return { ...outcome, signal: child.signalCode };
}

async function killAt(args: string[], folder: string, iteration: number, afterMs = 0): Promise<void> {
  const killed = await stopAt(args, folder, iteration, 'SIGKILL', afterMs);
  assert.equal(killed.signal, 'SIGKILL', `the run ended before the kill at iteration ${iteration}: ${killed.stderr}`);
}

async function resume(folder: string): Promise<void> {
  const result = await runCli(['train', '--resume', folder, '--frames'], { cwd: ROOT, timeoutMs: TIMEOUT });
  assert.equal(result.code, 0, result.stderr);
}

/** checkpoint.json without its wall-clock field, which differs between any two runs. */
function checkpointWithoutClock(folder: string): unknown {
  const checkpoint = JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8'));
  delete checkpoint.run.elapsedSeconds;
  return checkpoint;
}

const frameCount = (folder: string): number => new GifReader(readFileSync(join(folder, 'training.gif'))).numFrames();

/** Everything the resumed run must share with the uninterrupted one. */
function assertSameRun(folder: string, straight: string, what: string): void {
  for (const file of ['training.gif', 'metrics.jsonl', 'final.png', 'losses.png', 'samples.csv']) {
    assert.ok(readFileSync(join(folder, file)).equals(readFileSync(join(straight, file))), `${what}: ${file} differs (training.gif: ${frameCount(folder)} frames, ${frameCount(straight)} uninterrupted)`);
  }
  assert.deepEqual(checkpointWithoutClock(folder), checkpointWithoutClock(straight), `${what}: checkpoint.json differs`);
  const summary = (run: string): Record<string, unknown> => JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  for (const key of ['status', 'iterations', 'final', 'evaluation']) assert.deepEqual(summary(folder)[key], summary(straight)[key], `${what}: summary.json's ${key} differs`);
  const frames = readdirSync(join(straight, 'frames')).sort();
  assert.deepEqual(readdirSync(join(folder, 'frames')).sort(), frames, `${what}: frames/ holds other files`);
  for (const name of frames) assert.ok(readFileSync(join(folder, 'frames', name)).equals(readFileSync(join(straight, 'frames', name))), `${what}: frames/${name} differs`);
  assert.deepEqual(readdirSync(folder).filter((name) => name.startsWith('.')), [], `${what}: a temporary file is left`);
}

test('a run killed with SIGKILL at any point and resumed ends with the files of an uninterrupted run', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-kill-'));
  try {
    const straight = join(root, 'straight');
    const done = await runCli(['train', ...RUN, '--out', straight], { cwd: ROOT, timeoutMs: TIMEOUT });
    assert.equal(done.code, 0, done.stderr);
    assert.equal(frameCount(straight), 12);
    const start = (folder: string): string[] => ['train', ...RUN, '--out', folder];

    // Killed as soon as the first checkpoint (iteration 0) is there, then at later checkpoints.
    for (const at of [0, 16, 48]) {
      const folder = join(root, `at-${at}`);
      await killAt(start(folder), folder, at);
      await resume(folder);
      assertSameRun(folder, straight, `killed at checkpoint ${at}`);
    }

    // Killed between checkpoints, whatever it was doing then (a frame, a metrics line, a checkpoint).
    // Leftovers of a write cut short are removed on resume; only ours, of a process gone.
    {
      const folder = join(root, 'between');
      const { child, result } = startCli(start(folder), { cwd: ROOT, timeoutMs: TIMEOUT });
      while (checkpointIteration(folder) < 32) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 150));
      child.kill('SIGKILL');
      await result;
      assert.equal(child.signalCode, 'SIGKILL');
      assert.ok(existsSync(join(folder, '.training.gif.part')), 'the frames drawn so far are on disk');
      const leftover = `.checkpoint.json.${child.pid}.${Date.now()}.tmp`; // as a kill inside the checkpoint's write leaves it
      const foreign = `.notes.txt.${child.pid}.${Date.now()}.tmp`; // not a file of ours
      writeFileSync(join(folder, leftover), '{"format": "gan2d-che');
      writeFileSync(join(folder, foreign), 'keep me');
      await resume(folder);
      assert.equal(existsSync(join(folder, leftover)), false, 'the killed process\'s temporary file is removed');
      assert.equal(readFileSync(join(folder, foreign), 'utf8'), 'keep me', 'another file is left alone');
      rmSync(join(folder, foreign));
      assertSameRun(folder, straight, 'killed between checkpoints');
    }

    // Killed while it writes its closing files (final.png is there, the last checkpoint not yet):
    // it resumes from the checkpoint before and ends the same. The window is short: a run that
    // ends before the kill lands is checked as it is.
    {
      const folder = join(root, 'closing');
      const { child, result } = startCli(start(folder), { cwd: ROOT, timeoutMs: TIMEOUT });
      let exited = false;
      void result.then(() => (exited = true));
      while (!exited && !existsSync(join(folder, 'final.png'))) await new Promise((resolve) => setTimeout(resolve, 2));
      if (!exited) child.kill('SIGKILL');
      await result;
      t.diagnostic(child.signalCode === 'SIGKILL' ? 'killed while writing its closing files' : 'ended before the kill while closing');
      if (child.signalCode === 'SIGKILL') {
        assert.ok(checkpointIteration(folder) < 96, 'the last checkpoint comes after the closing files');
        await resume(folder);
      }
      assertSameRun(folder, straight, 'killed while closing');
    }

    // Killed, resumed, killed again in the resumed run, resumed again.
    {
      const folder = join(root, 'twice');
      await killAt(start(folder), folder, 16);
      await killAt(['train', '--resume', folder, '--frames'], folder, 64);
      await resume(folder);
      assertSameRun(folder, straight, 'killed twice');
    }

    // Stopped by Ctrl-C (training.gif written whole), resumed, killed, resumed.
    {
      const folder = join(root, 'ctrl-c');
      const stopped = await stopAt(start(folder), folder, 32, 'SIGINT');
      assert.equal(stopped.code, 130, stopped.stderr);
      assert.match(stopped.stderr, /interrupted at iteration \d+; resume with: gan2d train --resume /);
      assert.deepEqual(readdirSync(folder).filter((name) => name.startsWith('.')), [], 'Ctrl-C leaves no temporary file');
      await killAt(['train', '--resume', folder, '--frames'], folder, 64);
      await resume(folder);
      assertSameRun(folder, straight, 'stopped by Ctrl-C, then killed');
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a truncated checkpoint is refused in one line naming it, and the run folder is left as it was', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-kill-'));
  try {
    const folder = join(root, 'run');
    // Killed at its checkpoint 16, or (on a slow machine) finished: either leaves a checkpoint to cut short.
    await stopAt(['train', ...RUN.filter((arg) => arg !== '--frames'), '--out', folder], folder, 16, 'SIGKILL');
    const path = join(folder, 'checkpoint.json');
    const whole = readFileSync(path);
    const half = Math.floor(whole.length / 2);
    writeFileSync(path, whole.subarray(0, half));
    const contents = (): string[][] => readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name)).toString('base64')]);
    const before = contents();
    const refused = await runCli(['train', '--resume', folder], { cwd: ROOT, timeoutMs: TIMEOUT });
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, '');
    assert.equal(refused.stderr, `gan2d: --resume ${path}: corrupt (cut short: its JSON ends unfinished after ${half} bytes)\n`);
    assert.deepEqual(contents(), before, 'nothing written, nothing removed');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
