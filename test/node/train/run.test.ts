// The run loop in-process: what a run leaves behind, and an interrupted run resumed
// matching an uninterrupted one file for file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { runEval } from '../../../src/cli/eval.js';
import { readTrainRequest } from '../../../src/cli/options.js';
import { runTraining, type RunHooks } from '../../../src/node/train/run.js';
import { setUpTraining } from '../../../src/node/train/setup.js';
import { parseCheckpoint } from '../../../src/core/gan/checkpoint.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { trainingFrameLayout } from '../../../src/core/render/frame.js';
import { createNodeWasmEngine } from '../../../src/node/engine/threads.js';
import { encodeGrayPng } from '../../../src/node/image/encode.js';

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
    // Drawn on this thread here and on a worker thread below: the files must not differ.
    const whole = await train('examples/binary/', { ...SMALL, out: straight, exportSamples: '20' }, { inlineAnimation: true });
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
    // The final evaluation draws its own noise: the interruption changes nothing there either.
    const evaluation = (folder: string): unknown => JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')).evaluation;
    assert.deepEqual(evaluation(broken), evaluation(straight));
    // No temporary file is left behind.
    assert.deepEqual(readdirSync(broken).filter((name) => name.startsWith('.')), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('with --d-spectral-norm, an interrupted run resumed gives the same checkpoint (its vectors too) and files, bit for bit', async () => {
  const root = tempFolder();
  try {
    const flags = { ...SMALL, dSpectralNorm: '1', dFourier: '2', r1Weight: '0.2', optimizer: 'adam' };
    const straight = join(root, 'straight');
    const broken = join(root, 'broken');
    assert.equal((await train('examples/zig.png', { ...flags, out: straight })).status, 'finished');
    const first = await train('examples/zig.png', { ...flags, out: broken }, { shouldStop: (i) => i === 14 });
    assert.equal(first.status, 'interrupted');
    const saved = parseCheckpoint(JSON.parse(readFileSync(join(broken, 'checkpoint.json'), 'utf8')));
    assert.equal(saved.config.dSpectralNorm, 1);
    assert.equal(saved.discriminatorSpectralNorm?.length, 2);
    assert.equal((await train(undefined, { resume: broken })).status, 'finished');
    assert.deepEqual(checkpointWithoutClock(broken), checkpointWithoutClock(straight));
    for (const file of ['metrics.jsonl', 'training.gif', 'final.png']) {
      assert.ok(readFileSync(join(broken, file)).equals(readFileSync(join(straight, file))), `${file} differs`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a run leaves its files: a decodable GIF with a frame per display interval, metrics, summary, checkpoint; gan2d eval of the checkpoint agrees with the summary', async () => {
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
    // The result measured on 20,000 fresh points of G agrees, to within 20,000 points' sampling
    // error, with `gan2d eval` of the run folder: eval restores G from checkpoint.json on disk
    // and draws other noise. Both score with the same functions of core/metrics (js64, oos, far
    // oos), so this checks what surrounds them: the checkpoint holds the G the summary measured
    // (its average, when kept), and both hand the metrics the same target and points.
    // The metrics themselves are checked against cases worked by hand in test/core/metrics/.
    assert.equal(summary.evaluation.points, 20_000);
    assert.deepEqual(Object.keys(summary.evaluation), ['points', 'js64', 'oos', 'farOos', 'js64Floor', 'oosFloor']);
    const scored = await runEval(out, { n: '20000' }, () => undefined);
    assert.ok(Math.abs(summary.evaluation.oos - scored.values.oos) < 0.02, `oos ${summary.evaluation.oos} vs eval ${scored.values.oos}`);
    assert.ok(Math.abs(summary.evaluation.farOos - scored.values.farOos) < 0.02, `far oos ${summary.evaluation.farOos} vs eval ${scored.values.farOos}`);
    assert.ok(Math.abs(summary.evaluation.js64 - scored.values.js64) < 0.1 * scored.values.js64, `js64 ${summary.evaluation.js64} vs eval ${scored.values.js64}`);
    assert.ok(summary.evaluation.js64Floor < lines[0].js64Floor, 'the floor of 20,000 exact samples is below that of a frame\'s batch');
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

/**
 * In a frame's samples panel, the share of generated (purple) pixels within `radius`
 * pixels of a real (green) one: how much of G's mass sits on the target.
 */
function shareNearReal(gif: ReturnType<typeof decodeGif>, frame: number, radius: number): number {
  const rect = trainingFrameLayout(240).panels[0];
  const pixels = gif.pixels(frame);
  const colour = (x: number, y: number): number => {
    const i = ((rect.y + y) * gif.width + rect.x + x) * 4;
    return (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
  };
  const REAL = 0x008837;
  const GENERATED = 0xa33ebd;
  const real = new Uint8Array(rect.width * rect.height);
  const generated: [number, number][] = [];
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      const c = colour(x, y);
      if (c === REAL) real[y * rect.width + x] = 1;
      else if (c === GENERATED) generated.push([x, y]);
    }
  }
  let near = 0;
  for (const [x, y] of generated) {
    search: for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < rect.width && yy < rect.height && real[yy * rect.width + xx]) {
          near++;
          break search;
        }
      }
    }
  }
  assert.ok(generated.length > 100, `frame ${frame} shows generated points`);
  return near / generated.length;
}

test('the default settings\' GIF shows the generated points converging onto the angle', async () => {
  const root = tempFolder();
  try {
    const out = join(root, 'zig');
    // The default job, shortened to 300 iterations; everything else as `gan2d train examples/zig.png`.
    const outcome = await train('examples/zig.png', { iterations: '300', threads: '1', out }, {
      createEngine: (threads) => createNodeWasmEngine({ threads }),
    });
    assert.equal(outcome.status, 'finished');
    const gif = decodeGif(join(out, 'training.gif'));
    assert.equal(gif.frames, 30);
    const first = shareNearReal(gif, 0, 3);
    const last = shareNearReal(gif, 29, 3);
    assert.ok(first < 0.2, `at first G's points lie off the angle: ${first}`);
    assert.ok(last > 0.4 && last > 3 * first, `after 300 iterations they lie on it: ${first} -> ${last}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a mixture trains in its own coordinates and reports the mode figures', async () => {
  const root = tempFolder();
  try {
    const out = join(root, 'ring');
    const outcome = await train('builtin:ring', { ...SMALL, iterations: '8', out, exportSamples: '200' });
    assert.equal(outcome.status, 'finished');
    const line = JSON.parse(readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').pop()!);
    // builtin:ring's recommended settings (presets.ts) include R1, hence the penalty column.
    assert.deepEqual(Object.keys(line).sort(), ['dFake', 'dReal', 'g', 'highQuality', 'iteration', 'modes', 'penalty', 'reverseKL']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.target.kind, 'mixture');
    assert.deepEqual(summary.target.bounds, { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 });
    // A linear output: points are not squeezed into the unit square (a sigmoid would keep them in (0, 1)).
    const points = readFileSync(join(out, 'samples.csv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split(',').map(Number));
    assert.ok(points.some(([x, y]) => x < 0 || y < 0), 'some generated points have negative coordinates');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder whose pictures share a shape but not a resolution trains, each filling the square', async () => {
  const root = tempFolder();
  try {
    const folder = join(root, 'sizes');
    mkdirSync(folder);
    // Left half lit at 4×4, right half lit at 8×8.
    writeFileSync(join(folder, 'a.png'), encodeGrayPng(Uint8Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 255 : 0)), 4, 4));
    writeFileSync(join(folder, 'b.png'), encodeGrayPng(Uint8Array.from({ length: 64 }, (_, i) => (i % 8 >= 4 ? 255 : 0)), 8, 8));
    const out = join(root, 'run');
    const outcome = await train(folder, { ...SMALL, iterations: '4', out });
    assert.equal(outcome.status, 'finished');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.deepEqual(summary.target.conditions, ['a', 'b']);
    // Equal lit areas: equal masses, so the batch splits evenly.
    assert.ok(Math.abs(summary.target.masses[0] - summary.target.masses[1]) < 1e-9);
    // The final evaluation picture by picture, the whole their mean weighted by points, and the message's line of it.
    const { evaluation } = summary as { evaluation: Record<string, number> & { conditions: Record<string, number | string>[] } };
    assert.deepEqual(evaluation.conditions.map((c) => [c.condition, c.name, c.points]), [[0, join(folder, 'a.png'), 10_000], [1, join(folder, 'b.png'), 10_000]]);
    for (const name of ['js64', 'oos', 'farOos', 'js64Floor', 'oosFloor']) {
      const mean = evaluation.conditions.reduce((sum, c) => sum + (c[name] as number) / 2, 0);
      assert.ok(Math.abs(mean - evaluation[name]) <= 1e-5 * Math.max(1e-3, evaluation[name]), `${name}: the pictures' mean ${mean}, the whole ${evaluation[name]}`);
    }
    const times = (c: Record<string, number | string>): string => ((c.js64 as number) / (c.js64Floor as number)).toFixed(1);
    assert.match(outcome.message, new RegExp(`\\nby picture: a\\.png js64 ${times(evaluation.conditions[0])}× its floor, far oos [\\d.]+%; b\\.png js64 ${times(evaluation.conditions[1])}× its floor`));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
