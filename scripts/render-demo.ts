// Renders demo figures to a folder (default /tmp/gan2d-render-demo) so a person can look at them:
//   node dist/scripts/render-demo.js [folder]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeLossPlotPng, writeTrainingFramePng } from '../src/node/image/canvas.js';
import { Rng } from '../src/core/rng.js';
import { UNIT_SQUARE } from '../src/core/render/bounds.js';
import { gaussianBlob, twoDiscRaster, twoDiscs } from '../test/support/render-fixtures.js';

const folder = process.argv[2] ?? '/tmp/gan2d-render-demo';
mkdirSync(folder, { recursive: true });

const real = twoDiscs(2000);
const fake = gaussianBlob(2000, [0.5, 0.5], 0.16);
const frame = {
  real,
  fake,
  bounds: UNIT_SQUARE,
  iteration: 1200,
  losses: { dReal: 0.612, dFake: 0.701, g: 0.793 },
  metrics: { js64: 0.0312, oos: 0.021 },
};
writeTrainingFramePng(join(folder, 'frame-240.png'), frame, 240);
writeTrainingFramePng(join(folder, 'frame-480.png'), { ...frame, realDensity: twoDiscRaster(128) }, 480);

// Conditional: three conditions, each its own blob.
const rng = new Rng(5);
const centres: [number, number][] = [[0.25, 0.75], [0.75, 0.7], [0.5, 0.25]];
const count = 1800;
const realPoints = new Float32Array(count * 2);
const fakePoints = new Float32Array(count * 2);
const realConditions = new Uint8Array(count);
const fakeConditions = new Uint8Array(count);
for (let i = 0; i < count; i++) {
  const c = i % 3;
  realConditions[i] = fakeConditions[i] = c;
  realPoints[2 * i] = centres[c][0] + 0.06 * rng.normal();
  realPoints[2 * i + 1] = centres[c][1] + 0.06 * rng.normal();
  fakePoints[2 * i] = centres[c][0] + 0.03 + 0.1 * rng.normal();
  fakePoints[2 * i + 1] = centres[c][1] - 0.02 + 0.1 * rng.normal();
}
writeTrainingFramePng(join(folder, 'frame-conditional-240.png'), {
  real: realPoints, fake: fakePoints, realConditions, fakeConditions, conditionCount: 3,
  bounds: UNIT_SQUARE, iteration: 300, losses: { dReal: 0.45, dFake: 0.52, g: 1.21 },
}, 240);

// builtin:ring-like data on its own extent.
const ring = new Float32Array(4000);
for (let i = 0; i < 2000; i++) {
  const k = i % 8;
  ring[2 * i] = Math.cos((2 * Math.PI * k) / 8) + 0.01 * rng.normal();
  ring[2 * i + 1] = Math.sin((2 * Math.PI * k) / 8) + 0.01 * rng.normal();
}
writeTrainingFramePng(join(folder, 'frame-ring-240.png'), {
  real: ring, fake: gaussianBlob(2000, [0.3, 0.2], 0.5), bounds: { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 },
  iteration: 50, losses: { dReal: 0.3, dFake: 0.25, g: 2.1 },
}, 240);

// losses.png from made-up curves.
const iterations = Float64Array.from({ length: 2000 }, (_, i) => i + 1);
const noise = (): number => 0.08 * rng.normal();
const dReal = iterations.map((i) => 0.69 - 0.2 * Math.exp(-i / 300) + noise());
const dFake = iterations.map((i) => 0.69 - 0.3 * Math.exp(-i / 200) + noise());
const g = iterations.map((i) => 0.69 + 1.2 * Math.exp(-i / 250) + noise());
const metricIterations = Float64Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
writeLossPlotPng(join(folder, 'losses.png'), {
  iterations, dReal, dFake, g,
  metrics: {
    series: [
      { label: 'js64', x: metricIterations, y: metricIterations.map((i) => 0.4 * Math.exp(-i / 400) + 0.012), floor: 0.011 },
      { label: 'oos', x: metricIterations, y: metricIterations.map((i) => 0.5 * Math.exp(-i / 300) + 0.004), floor: 0.002 },
    ],
  },
});
console.log(`wrote demo figures to ${folder}`);
