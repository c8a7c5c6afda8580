// The flow model: its loss against one computed by hand from the same draws, the target's
// coordinates, sampling through the solver, conditional batches, and resume bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { band, halves } from '../../support/band-targets.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Rng } from '../../../src/core/rng.js';
import { fillNormals } from '../../../src/core/gan/noise.js';
import { resolveFlowConfig, type FlowConfig } from '../../../src/core/flow/config.js';
import { parseAnyCheckpoint, type FlowCheckpoint } from '../../../src/core/flow/checkpoint.js';
import { targetCoordinates } from '../../../src/core/flow/coordinates.js';
import { createFlowModel, type FlowModel } from '../../../src/core/flow/flow-model.js';
import { restoreFlow } from '../../../src/core/flow/saved-flow.js';
import { straightPath } from '../../../src/core/flow/flow-path.js';
import type { TrainingTarget } from '../../../src/core/model/target.js';

function small(options: Partial<Record<keyof FlowConfig, unknown>> = {}): FlowConfig {
  return resolveFlowConfig({
    batchSize: 24, hidden: [9, 7], activation: 'relu', fourierFeatures: 2, timeFeatures: 2, odeSteps: 4, iterations: 10, ...options,
  });
}

function model(config: FlowConfig, target: TrainingTarget): FlowModel {
  return createFlowModel(createReferenceEngine(), config, target, 'test');
}

test('straight paths: the point at t and the velocity x1 − x0, by hand', () => {
  const xt = new Float64Array(4);
  const velocity = new Float64Array(4);
  straightPath([0, 0, 1, -1], [2, 4, 3, 1], [0.25, 1], 2, xt, velocity);
  assert.deepEqual([...xt], [0.5, 1, 3, 1]);
  assert.deepEqual([...velocity], [2, 4, 2, 2]);
});

test('coordinates: the band of columns 4..12 of a square is centred at 0.5 with its exact spread', () => {
  const { centre, scale } = targetCoordinates([band('b', 4, 12)], [1]);
  assert.ok(Math.abs(centre[0] - 0.5) < 1e-12 && Math.abs(centre[1] - 0.5) < 1e-12);
  // Uniform on [0.25, 0.75] × [0, 1]: variances 0.5²/12 and 1/12; pooled, their mean.
  assert.ok(Math.abs(scale - Math.sqrt((0.25 / 12 + 1 / 12) / 2)) < 1e-9, `scale ${scale}`);
});

/** A plain forward pass of the checkpoint's network (ReLU hidden, linear out), in float64. */
function forwardByHand(weights: FlowCheckpoint['velocity'], input: readonly number[]): number[] {
  let h: number[] = [...input];
  weights.layers.forEach((layer, i) => {
    const out = layer.bias.slice();
    for (let o = 0; o < layer.outputs; o++) for (let k = 0; k < layer.inputs; k++) out[o] += h[k] * layer.weights[k * layer.outputs + o];
    h = i < weights.layers.length - 1 ? out.map((v) => Math.max(0, v)) : out;
  });
  return h;
}

test('the loss is the mean squared error of v(x_t, t) against x1 − x0, recomputed by hand from the same draws', () => {
  const target = band('b', 4, 12);
  const config = small({ batchSize: 5 });
  const flow = model(config, target);
  const before = flow.getCheckpoint();
  const { flow: loss } = flow.step();
  // The model's streams (seed 1): data 1, noise 2, time 3; its coordinates map the band to unit spread.
  const x1 = new Float32Array(10);
  target.sample(5, new Rng(1, 1), x1, 0);
  const x0 = new Float32Array(10);
  fillNormals(new Rng(1, 2), x0, 0, 10);
  const timeRng = new Rng(1, 3);
  const times = Array.from({ length: 5 }, () => Math.cbrt(timeRng.uniform())); // the default time sampling, later: ∛u
  const { centre, scale } = before.coordinates;
  let sum = 0;
  for (let r = 0; r < 5; r++) {
    const u1 = [(x1[2 * r] - centre[0]) / scale, (x1[2 * r + 1] - centre[1]) / scale];
    const u0 = [x0[2 * r], x0[2 * r + 1]];
    const t = Math.fround(times[r]);
    const ut = [0, 1].map((j) => Math.fround((1 - t) * u0[j] + t * Math.fround(u1[j])));
    const wanted = [0, 1].map((j) => Math.fround(u1[j]) - u0[j]);
    const features = (v: number): number[] => [Math.PI / 2, Math.PI].flatMap((f) => [Math.sin(f * v), Math.cos(f * v)]);
    const input = [...ut, ...features(ut[0]), ...features(ut[1]), t, ...features(t)];
    const v = forwardByHand(before.velocity, input);
    sum += (v[0] - wanted[0]) ** 2 + (v[1] - wanted[1]) ** 2;
  }
  const byHand = sum / 10;
  assert.ok(Math.abs(loss - byHand) < 1e-5 * Math.max(1, byHand), `loss ${loss} vs by hand ${byHand}`);
});

test('sampling integrates the velocity field: the points of an untrained network equal the solver run by hand', () => {
  const config = small({ odeSolver: 'euler', odeSteps: 3, emaDecay: 0 }); // the default spacing: quadratic
  const flow = model(config, band('b', 0, 16));
  const checkpoint = flow.getCheckpoint();
  const points = flow.generateRows([3], new Rng(5, 5));
  const u = new Float32Array(6);
  fillNormals(new Rng(5, 5), u, 0, 6);
  const features = (v: number): number[] => [Math.PI / 2, Math.PI].flatMap((f) => [Math.sin(f * v), Math.cos(f * v)]);
  const times = [0, 1 - (2 / 3) ** 2, 1 - (1 / 3) ** 2, 1]; // 1 − (1 − k/3)²
  for (let step = 0; step < 3; step++) {
    const t = times[step];
    const h = times[step + 1] - t;
    for (let r = 0; r < 3; r++) {
      const v = forwardByHand(checkpoint.velocity, [u[2 * r], u[2 * r + 1], ...features(u[2 * r]), ...features(u[2 * r + 1]), t, ...features(t)]);
      u[2 * r] += v[0] * h;
      u[2 * r + 1] += v[1] * h;
    }
  }
  const { centre, scale } = checkpoint.coordinates;
  for (let r = 0; r < 3; r++) {
    assert.ok(Math.abs(points[2 * r] - (centre[0] + scale * u[2 * r])) < 1e-4);
    assert.ok(Math.abs(points[2 * r + 1] - (centre[1] + scale * u[2 * r + 1])) < 1e-4);
  }
});

test('training lowers the loss and brings the points onto the band, none clipped', () => {
  const config = small({ batchSize: 256, hidden: [32, 32], lr: 3e-3, iterations: 400, emaDecay: 0, lrDecay: 0, odeSteps: 8 });
  const flow = model(config, band('b', 4, 12));
  let early = 0, late = 0;
  for (let i = 0; i < 400; i++) {
    const { flow: loss } = flow.step();
    if (i < 20) early += loss / 20;
    if (i >= 380) late += loss / 20;
  }
  assert.ok(late < 0.8 * early, `loss ${early} → ${late}`);
  const points = flow.generate(2000);
  let inside = 0;
  for (let i = 0; i < points.length; i += 2) if (points[i] >= 0.25 && points[i] <= 0.75) inside++;
  assert.ok(inside / 2000 > 0.85, `${inside} of 2000 in the band`);
});

test('a restored model continues bit for bit, plain and conditional, and its checkpoint parses back', () => {
  for (const target of [band('b', 4, 12), halves()] as TrainingTarget[]) {
    const config = small({ emaDecay: 0.9, lrDecay: 0.5, timeSampling: 'logit-normal' });
    const straight = model(config, target);
    for (let i = 0; i < 10; i++) straight.step();
    const first = model(config, target);
    for (let i = 0; i < 4; i++) first.step();
    const saved = parseAnyCheckpoint(JSON.parse(JSON.stringify(first.getCheckpoint()))) as FlowCheckpoint;
    const resumed = model(config, target);
    resumed.restore(saved);
    for (let i = 4; i < 10; i++) resumed.step();
    assert.equal(JSON.stringify(resumed.getCheckpoint()), JSON.stringify(straight.getCheckpoint()));
    // generate and the checkpoint alone (restoreFlow) give the same points for the same noise.
    const rows = 'conditions' in target ? [3, 2] : [5];
    const fromCheckpoint = restoreFlow(createReferenceEngine(), resumed.getCheckpoint()).generate(rows, new Rng(9, 9));
    assert.deepEqual([...fromCheckpoint], [...straight.generateRows(rows, new Rng(9, 9))]);
  }
});

test('a time plan fits --lr-decay into a shorter run: as if --iterations were the plan, kept across a checkpoint', () => {
  const target = band('b', 4, 12);
  const planned = model(small({ lrDecay: 0.5, iterations: 10 }), target);
  for (let i = 0; i < 2; i++) planned.step();
  planned.planIterations(6);
  assert.throws(() => planned.planIterations(11), /planIterations: 11/);
  const saved = parseAnyCheckpoint(JSON.parse(JSON.stringify(planned.getCheckpoint()))) as FlowCheckpoint;
  assert.equal(saved.plannedIterations, 6);
  for (let i = 2; i < 6; i++) planned.step();
  const shorter = model(small({ lrDecay: 0.5, iterations: 6 }), target);
  for (let i = 0; i < 6; i++) shorter.step();
  assert.deepEqual(planned.getCheckpoint().velocity, shorter.getCheckpoint().velocity);
  const resumed = model(small({ lrDecay: 0.5, iterations: 10 }), target);
  resumed.restore(saved);
  assert.equal(resumed.plannedIterations, 6);
  for (let i = 2; i < 6; i++) resumed.step();
  assert.deepEqual(resumed.getCheckpoint().velocity, shorter.getCheckpoint().velocity);
});

test('a conditional batch is split by mass, and each condition generates its own picture', () => {
  const config = small({ batchSize: 256, hidden: [32, 32], lr: 3e-3, iterations: 300, emaDecay: 0, lrDecay: 0, odeSteps: 8 });
  const flow = model(config, halves());
  assert.deepEqual(flow.rowsPerCondition, [192, 64]);
  for (let i = 0; i < 300; i++) flow.step();
  const left = flow.generate(500, 0);
  const right = flow.generate(500, 1);
  const share = (points: Float32Array, test: (x: number) => boolean): number => {
    let n = 0;
    for (let i = 0; i < points.length; i += 2) if (test(points[i])) n++;
    return n / (points.length / 2);
  };
  assert.ok(share(left, (x) => x < 0.5) > 0.8, 'condition 0 on the left');
  assert.ok(share(right, (x) => x > 0.5) > 0.8, 'condition 1 on the right');
});

test('a checkpoint from before --ode-spacing samples on even steps; any other missing option is refused', () => {
  const saved = JSON.parse(JSON.stringify(model(small(), band('b', 4, 12)).getCheckpoint()));
  assert.equal(saved.config.odeSpacing, 'quadratic');
  delete saved.config.odeSpacing;
  assert.equal((parseAnyCheckpoint(saved) as FlowCheckpoint).config.odeSpacing, 'uniform');
  delete saved.config.odeSteps;
  assert.throws(() => parseAnyCheckpoint(saved), /missing ode-steps/);
});
