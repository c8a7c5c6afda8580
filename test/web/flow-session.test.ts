// The page's flow run (web/flow-session.ts) in Node: core's flow model, its frames (trajectories,
// the velocity at t, the samples), its charts, Step, its stop, and checkpoints both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveFlowConfig, type FlowConfig } from '../../src/core/flow/config.js';
import { parseAnyCheckpoint, type FlowCheckpoint } from '../../src/core/flow/checkpoint.js';
import { createFlowModel } from '../../src/core/flow/flow-model.js';
import { flowTrajectories, velocityGrid } from '../../src/core/flow/flow-view.js';
import { builtinTarget } from '../../src/core/density/builtins.js';
import { createReferenceEngine } from '../../src/core/nn/engine.js';
import { FLOW_DISPLAY_POINTS, FlowSession, VELOCITY_GRID_SIZE } from '../../src/web/flow-session.js';
import { EVALUATION_POINTS, TrainingSession } from '../../src/web/training-session.js';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import type { DataSource } from '../../src/web/data-source.js';

const RING: DataSource = { kind: 'builtin', name: 'ring', conditional: false };
const LAYERS = { surface: true, gradients: true, manifold: true, velocity: true, time: 0.4, condition: null };

function tinyConfig(overrides: Partial<Record<keyof FlowConfig, unknown>> = {}): FlowConfig {
  return resolveFlowConfig({ batchSize: 32, hidden: [16, 16], fourierFeatures: 2, timeFeatures: 2, odeSteps: 3, displayInterval: 2, ...overrides });
}

function session(config = tinyConfig(), checkpoint?: unknown, stopAfter: number | null = null, data = RING, engine = createReferenceEngine()): FlowSession {
  return new FlowSession({ config, data, checkpoint, stopAfter, engine, engineName: 'reference', threads: 1 });
}

test("a flow session trains core's flow model as the CLI does, bit for bit", () => {
  const run = session();
  for (let i = 0; i < 5; i++) run.iterate();
  const cli = createFlowModel(createReferenceEngine(), tinyConfig(), builtinTarget('ring'), 'builtin:ring');
  for (let i = 0; i < 5; i++) cli.step();
  assert.deepEqual(run.checkpoint(), cli.getCheckpoint());
});

test("a frame carries the display points' trajectories, the samples at their end, the velocity at t, and no D", () => {
  const engine = createReferenceEngine();
  const run = session(tinyConfig(), undefined, null, RING, engine);
  for (let i = 0; i < 4; i++) run.iterate();
  const frame = run.frame(LAYERS, false, 0);
  assert.ok(frame.flow);
  const { steps, paths, velocity } = frame.flow;
  assert.equal(steps, 3);
  assert.equal(paths.length, 4 * 2 * FLOW_DISPLAY_POINTS);
  assert.deepEqual([...frame.generated], [...paths.subarray(3 * 2 * FLOW_DISPLAY_POINTS)]);
  assert.equal(frame.surface, null);
  assert.equal(frame.gradients, null);
  assert.equal(frame.manifold, null);
  // The same numbers as core's view functions on the network samples come from (the average, --ema-decay).
  const probe = { engine, network: run.model.sampling, config: run.config, coordinates: run.model.coordinates, conditionCount: 0 };
  const start = paths.slice(0, 2 * FLOW_DISPLAY_POINTS);
  for (let i = 0; i < start.length; i += 2) {
    start[i] = (start[i] - run.model.coordinates.centre[0]) / run.model.coordinates.scale;
    start[i + 1] = (start[i + 1] - run.model.coordinates.centre[1]) / run.model.coordinates.scale;
  }
  const again = flowTrajectories(probe, start, [FLOW_DISPLAY_POINTS]);
  for (let i = 0; i < paths.length; i++) assert.ok(Math.abs(again[i] - paths[i]) < 1e-5, `value ${i}`);
  assert.ok(velocity);
  assert.equal(velocity.size, VELOCITY_GRID_SIZE);
  assert.equal(velocity.t, 0.4);
  const info = run.runInfo();
  assert.deepEqual([...velocity.vectors], [...velocityGrid(probe, info.bounds, VELOCITY_GRID_SIZE, 0.4).vectors]);
  assert.equal(run.frame({ ...LAYERS, velocity: false }, false, 0).flow?.velocity, null);
  assert.equal(info.model, 'flow');
  assert.ok(info.model === 'flow' && info.coordinates.scale > 0);
});

test('the display noise is N(0, I) and fixed: at t = 0 the points are the same in every frame', () => {
  const run = session();
  const first = run.frame(LAYERS, false, 0).flow!.paths.slice(0, 2 * FLOW_DISPLAY_POINTS);
  for (let i = 0; i < 3; i++) run.iterate();
  const later = run.frame(LAYERS, false, 0).flow!;
  assert.deepEqual([...later.paths.subarray(0, 2 * FLOW_DISPLAY_POINTS)], [...first]);
  const info = run.runInfo();
  assert.ok(info.model === 'flow');
  const { centre, scale } = info.coordinates;
  const u = Array.from(first, (v, i) => (v - centre[i % 2]) / scale);
  const mean = u.reduce((a, b) => a + b, 0) / u.length;
  const std = Math.sqrt(u.reduce((a, b) => a + (b - mean) ** 2, 0) / u.length);
  assert.ok(Math.abs(mean) < 0.08 && Math.abs(std - 1) < 0.08, `mean ${mean}, std ${std}`);
});

test("the charts get the flow's loss, a mean per interval, and quality samples of the evaluation's size", () => {
  const run = session();
  run.frame(LAYERS, false, 0);
  const losses: number[] = [];
  for (let i = 0; i < 4; i++) losses.push(run.iterate()!.flow);
  const frame = run.frame(LAYERS, false, 0);
  assert.deepEqual(frame.losses.map((r) => r.iteration), [2, 4]);
  const record = frame.losses[1];
  assert.ok('flow' in record && Math.abs(record.flow - (losses[2] + losses[3]) / 2) < 1e-12);
  assert.equal(frame.evaluation?.iteration, 4);
  assert.equal(frame.evaluation?.points.length, 2 * EVALUATION_POINTS);
  run.step('both');
  const stepped = run.frame(LAYERS, false, 0);
  assert.deepEqual(stepped.losses.map((r) => r.iteration), [5]);
  assert.equal(stepped.evaluation?.iteration, 5);
});

test('Step is one iteration; the GAN-only steps are refused in words', () => {
  const run = session();
  run.step('both');
  assert.equal(run.iteration, 1);
  assert.throws(() => run.step('d'), /a flow has no discriminator step: it trains one network/);
  assert.throws(() => run.step('g'), /a flow has no generator step/);
  assert.throws(() => run.stepStage(), /the staged step is the GAN's/);
  assert.equal(run.iteration, 1);
});

test('"Stop after" stops a flow run, Play goes on past it, Step too', () => {
  const run = session(tinyConfig(), undefined, 2);
  assert.notEqual(run.iterate(), null);
  assert.notEqual(run.iterate(), null);
  assert.equal(run.iterate(), null);
  assert.match(run.stopped ?? '', /Stopped at iteration 2/);
  assert.equal(run.resume(), true);
  assert.notEqual(run.iterate(), null);
  assert.equal(run.iteration, 3);
});

test("a checkpoint continues bit for bit, in the CLI's format; a GAN's is refused in words", () => {
  const run = session();
  for (let i = 0; i < 6; i++) run.iterate();
  const saved = JSON.parse(JSON.stringify(run.checkpoint())) as FlowCheckpoint;
  assert.equal(parseAnyCheckpoint(saved).model, 'flow');
  const resumed = session(tinyConfig(), saved);
  assert.equal(resumed.iteration, 6);
  for (let i = 0; i < 3; i++) {
    run.iterate();
    resumed.iterate();
  }
  assert.deepEqual(resumed.checkpoint(), run.checkpoint());
  assert.deepEqual([...resumed.frame(LAYERS, false, 0).generated], [...run.frame(LAYERS, false, 0).generated]);
  const gan = new TrainingSession({
    config: resolveTrainConfig({ batchSize: 16, dHidden: [8], gHidden: [8] }), data: RING, engine: createReferenceEngine(), engineName: 'reference', threads: 1,
  });
  assert.throws(() => session(tinyConfig(), gan.checkpoint()), /the checkpoint is a GAN's: switch the model to GAN/);
});

test('a conditional flow run shows every condition, its arrows for the one chosen', () => {
  const run = session(tinyConfig(), undefined, null, { kind: 'builtin', name: 'binary', conditional: true });
  const frame = run.frame({ ...LAYERS, condition: 1 }, false, 0);
  assert.ok(frame.generatedConditions);
  assert.deepEqual(new Set(frame.generatedConditions), new Set([0, 1]));
  const all = run.frame({ ...LAYERS, condition: 0 }, false, 0).flow!.velocity!.vectors;
  assert.notDeepEqual([...frame.flow!.velocity!.vectors], [...all]);
});
