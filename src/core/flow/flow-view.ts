/**
 * What a view shows of a flow, in the target's coordinates: the trajectories of fixed noise
 * points carried from t = 0 (noise) to t = 1 (the samples) by the run's own solver, the
 * points at any time between (read off the trajectories), and the velocity field at a time t
 * on a grid over the plane. Pure functions of a velocity network: they never change training.
 */
import type { Box } from '../density/placement.js';
import type { Engine } from '../nn/engine.js';
import type { Mlp } from '../nn/mlp.js';
import type { FlowConfig } from './config.js';
import { fromFlowCoordinates, toFlowCoordinates, type FlowCoordinates } from './coordinates.js';
import { evaluateVelocity } from './flow-model.js';
import { integrate, stepTimes, type OdeSpacing } from './ode.js';
import { velocityInputWriter } from './velocity-input.js';

/** The network and everything needed to read it in the target's coordinates. */
export interface FlowProbe {
  engine: Engine;
  network: Mlp;
  config: Pick<FlowConfig, 'fourierFeatures' | 'timeFeatures' | 'odeSolver' | 'odeSteps' | 'odeSpacing'>;
  coordinates: FlowCoordinates;
  conditionCount: number;
}

/**
 * Where each noise point (x, y interleaved, in the flow's coordinates, rows grouped by
 * condition as `rows` says) is after each of the config's solver steps: (steps + 1) blocks of
 * the points, block k at t = k / steps (block 0 the noise itself), in the target's coordinates.
 * The last block is what the run's sampling gives for the same noise.
 */
export function flowTrajectories(probe: FlowProbe, noise: Float32Array, rows: readonly number[]): Float32Array {
  const { engine, network, config, coordinates, conditionCount } = probe;
  const writer = velocityInputWriter(config);
  const steps = config.odeSteps;
  const block = noise.length;
  const paths = new Float32Array((steps + 1) * block);
  const x = noise.slice();
  paths.set(x, 0);
  integrate(config.odeSolver, (at, t, velocity) => {
    evaluateVelocity(engine, network, writer, conditionCount, rows, at, t, velocity);
  }, x, steps, (step, now) => paths.set(now, (step + 1) * block), config.odeSpacing);
  fromFlowCoordinates(paths, coordinates);
  return paths;
}

/**
 * The points at time t in [0, 1] along trajectories of `steps` steps placed as `spacing` says
 * (flowTrajectories' layout), linear in t between the solver's steps, into out (one block).
 */
export function pointsAtTime(paths: Float32Array, steps: number, t: number, out: Float32Array, spacing: OdeSpacing = 'uniform'): Float32Array {
  const block = paths.length / (steps + 1);
  if (!Number.isInteger(block) || out.length !== block) throw new RangeError(`pointsAtTime: ${paths.length} values are not ${steps + 1} blocks of ${out.length}`);
  const times = stepTimes(spacing, steps);
  const at = Math.min(1, Math.max(0, t));
  let k = 0;
  while (k < steps - 1 && times[k + 1] <= at) k++;
  const along = (at - times[k]) / (times[k + 1] - times[k]);
  const from = k * block;
  const to = from + block;
  for (let i = 0; i < block; i++) out[i] = (1 - along) * paths[from + i] + along * paths[to + i];
  return out;
}

/** A grid of arrows: the cell centres of a size × size grid over a box (row 0 at the top) and the velocity at each. */
export interface VelocityGrid {
  size: number;
  t: number;
  /** Cell centres, x, y interleaved, in the target's coordinates. */
  points: Float32Array;
  /** dp/dt at each centre, in the target's coordinates per unit of t. */
  vectors: Float32Array;
}

/** Centres of a size × size grid of cells over `box`, row by row from the top. */
export function gridCentres(box: Box, size: number): Float32Array {
  const points = new Float32Array(2 * size * size);
  const dx = (box.xMax - box.xMin) / size;
  const dy = (box.yMax - box.yMin) / size;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const i = 2 * (row * size + column);
      points[i] = box.xMin + (column + 0.5) * dx;
      points[i + 1] = box.yMax - (row + 0.5) * dy;
    }
  }
  return points;
}

/**
 * The velocity field at time t over a size × size grid on `box`, for one condition (ignored
 * by a plain flow). The network works in the flow's coordinates, u = (p − centre) / scale, so
 * in the target's dp/dt = scale · v(u, t).
 */
export function velocityGrid(probe: FlowProbe, box: Box, size: number, t: number, condition = 0): VelocityGrid {
  const { engine, network, config, coordinates, conditionCount } = probe;
  const points = gridCentres(box, size);
  const count = size * size;
  const inFlow = points.slice();
  toFlowCoordinates(inFlow, coordinates);
  const rows = conditionCount === 0 ? [count] : Array.from({ length: conditionCount }, (_, c) => (c === condition ? count : 0));
  const vectors = new Float32Array(2 * count);
  evaluateVelocity(engine, network, velocityInputWriter(config), conditionCount, rows, inFlow, t, vectors);
  for (let i = 0; i < vectors.length; i++) vectors[i] *= coordinates.scale;
  return { size, t, points, vectors };
}
