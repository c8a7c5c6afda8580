// What one training frame costs at GIF size: drawTrainingFrame, reading the pixels back,
// and GIF encoding (palette mapping + LZW), each timed over many frames:
//   node dist/scripts/render-timing.js [frames]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { drawTrainingFrame, trainingFrameLayout } from '../src/core/render/frame.js';
import { UNIT_SQUARE } from '../src/core/render/bounds.js';
import { createNodeCanvas, encodePng, readPixels, writeTrainingFramePng } from '../src/node/canvas.js';
import { GifWriter } from '../src/node/gif-writer.js';
import { gaussianBlob, twoDiscs } from '../test/render-fixtures.js';

const frames = Number(process.argv[2] ?? 200);
const layout = trainingFrameLayout(240);
const target = createNodeCanvas(layout.width, layout.height);
const gifPath = join(tmpdir(), 'gan2d-render-timing.gif');
const gif = new GifWriter(gifPath, layout.width, layout.height, { delayMs: 100 });
const real = twoDiscs(2000);
const fakes = Array.from({ length: 8 }, (_, i) => gaussianBlob(2000, [0.3 + 0.05 * i, 0.5], 0.1 + 0.01 * i, i + 10));

let drawMs = 0;
let readMs = 0;
let encodeMs = 0;
for (let i = 0; i < frames; i++) {
  const t0 = performance.now();
  drawTrainingFrame(target.context, layout, {
    real, fake: fakes[i % fakes.length], bounds: UNIT_SQUARE, iteration: (i + 1) * 10,
    losses: { dReal: 0.6 + 0.001 * i, dFake: 0.7, g: 0.8 }, metrics: { js64: 0.03 },
  });
  const t1 = performance.now();
  const pixels = readPixels(target);
  const t2 = performance.now();
  gif.addFrame(pixels);
  const t3 = performance.now();
  drawMs += t1 - t0;
  readMs += t2 - t1;
  encodeMs += t3 - t2;
}
const t4 = performance.now();
await gif.finish();
const finishMs = performance.now() - t4;
const perFrame = (ms: number): string => (ms / frames).toFixed(2);
console.log(`${frames} frames of ${layout.width}×${layout.height}, 2000 real + 2000 fake points each`);
console.log(`per frame: draw ${perFrame(drawMs)} ms, read pixels ${perFrame(readMs)} ms, GIF encode ${perFrame(encodeMs)} ms, total ${perFrame(drawMs + readMs + encodeMs)} ms`);
console.log(`all frames: ${(drawMs + readMs + encodeMs + finishMs).toFixed(0)} ms; GIF ${(statSync(gifPath).size / 1024).toFixed(0)} KiB at ${gifPath}`);

const pngStart = performance.now();
for (let i = 0; i < 20; i++) encodePng(target);
console.log(`--frames PNG at GIF size: ${((performance.now() - pngStart) / 20).toFixed(2)} ms a frame`);
const finalStart = performance.now();
writeTrainingFramePng(join(tmpdir(), 'gan2d-render-timing-final.png'), {
  real, fake: fakes[0], bounds: UNIT_SQUARE, iteration: 2000, losses: { dReal: 0.6, dFake: 0.7, g: 0.8 },
}, 480);
console.log(`final.png (3×480 panels): ${(performance.now() - finalStart).toFixed(1)} ms`);
