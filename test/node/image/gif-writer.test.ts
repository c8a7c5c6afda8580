import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { GENERATED, REAL, WHITE, DISCRIMINATOR, type Rgb } from '../../../src/core/render/colors.js';
import { UNIT_SQUARE } from '../../../src/core/render/bounds.js';
import { GifWriter } from '../../../src/node/image/gif-writer.js';
import { TrainingAnimation, frameFileName } from '../../../src/node/train/gif-animation.js';
import { createNodeCanvas, readPixels } from '../../../src/node/image/canvas.js';
import { drawTrainingFrame, trainingFrameLayout } from '../../../src/core/render/frame.js';
import { decodeImage, pixelAt, twoDiscs } from '../../support/render-fixtures.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'gan2d-gif-'));
}

/** A frame of vertical stripes, one colour each, so every pixel's expected colour is known. */
function stripes(width: number, height: number, colors: readonly Rgb[]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const color = colors[Math.floor((x * colors.length) / width)];
      rgba.set([...color, 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

function decodeFrames(path: string): { reader: GifReader; frames: Uint8ClampedArray[] } {
  const reader = new GifReader(readFileSync(path));
  const frames = Array.from({ length: reader.numFrames() }, (_, i) => {
    const pixels = new Uint8ClampedArray(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(i, pixels);
    return pixels;
  });
  return { reader, frames };
}

test('GifWriter streams frames into a GIF that decodes back: count, size, delays, loop, pixels', async () => {
  const dir = folder();
  try {
    const path = join(dir, 'training.gif');
    const width = 40;
    const height = 12;
    const sequences: Rgb[][] = [[WHITE, REAL], [GENERATED, WHITE, DISCRIMINATOR], [REAL, GENERATED]];
    const gif = new GifWriter(path, width, height, { delayMs: 80 });
    for (const colors of sequences) gif.addFrame(stripes(width, height, colors));
    assert.equal(existsSync(path), false, 'nothing at the target until finish');
    assert.equal(gif.frameCount, 3);
    await gif.finish();

    const { reader, frames } = decodeFrames(path);
    assert.equal(reader.numFrames(), 3);
    assert.equal(reader.width, width);
    assert.equal(reader.height, height);
    assert.equal(reader.loopCount(), 0, 'loops forever');
    for (let i = 0; i < 3; i++) {
      assert.equal(reader.frameInfo(i).delay, 8, 'delay in hundredths of a second');
      assert.equal(reader.frameInfo(i).has_local_palette, false, 'one global palette');
      const expected = stripes(width, height, sequences[i]);
      assert.deepEqual(
        [...frames[i]].filter((_, k) => k % 4 !== 3),
        [...expected].filter((_, k) => k % 4 !== 3),
        `frame ${i} pixels`,
      );
    }
    assert.deepEqual(readdirSync(dir), ['training.gif'], 'no temporary file left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rendered training frame survives GIF encoding: its plot pixels decode to the same colours', async () => {
  const dir = folder();
  try {
    const layout = trainingFrameLayout(240);
    const target = createNodeCanvas(layout.width, layout.height);
    drawTrainingFrame(target.context, layout, {
      real: twoDiscs(500), fake: twoDiscs(500, 9).map((v) => v * 0.8), bounds: UNIT_SQUARE, iteration: 10,
      losses: { dReal: 0.7, dFake: 0.6, g: 0.8 },
    });
    const rgba = readPixels(target);
    const path = join(dir, 'frame.gif');
    const gif = new GifWriter(path, layout.width, layout.height);
    gif.addFrame(rgba);
    await gif.finish();
    const { frames } = decodeFrames(path);
    // Inside the plot areas every colour comes from the palette: the GIF keeps it exactly.
    let compared = 0;
    for (const panel of layout.panels) {
      for (let y = panel.y + 1; y < panel.y + panel.height - 1; y += 3) {
        for (let x = panel.x + 1; x < panel.x + panel.width - 1; x += 3) {
          const k = (y * layout.width + x) * 4;
          assert.deepEqual([frames[0][k], frames[0][k + 1], frames[0][k + 2]], [rgba[k], rgba[k + 1], rgba[k + 2]], `pixel ${x},${y}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 10000);
    // Anti-aliased text and lines map to near colours.
    let worst = 0;
    for (let k = 0; k < rgba.length; k += 4) {
      worst = Math.max(worst, Math.abs(frames[0][k] - rgba[k]) + Math.abs(frames[0][k + 1] - rgba[k + 1]) + Math.abs(frames[0][k + 2] - rgba[k + 2]));
    }
    assert.ok(worst < 60, `largest colour error ${worst}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('abort leaves no file; a wrong frame size is refused and aborts; an existing GIF survives a failed run', async () => {
  const dir = folder();
  try {
    const path = join(dir, 'training.gif');
    writeFileSync(path, 'older run');
    const gif = new GifWriter(path, 10, 10);
    gif.addFrame(stripes(10, 10, [REAL]));
    gif.abort();
    gif.abort();
    assert.deepEqual(readdirSync(dir), ['training.gif']);
    assert.equal(readFileSync(path, 'utf8'), 'older run');
    await assert.rejects(gif.finish(), /already aborted/);

    const bad = new GifWriter(path, 10, 10);
    assert.throws(() => bad.addFrame(new Uint8ClampedArray(10 * 9 * 4)), /expected 10×10×4/);
    assert.deepEqual(readdirSync(dir), ['training.gif'], 'the failed frame removed the partial file');

    const empty = new GifWriter(path, 10, 10);
    await assert.rejects(empty.finish(), /at least one frame/);
    assert.equal(readFileSync(path, 'utf8'), 'older run');
    assert.deepEqual(readdirSync(dir), ['training.gif']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('TrainingAnimation writes the GIF and, when asked, one PNG a frame named by iteration', async () => {
  const dir = folder();
  try {
    const frames = join(dir, 'frames');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(frames);
    const animation = new TrainingAnimation({ gifPath: join(dir, 'training.gif'), framesFolder: frames, delayMs: 50 });
    for (const iteration of [10, 20, 30]) {
      animation.addFrame({
        real: new Float32Array([0.5, 0.9]), fake: new Float32Array([0.5, 0.1]), bounds: UNIT_SQUARE, iteration,
        losses: { dReal: 1, dFake: 1, g: 1 },
      });
    }
    await animation.finish();
    assert.equal(frameFileName(120), 'iter_000120.png');
    assert.deepEqual(readdirSync(frames).sort(), ['iter_000010.png', 'iter_000020.png', 'iter_000030.png']);
    const { reader, frames: decoded } = decodeFrames(join(dir, 'training.gif'));
    assert.equal(reader.numFrames(), 3);
    assert.equal(reader.frameInfo(2).delay, 5);
    assert.equal(reader.width, animation.layout.width);
    // The PNG and the GIF frame agree on the plot pixels.
    const png = await decodeImage(readFileSync(join(frames, 'iter_000030.png')));
    const panel = animation.layout.panels[0];
    for (let y = panel.y + 1; y < panel.y + panel.height - 1; y++) {
      for (let x = panel.x + 1; x < panel.x + panel.width - 1; x++) {
        const k = (y * reader.width + x) * 4;
        assert.deepEqual([decoded[2][k], decoded[2][k + 1], decoded[2][k + 2]], pixelAt(png, x, y));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a named part file outlives abort once it holds a frame, and is removed when empty', async () => {
  const dir = folder();
  try {
    const path = join(dir, 'training.gif');
    const part = join(dir, '.training.gif.part');
    const empty = new GifWriter(path, 10, 10, { partPath: part });
    assert.deepEqual(readdirSync(dir), ['.training.gif.part'], 'frames go to the named part file, no temporary name');
    empty.abort();
    assert.deepEqual(readdirSync(dir), []);

    const kept = new GifWriter(path, 10, 10, { partPath: part });
    kept.addFrame(stripes(10, 10, [REAL]));
    kept.abort();
    assert.deepEqual(readdirSync(dir), ['.training.gif.part'], 'its frame survives for a later run to continue');
    assert.throws(() => new GifWriter(path, 10, 10, { continueAfter: { frames: 1, bytes: 10 } }), /continueAfter needs a partPath/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
