// The run loop in-process: what a run leaves behind, and an interrupted run resumed
// matching an uninterrupted one file for file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { readTrainRequest } from '../src/cli/options.js';
import { runTraining, type RunHooks } from '../src/cli/train-run.js';
import { setUpTraining } from '../src/cli/train-setup.js';
import { parseCheckpoint } from '../src/core/gan/checkpoint.js';
import { createReferenceEngine } from '../src/core/nn/engine.js';

const quiet = { write: () => true, isTTY: false };
const referenceEngine: RunHooks['createEngine'] = async () => createReferenceEngine();

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'gan2d-run-'));
}

async function train(input: string | undefined, flags: Record<string, unknown>, hooks: RunHooks = {}) {
  const setup = await setUpTraining(readTrainRequest(input, flags), () => undefined);
  return runTraining(setup, { stream: quiet, createEngine: referenceEngine, ...hooks });
}

const SMALL = { iterations: '24', batchSize: '96', dHidden: '16', gHidden: '12', displayInterval: '4', checkpointInterval: '8', threads: '1' };

function decodeGif(path: string): { frames: number; width: number; height: number; pixels: (frame: number) => Uint8Array } {
  const reader = new GifReader(readFileSync(path));
  return {
    frames: reader.numFrames(),
    width: reader.width,
    height: reader.height,
    pixels: (frame) => {
      const out = new Uint8Array(reader.width * reader.height * 4);
      reader.decodeAndBlitFrameRGBA(frame, out);
      return out;
    },
  };
}

/** The checkpoint without its wall-clock field, which differs between any two runs. */
function checkpointWithoutClock(folder: string): unknown {
  const checkpoint = parseCheckpoint(JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8')));
  if (checkpoint.run) checkpoint.run.elapsedSeconds = 0;
  return checkpoint;
}

test('an interrupted run resumed gives the same files as an uninterrupted one, bit for bit', async () => {
  const root = tempFolder();
  try {
    const straight = join(root, 'straight');
    const broken = join(root, 'broken');
    const whole = await train('examples/binary/', { ...SMALL, out: straight, exportSamples: '20' });
    assert.equal(whole.status, 'finished');

    // Stop at 14: between checkpoints (8, 16) and between displays (12, 16), as a Ctrl-C would.
    const first = await train('examples/binary/', { ...SMALL, out: broken, exportSamples: '20' }, { shouldStop: (i) => i === 14 });
    assert.equal(first.status, 'interrupted');
    assert.equal(first.iteration, 14);
    assert.match(first.message, /^interrupted at iteration 14; resume with: gan2d train --resume .*broken$/);
    assert.equal(parseCheckpoint(JSON.parse(readFileSync(join(broken, 'checkpoint.json'), 'utf8'))).iteration, 14);
    assert.equal(decodeGif(join(broken, 'training.gif')).frames, 3); // iterations 4, 8, 12

    const second = await train(undefined, { resume: broken });
    assert.equal(second.status, 'finished');
    assert.equal(second.iteration, 24);

    assert.deepEqual(checkpointWithoutClock(broken), checkpointWithoutClock(straight));
    for (const file of ['metrics.jsonl', 'training.gif', 'final.png', 'losses.png', 'samples.csv']) {
      assert.ok(readFileSync(join(broken, file)).equals(readFileSync(join(straight, file))), `${file} differs`);
    }
    assert.equal(decodeGif(join(broken, 'training.gif')).frames, 6);
    // No temporary file is left behind.
    assert.deepEqual(readdirSync(broken).filter((name) => name.startsWith('.')), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a run leaves its files: a decodable GIF with a frame per display interval, metrics, summary, checkpoint', async () => {
  const root = tempFolder();
  try {
    const out = join(root, 'run');
    const outcome = await train('examples/zig.png', { ...SMALL, out, frames: true });
    assert.equal(outcome.status, 'finished');
    const gif = decodeGif(join(out, 'training.gif'));
    assert.equal(gif.frames, 6);
    assert.equal(gif.width, 720);
    // Frames differ: the generated points move as G trains.
    assert.ok(!Buffer.from(gif.pixels(0)).equals(Buffer.from(gif.pixels(5))));
    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((l) => l.iteration), [4, 8, 12, 16, 20, 24]);
    for (const line of lines) {
      for (const key of ['dReal', 'dFake', 'g', 'js64', 'oos', 'js64Floor', 'oosFloor']) assert.equal(typeof line[key], 'number', key);
      assert.ok(line.js64 >= 0 && line.js64 <= Math.log(2) + 1e-9 && line.oos >= 0 && line.oos <= 1);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.status, 'finished');
    assert.equal(summary.iterations, 24);
    assert.equal(summary.seed, 1);
    assert.ok(summary.wallSeconds > 0 && summary.iterationsPerSecond > 0);
    assert.deepEqual(summary.final, lines[lines.length - 1]);
    assert.equal(parseCheckpoint(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'))).iteration, 24);
    assert.deepEqual(readdirSync(join(out, 'frames')), [4, 8, 12, 16, 20, 24].map((i) => `iter_${String(i).padStart(6, '0')}.png`));
    assert.ok(!existsSync(join(out, 'samples.csv'))); // only with --export-samples
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a NaN loss stops the run, names the learning rate, and keeps the last good checkpoint', async () => {
  const root = tempFolder();
  try {
    const out = join(root, 'run');
    const outcome = await train('examples/zig.png', { ...SMALL, out, optimizer: 'sgd', dLr: '1000', gLr: '1000' });
    assert.equal(outcome.status, 'diverged');
    assert.match(outcome.message, /^loss became (NaN|infinite) at iteration \d+: the learning rate is likely too high \(--d-lr\/--g-lr\); last good checkpoint at iteration (\d+) in .*run$/);
    const good = Number(/at iteration (\d+) in/.exec(outcome.message)![1]);
    const checkpoint = parseCheckpoint(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8')));
    assert.equal(checkpoint.iteration, good);
    assert.ok(!existsSync(join(out, 'final.png')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
