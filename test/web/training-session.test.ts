import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainConfig, type TrainConfig } from '../../src/core/gan/config.js';
import { createReferenceEngine } from '../../src/core/nn/engine.js';
import { ARROWS, DISPLAY_POINTS, MANIFOLD_SIZE, SURFACE_SIZE, TrainingSession } from '../../src/web/training-session.js';
import { discriminatorGradients, discriminatorSurface, gridPoints, type ProbeNetworks } from '../../src/web/view-probes.js';
import type { DataSource } from '../../src/web/data-source.js';

const ALL_LAYERS = { surface: true, gradients: true, manifold: true, condition: null };

function tinyConfig(overrides: Partial<Record<keyof TrainConfig, unknown>> = {}): TrainConfig {
  return resolveTrainConfig({ batchSize: 64, dHidden: [16], gHidden: [12], optimizer: 'adam', dSteps: 1, gSteps: 1, displayInterval: 2, ...overrides });
}

function session(data: DataSource = { kind: 'builtin', name: 'binary', conditional: false }, config = tinyConfig(), checkpoint?: unknown): TrainingSession {
  return new TrainingSession({ config, data, checkpoint, engine: createReferenceEngine(), engineName: 'reference', threads: 1 });
}

const flat = (weights: { layers: { weights: number[]; bias: number[] }[] }): number[] =>
  weights.layers.flatMap((layer) => [...layer.weights, ...layer.bias]);

test('Step D moves only D, Step G only G, and neither counts as an iteration', () => {
  const run = session();
  const start = run.checkpoint();
  run.step('d');
  const afterD = run.checkpoint();
  assert.equal(afterD.iteration, 0);
  assert.notDeepEqual(flat(afterD.discriminator), flat(start.discriminator));
  assert.deepEqual(flat(afterD.generator), flat(start.generator));
  run.step('g');
  const afterG = run.checkpoint();
  assert.equal(afterG.iteration, 0);
  assert.deepEqual(flat(afterG.discriminator), flat(afterD.discriminator));
  assert.notDeepEqual(flat(afterG.generator), flat(afterD.generator));
  run.step('both');
  assert.equal(run.checkpoint().iteration, 1);
});

test('the view follows single steps: Step D changes the surface, not the points; Step G the points', () => {
  const run = session();
  run.iterate();
  const before = run.frame(ALL_LAYERS, false, 0);
  run.step('d');
  const afterD = run.frame(ALL_LAYERS, false, 0);
  assert.notDeepEqual(Array.from(afterD.surface!.values), Array.from(before.surface!.values));
  assert.deepEqual(Array.from(afterD.generated), Array.from(before.generated));
  run.step('g');
  const afterG = run.frame(ALL_LAYERS, false, 0);
  assert.deepEqual(Array.from(afterG.surface!.values), Array.from(afterD.surface!.values));
  assert.notDeepEqual(Array.from(afterG.generated), Array.from(afterD.generated));
});

test('drawing frames between steps does not change the training', () => {
  for (const data of [{ kind: 'builtin', name: 'binary', conditional: false }, { kind: 'builtin', name: 'binary', conditional: true }] as DataSource[]) {
    const config = tinyConfig({ dHidden: [16, 8], gHidden: [12, 6], loss: 'wgan-gp' });
    const drawn = session(data, config);
    const plain = session(data, config);
    for (let i = 0; i < 3; i++) {
      drawn.iterate();
      plain.iterate();
      drawn.frame(ALL_LAYERS, true, 0, false);
      drawn.frame({ ...ALL_LAYERS, condition: 0 }, true, 0, false);
    }
    assert.equal(JSON.stringify(drawn.checkpoint()), JSON.stringify(plain.checkpoint()));
  }
});

test('a frame carries every layer at its size, and only the layers asked for', () => {
  const run = session();
  run.iterate();
  run.iterate();
  const frame = run.frame(ALL_LAYERS, true, 0);
  assert.equal(frame.iteration, 2);
  assert.equal(frame.generated.length, 2 * DISPLAY_POINTS);
  assert.equal(frame.gradients?.length, 2 * Math.ceil(DISPLAY_POINTS / frame.gradientStride));
  assert.ok(frame.gradients!.length >= 2 * ARROWS);
  assert.equal(frame.surface?.values.length, SURFACE_SIZE * SURFACE_SIZE);
  assert.ok(frame.surface?.values.every((p) => p > 0 && p < 1), 'BCE surfaces are probabilities');
  assert.equal(frame.manifold?.points.length, 2 * MANIFOLD_SIZE * MANIFOLD_SIZE);
  assert.deepEqual(frame.losses.map((r) => r.iteration), [2]);
  assert.equal(frame.evaluation?.points.length, 2 * 2500);
  // G's output is a sigmoid for pictures: every point in the unit square.
  assert.ok(frame.generated.every((v) => v >= 0 && v <= 1));
  const bare = run.frame({ surface: false, gradients: false, manifold: false, condition: null }, false, 0);
  assert.equal(bare.surface, null);
  assert.equal(bare.gradients, null);
  assert.equal(bare.manifold, null);
  assert.deepEqual(bare.losses, [], 'losses are sent once');
  assert.equal(bare.evaluation, null, 'no new evaluation before the next chart interval');
});

test('the drawn generated points stay put while paused and move with training', () => {
  const run = session();
  const first = run.frame(ALL_LAYERS, false, 0).generated;
  const again = run.frame(ALL_LAYERS, false, 0).generated;
  assert.deepEqual(Array.from(again), Array.from(first));
  run.iterate();
  const moved = run.frame(ALL_LAYERS, false, 0).generated;
  assert.notDeepEqual(Array.from(moved), Array.from(first));
});

for (const pack of [1, 2]) test(`D's gradients at points match finite differences of D's surface (--pack ${pack})`, () => {
  const run = session(undefined, tinyConfig({ pack }));
  for (let i = 0; i < 3; i++) run.iterate();
  const { generator, discriminator } = run.trainer;
  assert.equal(discriminator.toJSON().sizes[0], 2 * pack);
  const net: ProbeNetworks = { engine: discriminator.engine, generator, discriminator, zDim: 2, conditionCount: 0, pack };
  const points = new Float32Array([0.3, 0.6, 0.71, 0.2]);
  const gradients = discriminatorGradients(net, points, null);
  const h = 1e-2;
  for (let p = 0; p < 2; p++) {
    for (let axis = 0; axis < 2; axis++) {
      // D at x ± h along one axis, through the surface probe (a one-cell grid centred on the point).
      const at = (delta: number): number => {
        const x = points[2 * p] + (axis === 0 ? delta : 0);
        const y = points[2 * p + 1] + (axis === 1 ? delta : 0);
        return discriminatorSurface(net, { xMin: x - 1, xMax: x + 1, yMin: y - 1, yMax: y + 1 }, 1, 0)[0];
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      assert.ok(Math.abs(numeric - gradients[2 * p + axis]) < 1e-2 * Math.max(1, Math.abs(numeric)), `point ${p} axis ${axis}: ${numeric} vs ${gradients[2 * p + axis]}`);
    }
  }
  assert.deepEqual(Array.from(gridPoints({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 2)), [0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25]);
});

test('a conditional run colours points by condition and shows one condition alone', () => {
  const run = session({ kind: 'builtin', name: 'binary', conditional: true });
  const info = run.runInfo();
  assert.deepEqual(info.conditions, ['0', '1']);
  assert.equal(info.densities.length, 2);
  assert.deepEqual(new Set(info.realConditions), new Set([0, 1]));
  run.iterate();
  const frame = run.frame({ ...ALL_LAYERS, condition: 1 }, false, 0);
  assert.deepEqual(new Set(frame.generatedConditions), new Set([0, 1]));
  const arrowConditions = new Set(Array.from({ length: frame.gradients!.length / 2 }, (_, k) => frame.generatedConditions![k * frame.gradientStride]));
  assert.deepEqual(arrowConditions, new Set([0, 1]), 'arrows on points of every condition');
  assert.equal(frame.surface?.values.length, SURFACE_SIZE * SURFACE_SIZE);
  // The mass-weighted surface over all conditions differs from condition 1's own.
  const all = run.frame(ALL_LAYERS, false, 0).surface?.values;
  assert.notDeepEqual(Array.from(all ?? []), Array.from(frame.surface?.values ?? []));
  // Real points of condition 1 lie in the small disc (centre 0.687, 0.302, radius 0.111).
  for (let k = 0; k < info.real.length / 2; k++) {
    if (info.realConditions?.[k] !== 1) continue;
    assert.ok(Math.hypot(info.real[2 * k] - 0.687, info.real[2 * k + 1] - 0.302) <= 0.111 + 0.01);
  }
});

test('a session restored from a checkpoint continues exactly as the original', () => {
  const data: DataSource = { kind: 'builtin', name: 'ring', conditional: false };
  const original = session(data);
  for (let i = 0; i < 3; i++) original.iterate();
  const saved = JSON.parse(JSON.stringify(original.checkpoint()));
  assert.equal(saved.target.source, 'builtin:ring');
  const resumed = session(data, tinyConfig(), saved);
  assert.equal(resumed.runInfo().iteration, 3);
  original.iterate();
  resumed.iterate();
  assert.deepEqual(resumed.checkpoint(), original.checkpoint());
});

test('the run stops at its iteration limit and goes on when the limit is raised', () => {
  const run = session(undefined, tinyConfig({ iterations: 2 }));
  assert.notEqual(run.iterate(), null);
  assert.notEqual(run.iterate(), null);
  assert.equal(run.iterate(), null);
  assert.match(run.stopped ?? '', /Stopped at iteration 2: .*Play .* goes on past it/);
  run.setFreeOptions(5, 2);
  assert.equal(run.stopped, null);
  assert.notEqual(run.iterate(), null);
  assert.equal(run.iteration, 3);
});

test('with no stop the run goes on; after a stop at the limit, Play (resume) and Step go past it', () => {
  const endless = new TrainingSession({ config: tinyConfig({ iterations: 2 }), data: { kind: 'builtin', name: 'binary', conditional: false },
    stopAfter: null, engine: createReferenceEngine(), engineName: 'reference', threads: 1 });
  for (let i = 0; i < 4; i++) assert.notEqual(endless.iterate(), null);
  assert.equal(endless.iteration, 4);

  const run = session(undefined, tinyConfig({ iterations: 2 }));
  run.iterate();
  run.iterate();
  assert.equal(run.iterate(), null);
  run.step('both');
  assert.equal(run.iteration, 3, 'Step goes past the limit');
  assert.equal(run.iterate(), null, 'and the limit still stops Play until resumed');
  assert.equal(run.resume(), true);
  assert.equal(run.stopped, null);
  for (let i = 0; i < 3; i++) assert.notEqual(run.iterate(), null);
  assert.equal(run.iteration, 6);
  run.setFreeOptions(2, 2);
  assert.notEqual(run.iterate(), null, 'the same limit given again does not stop it again');
  run.setFreeOptions(9, 2);
  while (run.iterate() !== null);
  assert.equal(run.iteration, 9, 'a new limit stops it');
});

test('single steps reach the charts: a loss point each, and a quality sample', () => {
  const run = session(undefined, tinyConfig({ displayInterval: 100 }));
  run.frame(ALL_LAYERS, false, 0); // the first evaluation
  run.step('both');
  const afterStep = run.frame(ALL_LAYERS, false, 0);
  assert.deepEqual(afterStep.losses.map((r) => r.iteration), [1]);
  assert.ok([afterStep.losses[0].dReal, afterStep.losses[0].dFake, afterStep.losses[0].g].every(Number.isFinite));
  assert.equal(afterStep.evaluation?.iteration, 1);
  run.step('d');
  const afterD = run.frame(ALL_LAYERS, false, 0);
  assert.equal(afterD.losses.length, 1);
  assert.equal(afterD.losses[0].iteration, 1);
  assert.ok(Number.isFinite(afterD.losses[0].dReal) && Number.isNaN(afterD.losses[0].g), "D's step brings D's losses only");
  assert.notEqual(afterD.evaluation, null);
  run.step('g');
  const afterG = run.frame(ALL_LAYERS, false, 0);
  assert.ok(Number.isFinite(afterG.losses[0].g) && Number.isNaN(afterG.losses[0].dReal), "G's step brings G's loss only");
  assert.notEqual(afterG.evaluation, null);
});

test('a checkpoint with another number of conditions is refused', () => {
  const plain = session().checkpoint();
  assert.throws(() => session({ kind: 'builtin', name: 'binary', conditional: true }, tinyConfig(), plain), /conditions/);
});
