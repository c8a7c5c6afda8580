// One training iteration of each speed preset, exactly as ../shared/bench/torch_gan2d.py does it,
// written with the engine's API; runPresetIterations times it on any Engine.
// Run alone: node dist/bench/engine-step.js [seed|small|large] [iterations]  (reference engine).
import { fileURLToPath } from 'node:url';
import { backward } from '../src/core/nn/autograd.js';
import { createReferenceEngine, type Engine } from '../src/core/nn/engine.js';
import { bce, bceWithLogits } from '../src/core/nn/losses.js';
import { Mlp } from '../src/core/nn/mlp.js';
import { add } from '../src/core/nn/ops/elementwise.js';
import { fillOneHot } from '../src/core/gan/generator-input.js';
import { splitBatch } from '../src/core/model/condition-split.js';
import { Adadelta } from '../src/core/nn/optimizers/adadelta.js';
import { Adam } from '../src/core/nn/optimizers/adam.js';
import type { Hyperparameters, Optimizer } from '../src/core/nn/optimizers/optimizer.js';
import { noGrad, Var } from '../src/core/nn/tape.js';
import { Rng } from '../src/core/rng.js';

export type Preset = 'seed' | 'small' | 'large';

/** Fills `out` (n×2, row-major) with n real samples. */
type RealSampler = (out: Float32Array, n: number, rng: Rng) => void;

/** 8 Gaussians of std 0.05 on a circle of radius 2 (the torch script's 'ring'). */
const ring: RealSampler = (out, n, rng) => {
  for (let i = 0; i < n; i++) {
    const angle = (rng.int(8) * 2 * Math.PI) / 8;
    out[2 * i] = 2 * Math.cos(angle) + 0.05 * rng.normal();
    out[2 * i + 1] = 2 * Math.sin(angle) + 0.05 * rng.normal();
  }
};

/** The two hard-edged discs on a 400×400 grid (y up): a uniform pixel inside, then a uniform point in it. */
function twoDiscs(): RealSampler {
  const size = 400;
  const inside: number[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = (col + 0.5) / size, y = (row + 0.5) / size;
      const first = (x - 0.34) ** 2 + (y - 0.637) ** 2 <= 0.176 ** 2;
      const second = (x - 0.687) ** 2 + (y - 0.302) ** 2 <= 0.111 ** 2;
      // A pixel in both discs has density 2: list it twice.
      if (first) inside.push(row * size + col);
      if (second) inside.push(row * size + col);
    }
  }
  return (out, n, rng) => {
    for (let i = 0; i < n; i++) {
      const pixel = inside[rng.int(inside.length)];
      out[2 * i] = ((pixel % size) + rng.uniform()) / size;
      out[2 * i + 1] = (Math.floor(pixel / size) + rng.uniform()) / size;
    }
  };
}

interface PresetSetup {
  g: Mlp;
  d: Mlp;
  gOptimizer: Optimizer<Hyperparameters>;
  dOptimizer: Optimizer<Hyperparameters>;
  loss: (output: Var, target: number) => Var;
  batch: number;
  dSteps: number;
  real: RealSampler;
  /** Conditions (0: a plain GAN); their one-hot columns follow z for G and the point for D, as the trainer does. */
  conditions: number;
  /** Rows per condition, equal shares of the batch (conditions > 0). */
  rowsPerCondition: number[];
}

function setUp(engine: Engine, preset: Preset, rng: Rng, conditions = 0): PresetSetup {
  const c = conditions;
  const rowsPerCondition = c > 0 ? splitBatch(preset === 'small' ? 512 : 2000, new Array<number>(c).fill(1)) : [];
  if (preset === 'seed') {
    const mlp = (sizes: number[]) =>
      new Mlp(engine, { sizes, hiddenActivation: 'leaky-relu', hiddenAlpha: 0.1, outputActivation: 'sigmoid' }, rng);
    const g = mlp([2 + c, 50, 2]), d = mlp([2 + c, 100, 1]);
    return {
      g, d, gOptimizer: new Adadelta(g.parameters(), { lr: 1 }), dOptimizer: new Adadelta(d.parameters(), { lr: 1 }),
      loss: bce, batch: 2000, dSteps: 3, real: twoDiscs(), conditions, rowsPerCondition,
    };
  }
  const hidden = preset === 'small' ? 128 : 512;
  const g = new Mlp(engine, { sizes: [2 + c, hidden, hidden, 2], hiddenActivation: 'relu', outputActivation: 'identity' }, rng);
  const d = new Mlp(engine, { sizes: [2 + c, hidden, hidden, 1], hiddenActivation: 'leaky-relu', hiddenAlpha: 0.2, outputActivation: 'identity' }, rng);
  const adam = (m: Mlp) => new Adam(m.parameters(), { lr: 1e-3, beta1: 0.5, beta2: 0.999 });
  return {
    g, d, gOptimizer: adam(g), dOptimizer: adam(d),
    loss: bceWithLogits, batch: preset === 'small' ? 512 : 2000, dSteps: 1, real: ring, conditions, rowsPerCondition,
  };
}

/** One iteration: dSteps D steps, then one G step with D frozen. Returns the last losses. */
function iteration(engine: Engine, setup: PresetSetup, rng: Rng): { dLoss: number; gLoss: number } {
  const { g, d, gOptimizer, dOptimizer, loss, batch, real, conditions, rowsPerCondition } = setup;
  const noise = (): Var => {
    const z = Var.scratch(engine, batch, 2);
    rng.fillNormal(z.value.data);
    return z;
  };
  /** The one-hot columns, made only when a gradient must be a recorded op (never here), as the trainer does. */
  let oneHot: Var | null = null;
  const newOneHot = (): void => {
    oneHot = null;
  };
  const oneHotMatrix = (): Var => {
    if (oneHot === null) {
      oneHot = Var.scratch(engine, batch, conditions);
      fillOneHot(oneHot.value.data, conditions, rowsPerCondition);
    }
    return oneHot;
  };
  // As the trainer does: the first layers take the condition rows of their weights (Mlp.forwardConditioned).
  const dForward = (points: Var): Var => (conditions === 0 ? d.forward(points) : d.forwardConditioned(points, oneHotMatrix, rowsPerCondition));
  const gForward = (z: Var): Var => (conditions === 0 ? g.forward(z) : g.forwardConditioned(z, oneHotMatrix, rowsPerCondition));
  let dLoss = NaN;
  for (let step = 0; step < setup.dSteps; step++) {
    engine.arena.reset();
    newOneHot();
    dOptimizer.zeroGrad();
    const fake = noGrad(() => gForward(noise()));
    const realBatch = Var.scratch(engine, batch, 2);
    real(realBatch.value.data, batch, rng);
    const total = add(loss(dForward(realBatch), 1), loss(dForward(fake), 0));
    dLoss = total.item();
    backward(total);
    dOptimizer.step();
  }
  engine.arena.reset();
  newOneHot();
  d.setRequiresGrad(false);
  gOptimizer.zeroGrad();
  const gTotal = loss(dForward(gForward(noise())), 1);
  const gLoss = gTotal.item();
  backward(gTotal);
  gOptimizer.step();
  d.setRequiresGrad(true);
  return { dLoss, gLoss };
}

/**
 * Builds the preset's networks on `engine` (seed 0), runs `warmup` untimed iterations, then
 * `iterations` timed ones; returns iterations per second. With `conditions` > 0, the same
 * iteration of a conditional GAN: a one-hot condition beside G's z and D's point. `clock`
 * (milliseconds) is wall time unless given: a one-thread engine can be timed by the CPU time
 * its process spends, which a busy machine's other processes do not add to.
 */
export function runPresetIterations(
  engine: Engine, preset: Preset, iterations: number, warmup = 5, conditions = 0, clock: () => number = () => performance.now(),
): number {
  const rng = new Rng(0);
  const setup = setUp(engine, preset, rng, conditions);
  for (let i = 0; i < warmup; i++) iteration(engine, setup, rng);
  const start = clock();
  for (let i = 0; i < iterations; i++) iteration(engine, setup, rng);
  return iterations / ((clock() - start) / 1000);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const preset = (process.argv[2] ?? 'small') as Preset;
  const iterations = Number(process.argv[3] ?? 20);
  const rate = runPresetIterations(createReferenceEngine(), preset, iterations);
  console.log(JSON.stringify({ engine: 'reference', preset, iterations, iters_per_second: Number(rate.toFixed(2)) }));
}
