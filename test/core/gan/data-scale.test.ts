// --data-scale: the networks work in coordinates divided by the scale. Checked as the
// definition says: G's points are the plain network's times the scale, D sees points
// divided by it, R1's gradient follows the chain rule, and the exported G agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTarget, gridMixture, ringMixture } from '../../../src/core/density/builtins.js';
import { resolveTrainConfig } from '../../../src/core/gan/config.js';
import { foldOutputScale, mixtureScale, ScaledMlp } from '../../../src/core/gan/data-scale.js';
import { r1Penalty } from '../../../src/core/gan/gan-losses.js';
import { buildDiscriminator, buildGenerator, networkWeights } from '../../../src/core/gan/networks.js';
import { createTrainer } from '../../../src/core/gan/trainer.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import { noGrad, Var } from '../../../src/core/nn/tape.js';
import { Rng } from '../../../src/core/rng.js';
import { createGrid } from '../../../src/core/density/grid.js';
import { pictureTarget } from '../../../src/core/density/target.js';

const engine = createReferenceEngine();
const config = resolveTrainConfig({ gHidden: [6], dHidden: [5], zDim: 3, dataScale: 2.5 });
const plain = resolveTrainConfig({ gHidden: [6], dHidden: [5], zDim: 3 });
const input = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));

function run(network: Mlp, rows: number, cols: number, values: Float32Array): number[] {
  return noGrad(() => network.forward(Var.from(engine, rows, cols, values)).toArray());
}

test("G's points are the plain network's times the scale; D sees points divided by it", () => {
  const scaledG = buildGenerator(engine, config, 0, 'identity', new Rng(4));
  const plainG = buildGenerator(engine, plain, 0, 'identity', new Rng(4));
  assert.ok(scaledG instanceof ScaledMlp);
  assert.deepEqual(networkWeights(scaledG, config.activation, 'identity').layers, networkWeights(plainG, plain.activation, 'identity').layers, 'the same weights');
  const scaledPoints = run(scaledG, 4, 3, input);
  run(plainG, 4, 3, input).forEach((value, i) => assert.ok(Math.abs(scaledPoints[i] - 2.5 * value) < 1e-6));

  const scaledD = buildDiscriminator(engine, config, 0, new Rng(5));
  const plainD = buildDiscriminator(engine, plain, 0, new Rng(5));
  const points = Float32Array.from([1, -2, 0.5, 4, -3, 3]);
  const divided = points.map((v) => v / 2.5);
  assert.deepEqual(run(scaledD, 3, 2, points).map((v) => v.toFixed(6)), run(plainD, 3, 2, divided).map((v) => v.toFixed(6)));
});

test("R1 through a scaled D: its input gradient is the plain D's at x / scale, divided by the scale", () => {
  const scaledD = buildDiscriminator(engine, config, 0, new Rng(6));
  const plainD = buildDiscriminator(engine, plain, 0, new Rng(6));
  const points = Float32Array.from([0.3, -1.2, 2, 0.7]);
  const scaledX = Var.from(engine, 2, 2, points, true);
  const plainX = Var.from(engine, 2, 2, points.map((v) => v / 2.5), true);
  // γ/2 · mean ‖∇ₓD‖²: the scaled one is 1/scale² of the plain one at the divided points.
  const scaled = r1Penalty(scaledD.forward(scaledX), scaledX, 1).item();
  const reference = r1Penalty(plainD.forward(plainX), plainX, 1).item();
  assert.ok(Math.abs(scaled - reference / 6.25) < 1e-6 * Math.max(1, reference), `${scaled} vs ${reference / 6.25}`);
});

test('the exported G, with the scale folded into its last layer, gives the same points', () => {
  const scaledG = buildGenerator(engine, config, 0, 'identity', new Rng(7));
  const folded = foldOutputScale(networkWeights(scaledG, config.activation, 'identity'), 2.5);
  const unfolded = new Mlp(engine, { sizes: [3, 6, 2], hiddenActivation: config.activation, hiddenAlpha: 0.1, outputActivation: 'identity' }, new Rng(0));
  unfolded.load({ sizes: [3, 6, 2], tensors: folded.layers.flatMap((layer) => [layer.weights, layer.bias]) });
  const expected = run(scaledG, 4, 3, input);
  run(unfolded, 4, 3, input).forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < 1e-5));
  assert.equal(foldOutputScale(folded, 1), folded, 'scale 1 leaves the weights alone');
});

test("a mixture's scale is the standard deviation of its points along x and y", () => {
  const ring = ringMixture();
  // Centres on the unit circle: E[x²] = E[y²] = 1/2, plus σ² = 1e-4.
  assert.ok(Math.abs(mixtureScale(ring.centres, ring.sigma) - Math.sqrt(0.5 + 1e-4)) < 1e-12);
  const grid = gridMixture();
  // Centres on {-4,-2,0,2,4}: E[x²] = (16 + 4 + 0 + 4 + 16) / 5 = 8, plus σ² = 0.0025.
  assert.ok(Math.abs(mixtureScale(grid.centres, grid.sigma) - Math.sqrt(8.0025)) < 1e-12);
  // Exact samples agree.
  const samples = new Float32Array(2 * 200_000);
  builtinTarget('grid').sample(200_000, new Rng(1), samples);
  let squares = 0;
  for (const v of samples) squares += v * v;
  assert.ok(Math.abs(Math.sqrt(squares / samples.length) - Math.sqrt(8.0025)) < 0.02);
});

test('a picture run refuses --data-scale in one line', () => {
  const grid = createGrid(4, 4);
  grid.values.fill(1);
  assert.throws(
    () => createTrainer(engine, resolveTrainConfig({ dataScale: 2, gHidden: [4], dHidden: [4] }), pictureTarget('flat', grid)),
    /--data-scale: applies to mixtures/,
  );
});
