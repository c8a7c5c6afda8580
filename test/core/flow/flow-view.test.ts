// The flow's view (trajectories, points at a time, the velocity grid) against core's ODE and
// velocity network called directly, and against values worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { band, halves } from '../../support/band-targets.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Rng } from '../../../src/core/rng.js';
import { fillNormals } from '../../../src/core/gan/noise.js';
import { resolveFlowConfig, type FlowConfig } from '../../../src/core/flow/config.js';
import { toFlowCoordinates } from '../../../src/core/flow/coordinates.js';
import { createFlowModel, evaluateVelocity, samplePoints, type FlowModel } from '../../../src/core/flow/flow-model.js';
import { flowTrajectories, gridCentres, pointsAtTime, velocityGrid, type FlowProbe } from '../../../src/core/flow/flow-view.js';
import { velocityInputWriter } from '../../../src/core/flow/velocity-input.js';
import type { TrainingTarget } from '../../../src/core/model/target.js';

function trained(options: Partial<Record<keyof FlowConfig, unknown>>, target: TrainingTarget = band('b', 3, 9)): { flow: FlowModel; probe: FlowProbe } {
  const engine = createReferenceEngine();
  const config = resolveFlowConfig({ batchSize: 32, hidden: [12, 12], activation: 'relu', fourierFeatures: 2, timeFeatures: 2, odeSteps: 5, emaDecay: 0, ...options });
  const flow = createFlowModel(engine, config, target, 'test');
  for (let i = 0; i < 20; i++) flow.step(); // a network that is no longer its initial one
  const conditionCount = flow.target.conditions.length;
  return { flow, probe: { engine, network: flow.velocity, config, coordinates: flow.coordinates, conditionCount } };
}

function noise(count: number, seed: number): Float32Array {
  const points = new Float32Array(2 * count);
  fillNormals(new Rng(seed), points, 0, 2 * count);
  return points;
}

test('trajectories end where the run\'s own sampling puts the same noise, for every solver', () => {
  for (const odeSolver of ['euler', 'midpoint', 'heun', 'rk4'] as const) {
    const { flow, probe } = trained({ odeSolver });
    const count = 37;
    const paths = flowTrajectories(probe, noise(count, 9), [count]);
    assert.equal(paths.length, (probe.config.odeSteps + 1) * 2 * count);
    const sampled = samplePoints(probe.engine, flow.velocity, flow.config, flow.coordinates, 0, [count], new Rng(9));
    assert.deepEqual([...paths.subarray(probe.config.odeSteps * 2 * count)], [...sampled], odeSolver);
  }
});

test('trajectories start at the noise mapped to the target and move by Euler steps of the velocity network, at the spacing\'s times', () => {
  for (const odeSpacing of ['uniform', 'quadratic'] as const) {
    const { probe } = trained({ odeSolver: 'euler', odeSteps: 4, odeSpacing });
    const times = odeSpacing === 'uniform' ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.4375, 0.75, 0.9375, 1]; // 1 − (1 − k/4)²
    const count = 11;
    const start = noise(count, 4);
    const paths = flowTrajectories(probe, start, [count]);
    const { centre, scale } = probe.coordinates;
    for (let i = 0; i < count; i++) {
      assert.ok(Math.abs(paths[2 * i] - (centre[0] + scale * start[2 * i])) < 1e-6);
      assert.ok(Math.abs(paths[2 * i + 1] - (centre[1] + scale * start[2 * i + 1])) < 1e-6);
    }
    const writer = velocityInputWriter(probe.config);
    for (let k = 0; k < 4; k++) {
      const here = paths.slice(2 * count * k, 2 * count * (k + 1));
      toFlowCoordinates(here, probe.coordinates);
      const velocity = new Float32Array(2 * count);
      evaluateVelocity(probe.engine, probe.network, writer, 0, [count], here, times[k], velocity);
      const h = times[k + 1] - times[k];
      for (let j = 0; j < 2 * count; j++) {
        const moved = paths[2 * count * (k + 1) + j] - paths[2 * count * k + j];
        assert.ok(Math.abs(moved - scale * velocity[j] * h) < 1e-4 * (1 + Math.abs(moved)), `${odeSpacing} step ${k}, value ${j}: ${moved} vs ${scale * velocity[j] * h}`);
      }
    }
  }
});

test('conditional trajectories use each row\'s condition, as sampling does condition by condition', () => {
  const { flow, probe } = trained({ odeSolver: 'midpoint' }, halves());
  const start = noise(6, 2);
  const paths = flowTrajectories(probe, start, [4, 2]);
  const end = paths.subarray(probe.config.odeSteps * 12);
  const left = samplePoints(probe.engine, flow.velocity, flow.config, flow.coordinates, 2, [4, 0], new Rng(2));
  assert.deepEqual([...end.subarray(0, 8)], [...left]);
  // The right condition's rows, alone: the same two noise points through condition 1.
  const right = flowTrajectories(probe, start.slice(8), [0, 2]).subarray(probe.config.odeSteps * 4);
  assert.deepEqual([...end.subarray(8)], [...right]);
});

test('points at a time: the solver\'s blocks at their times, linear between them, clamped to [0, 1]', () => {
  // Two points, two steps: blocks at t = 0, 0.5, 1.
  const paths = Float32Array.from([0, 0, 1, 1, 2, 0, 1, 3, 4, 4, 1, 5]);
  const out = new Float32Array(4);
  assert.deepEqual([...pointsAtTime(paths, 2, 0, out)], [0, 0, 1, 1]);
  assert.deepEqual([...pointsAtTime(paths, 2, 0.5, out)], [2, 0, 1, 3]);
  assert.deepEqual([...pointsAtTime(paths, 2, 1, out)], [4, 4, 1, 5]);
  assert.deepEqual([...pointsAtTime(paths, 2, 0.75, out)], [3, 2, 1, 4]);
  assert.deepEqual([...pointsAtTime(paths, 2, 0.25, out)], [1, 0, 1, 2]);
  assert.deepEqual([...pointsAtTime(paths, 2, 7, out)], [4, 4, 1, 5]);
  assert.throws(() => pointsAtTime(paths, 3, 0.5, out), /blocks/);
  // Quadratic steps: blocks at t = 0, 0.75, 1; linear in t between them.
  assert.deepEqual([...pointsAtTime(paths, 2, 0.75, out, 'quadratic')], [2, 0, 1, 3]);
  assert.deepEqual([...pointsAtTime(paths, 2, 0.375, out, 'quadratic')], [1, 0, 1, 2]);
  assert.deepEqual([...pointsAtTime(paths, 2, 0.875, out, 'quadratic')], [3, 2, 1, 4]);
});

test('grid centres: row 0 at the top, by hand', () => {
  assert.deepEqual([...gridCentres({ xMin: 0, xMax: 2, yMin: -1, yMax: 1 }, 2)], [0.5, 0.5, 1.5, 0.5, 0.5, -0.5, 1.5, -0.5]);
});

test('the velocity grid is the network at the grid\'s centres, in the flow\'s coordinates, scaled back to the target\'s', () => {
  for (const [target, condition] of [[band('b', 3, 9), 0], [halves(), 1]] as const) {
    const { probe } = trained({}, target);
    const box = { xMin: -0.2, xMax: 1.2, yMin: -0.1, yMax: 1.1 };
    const t = 0.3;
    const grid = velocityGrid(probe, box, 5, t, condition);
    assert.equal(grid.vectors.length, 50);
    const here = gridCentres(box, 5);
    assert.deepEqual([...grid.points], [...here]);
    toFlowCoordinates(here, probe.coordinates);
    const rows = probe.conditionCount === 0 ? [25] : [0, 25];
    const velocity = new Float32Array(50);
    evaluateVelocity(probe.engine, probe.network, velocityInputWriter(probe.config), probe.conditionCount, rows, here, t, velocity);
    for (let i = 0; i < 50; i++) assert.ok(Math.abs(grid.vectors[i] - probe.coordinates.scale * velocity[i]) < 1e-6);
    assert.ok(grid.vectors.some((v) => Math.abs(v) > 1e-3), 'a trained network moves points');
  }
});
