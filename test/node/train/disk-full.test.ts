// Faults provoked for real: a file-size limit (`ulimit -f`, as a quota or a full disk would
// stop a write) reached while `gan2d train` writes its GIF, its checkpoint or its samples, and
// while `gan2d sample` writes a CSV. Each stops in one line naming the file and the cause, exits
// 1, leaves no file cut short, and the run resumed without the limit ends with the files of a
// run never stopped.
//
// Node ignores SIGXFSZ itself (it does so at start-up, so a write past the limit fails with
// EFBIG instead of killing the process): the limit is set in a shell that then execs node,
// exactly as a user's `ulimit -f` would be.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GifReader } from 'omggif';
import { CLI, runCli, type CliResult } from '../../support/cli.js';
import { gifFramesEnd } from '../../../src/node/train/gif-resume.js';
import { trainingGifPreamble } from '../../../src/node/train/gif-animation.js';

/** The repository's root: examples/ lives there. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TIMEOUT = 60_000;

/**
 * 96 iterations, a frame every 8 (about 16 kB each: training.gif ends near 197 kB), a
 * checkpoint every 16 (about 44 kB; 17 kB at iteration 0, whose optimizer moments are zeros),
 * 20,000 samples (samples.csv about 420 kB, written at the end), final.png 88 kB.
 */
const RUN = ['examples/binary.png', '--iterations', '96', '--batch-size', '256', '--display-interval', '8', '--checkpoint-interval', '16',
  '--seed', '2', '--threads', '1', '--export-samples', '20000'];
/** The same with a frame every 32 iterations only: by iteration 16 the checkpoint is the largest file. */
const FEW_FRAMES = RUN.map((arg, i) => (RUN[i - 1] === '--display-interval' ? '32' : RUN[i - 1] === '--export-samples' ? '50' : arg));

/** Runs `gan2d ...args` with a file-size limit of `kib` KiB, set by the shell that starts it. */
function runLimited(kib: number, args: readonly string[], cwd = ROOT): Promise<CliResult> {
  const quoted = [process.execPath, CLI, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const child = spawn('bash', ['-c', `ulimit -f ${kib} && exec ${quoted}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill(), TIMEOUT);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, stdout, stderr });
  }));
}

let root: string;
/** Uninterrupted runs to compare with. */
let straight: string;
let straightFewFrames: string;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'gan2d-diskfull-'));
  straight = join(root, 'straight');
  straightFewFrames = join(root, 'straight-few-frames');
  const runs = await Promise.all([
    runCli(['train', ...RUN, '--out', straight], { cwd: ROOT, timeoutMs: TIMEOUT }),
    runCli(['train', ...FEW_FRAMES, '--out', straightFewFrames], { cwd: ROOT, timeoutMs: TIMEOUT }),
  ]);
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** The one error line: the last line of stderr (the progress lines come before it), and the only one starting `gan2d:`. */
function errorLine(result: CliResult): string {
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.filter((line) => line.startsWith('gan2d:')).length, 1, result.stderr);
  return lines[lines.length - 1];
}

interface Stopped {
  lastGood: number;
  /** Whole frames in the GIF's part file (0 when there is none). */
  partFrames: number;
}

/**
 * Asserts what a run stopped by a write that failed leaves: the line, exit 1, checkpoint.json
 * whole and at the iteration the line names, no temporary file, metrics.jsonl of whole lines,
 * the GIF's part file of whole frames (no fewer than the checkpoint counts), nothing cut short.
 */
function assertStopped(result: CliResult, folder: string, file: string): Stopped {
  assert.equal(result.code, 1, result.stderr);
  const line = errorLine(result);
  const match = new RegExp(`^gan2d: writing (.+): file size limit reached \\(EFBIG\\); last good checkpoint at iteration (\\d+); resume with: gan2d train --resume (.+)$`).exec(line);
  assert.ok(match, line);
  assert.equal(match[1], join(folder, file));
  assert.equal(match[3], folder);
  const lastGood = Number(match[2]);

  const checkpoint = JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8'));
  assert.equal(checkpoint.iteration, lastGood, 'checkpoint.json is the last good one the line names');
  const names = readdirSync(folder);
  assert.deepEqual(names.filter((name) => name.startsWith('.') && name !== '.training.gif.part'), [], 'no temporary file is left');

  const metrics = readFileSync(join(folder, 'metrics.jsonl'), 'utf8');
  assert.ok(metrics === '' || metrics.endsWith('\n'), 'metrics.jsonl ends with a whole line');
  for (const text of metrics.split('\n').filter(Boolean)) JSON.parse(text);

  let partFrames = 0;
  if (names.includes('.training.gif.part')) {
    const part = readFileSync(join(folder, '.training.gif.part'));
    // A GIF still being written has no trailer: add it to decode every frame.
    const reader = new GifReader(Buffer.concat([part, Buffer.from([0x3b])]));
    partFrames = reader.numFrames();
    const pixels = new Uint8Array(reader.width * reader.height * 4);
    for (let frame = 0; frame < partFrames; frame++) reader.decodeAndBlitFrameRGBA(frame, pixels);
    assert.equal(gifFramesEnd(part, trainingGifPreamble(), partFrames), part.length, 'the part file ends after its last whole frame');
  }
  assert.ok(partFrames >= checkpoint.run.frames, `the checkpoint counts ${checkpoint.run.frames} frames, the part file holds ${partFrames}`);
  if (names.includes('training.gif')) new GifReader(readFileSync(join(folder, 'training.gif')));
  return { lastGood, partFrames };
}

/** checkpoint.json without its wall-clock field, which differs between any two runs. */
function checkpointWithoutClock(folder: string): unknown {
  const checkpoint = JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8'));
  delete checkpoint.run.elapsedSeconds;
  return checkpoint;
}

/** Resumes without the limit; the run then ends with the files of the uninterrupted one. */
async function assertResumesAs(folder: string, uninterrupted: string): Promise<void> {
  const resumed = await runCli(['train', '--resume', folder], { cwd: ROOT, timeoutMs: TIMEOUT });
  assert.equal(resumed.code, 0, resumed.stderr);
  for (const file of ['training.gif', 'metrics.jsonl', 'samples.csv', 'final.png', 'losses.png']) {
    assert.ok(readFileSync(join(folder, file)).equals(readFileSync(join(uninterrupted, file))), `${file} differs from the uninterrupted run's`);
  }
  assert.deepEqual(checkpointWithoutClock(folder), checkpointWithoutClock(uninterrupted), 'checkpoint.json differs');
  assert.deepEqual(readdirSync(folder).filter((name) => name.startsWith('.')), [], 'a temporary file is left');
}

test('training.gif reaching a file-size limit stops the run at once, in one line, and it resumes to the same files', async () => {
  const folder = join(root, 'gif');
  const result = await runLimited(120, ['train', ...RUN, '--out', folder]); // the GIF crosses 120 KiB at about its 8th frame
  const { lastGood, partFrames } = assertStopped(result, folder, 'training.gif');
  assert.ok(partFrames >= 5 && partFrames < 12, `${partFrames} whole frames kept`);
  // Stopped at once: by the frame after the one that failed at the latest, not at the end.
  const lastLine = readFileSync(join(folder, 'metrics.jsonl'), 'utf8').trimEnd().split('\n').pop()!;
  assert.ok(JSON.parse(lastLine).iteration <= (partFrames + 2) * 8, `metrics.jsonl goes on to ${lastLine}`);
  assert.ok(lastGood <= partFrames * 8, 'the last checkpoint counts only frames on disk');
  for (const file of ['training.gif', 'final.png', 'losses.png', 'samples.csv', 'summary.json']) assert.equal(existsSync(join(folder, file)), false, `${file} written`);
  await assertResumesAs(folder, straight);
});

test('checkpoint.json reaching a file-size limit keeps the checkpoint before, in one line, and the run resumes to the same files', async () => {
  const folder = join(root, 'checkpoint');
  // 30 KiB: the checkpoint at iteration 0 fits, the one at 16 does not, and no frame is drawn before it.
  const result = await runLimited(30, ['train', ...FEW_FRAMES, '--out', folder]);
  const { lastGood } = assertStopped(result, folder, 'checkpoint.json');
  assert.equal(lastGood, 0);
  await assertResumesAs(folder, straightFewFrames);
});

test('samples.csv reaching a file-size limit is not left half written, in one line, and the run resumes to the same files', async () => {
  const folder = join(root, 'samples');
  // 250 KiB: the GIF (197 kB), the checkpoints and the pictures fit; the 420 kB of samples do not.
  const result = await runLimited(250, ['train', ...RUN, '--out', folder]);
  const { lastGood } = assertStopped(result, folder, 'samples.csv');
  assert.equal(lastGood, 80, 'the last checkpoint (96) comes after the closing files');
  assert.equal(existsSync(join(folder, 'samples.csv')), false);
  assert.equal(existsSync(join(folder, 'summary.json')), false);
  await assertResumesAs(folder, straight);
});

test('gan2d sample -o reaching a file-size limit writes no file and says so in one line', async () => {
  const folder = mkdtempSync(join(root, 'sample-'));
  const result = await runLimited(100, ['sample', 'builtin:ring', '-n', '100000', '-o', 'big.csv'], folder);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, 'gan2d: writing big.csv: file size limit reached (EFBIG)\n');
  assert.deepEqual(readdirSync(folder), [], 'neither big.csv nor its temporary file is left');
  // Without the limit the same command writes it whole.
  const done = await runCli(['sample', 'builtin:ring', '-n', '100000', '-o', 'big.csv'], { cwd: folder, timeoutMs: TIMEOUT });
  assert.equal(done.code, 0, done.stderr);
  assert.equal(readFileSync(join(folder, 'big.csv'), 'utf8').trimEnd().split('\n').length, 100_001);
});

test('gan2d generate -o and gan2d export reaching a file-size limit leave no file, half or whole, in one line', async () => {
  const folder = mkdtempSync(join(root, 'outputs-'));
  const generated = await runLimited(2, ['generate', straight, '-n', '5000', '-o', 'points.csv'], folder);
  assert.equal(generated.code, 1);
  assert.equal(generated.stderr, 'gan2d: writing points.csv: file size limit reached (EFBIG)\n');
  // The weights (1 kB) fit in 2 KiB, model.json (2.3 kB) does not: neither is left.
  const exported = await runLimited(2, ['export', straight, '--format', 'tfjs', '-o', 'model'], folder);
  assert.equal(exported.code, 1);
  assert.equal(exported.stderr, `gan2d: writing ${join('model', 'model.json')}: file size limit reached (EFBIG)\n`);
  assert.deepEqual(readdirSync(folder), ['model']);
  assert.deepEqual(readdirSync(join(folder, 'model')), [], 'neither model.json nor its weights file is left');
  // Without the limit, the same export goes into that folder (no --force needed).
  const again = await runCli(['export', straight, '--format', 'tfjs', '-o', 'model'], { cwd: folder, timeoutMs: TIMEOUT });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(readdirSync(join(folder, 'model')).sort(), ['group1-shard1of1.bin', 'model.json']);
});
