// What one training frame costs at GIF size (3 panels of 240 px: 720×264), the way
// `gan2d train` makes them: TrainingFrameComposer (chrome cached, plots painted as pixels,
// only the title read back from the canvas) and GifWriter.addFrame (palette mapping + LZW,
// appended to the file). Also the plain drawTrainingFrame + full read-back for comparison.
//   node dist/scripts/render-timing.js [frames]
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { UNIT_SQUARE } from '../src/core/render/bounds.js';
import { drawTrainingFrame, trainingFrameLayout, type TrainingFrameData } from '../src/core/render/frame.js';
import { TrainingFrameComposer } from '../src/core/render/frame-composer.js';
import { createNodeCanvas, encodePng, readPixels, writeTrainingFramePng } from '../src/node/image/canvas.js';
import { GifWriter } from '../src/node/image/gif-writer.js';
import { gaussianBlob, twoDiscs } from '../test/support/render-fixtures.js';

const frames = Number(process.argv[2] ?? 200);
const layout = trainingFrameLayout(240);
const real = twoDiscs(2000);
const fakes = Array.from({ length: 8 }, (_, i) => gaussianBlob(2000, [0.3 + 0.05 * i, 0.5], 0.1 + 0.01 * i, i + 10));
const frameData = (i: number): TrainingFrameData => ({
  real, fake: fakes[i % fakes.length], bounds: UNIT_SQUARE, iteration: (i + 1) * 10,
  losses: { dReal: 0.6 + 0.001 * i, dFake: 0.7, g: 0.8 }, metrics: { js64: 0.03 },
});
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// 1. The animation path.
const target = createNodeCanvas(layout.width, layout.height);
const composer = new TrainingFrameComposer(target.context, layout);
const gifPath = join(tmpdir(), 'gan2d-render-timing.gif');
const gif = new GifWriter(gifPath, layout.width, layout.height, { delayMs: 100 });
let composeMs = 0;
let encodeMs = 0;
// The machine is shared: beside the mean, the median frame and CPU time are less disturbed by other work.
const composeTimes: number[] = [];
const encodeTimes: number[] = [];
const cpuStart = process.cpuUsage();
for (let i = 0; i < frames; i++) {
  const t0 = performance.now();
  const pixels = composer.compose(frameData(i));
  const t1 = performance.now();
  gif.addFrame(pixels);
  const t2 = performance.now();
  composeTimes.push(t1 - t0);
  encodeTimes.push(t2 - t1);
  composeMs += t1 - t0;
  encodeMs += t2 - t1;
}
await gif.finish();
const animationCpu = cpuMs(cpuStart);
const perFrame = (ms: number): string => (ms / frames).toFixed(2);
const median = (values: number[]): string => [...values].sort((a, b) => a - b)[values.length >> 1].toFixed(2);
console.log(`${frames} frames of ${layout.width}×${layout.height}, 2000 real + 2000 fake points each`);
console.log(`animation path, per frame: compose ${perFrame(composeMs)} ms + GIF addFrame ${perFrame(encodeMs)} ms = ${perFrame(composeMs + encodeMs)} ms wall (mean), ${perFrame(animationCpu)} ms CPU`);
console.log(`  median frame: compose ${median(composeTimes)} ms + GIF addFrame ${median(encodeTimes)} ms`);
console.log(`GIF: ${(statSync(gifPath).size / 1024).toFixed(0)} KiB at ${gifPath}`);

// 2. For comparison: draw everything on the canvas and read it all back.
let drawMs = 0;
let readMs = 0;
for (let i = 0; i < frames; i++) {
  const t0 = performance.now();
  drawTrainingFrame(target.context, layout, frameData(i));
  const t1 = performance.now();
  readPixels(target);
  drawMs += t1 - t0;
  readMs += performance.now() - t1;
}
console.log(`plain path, per frame: drawTrainingFrame ${perFrame(drawMs)} ms + full read-back ${perFrame(readMs)} ms`);

const pngStart = performance.now();
for (let i = 0; i < 20; i++) encodePng(target);
console.log(`--frames PNG at GIF size: ${((performance.now() - pngStart) / 20).toFixed(2)} ms a frame`);
const finalStart = performance.now();
writeTrainingFramePng(join(tmpdir(), 'gan2d-render-timing-final.png'), frameData(frames - 1), 480);
console.log(`final.png (3×480 panels), drawn and written: ${(performance.now() - finalStart).toFixed(1)} ms`);
