/**
 * D's calibration before a D-correction: its last layer refit by logistic regression on fresh
 * real points against the generating G's points, every hidden layer frozen, or all of D trained
 * on for a while as a plain classifier (Azadi et al. 2019
 * and Turner et al. 2019 both recalibrate D before sampling). Two reasons here: the generating
 * G is the moving average of the trained one (--ema-decay), which D never saw; and R1 with the
 * learning rate decayed to 0 leaves D near-constant at the end of a run (its logits span about
 * 1e-4 on a quality-recipe picture), a ratio estimate of 1 everywhere that corrects nothing;
 * its features are then near-constant too, and only a refit of all of D separates real from G.
 * Fresh batches each step: the fit cannot memorise points, only the best ratio D's features span.
 */
import { backward } from '../nn/autograd.js';
import type { Engine } from '../nn/engine.js';
import { bceWithLogits } from '../nn/losses.js';
import type { Mlp } from '../nn/mlp.js';
import { add } from '../nn/ops/elementwise.js';
import { Adam } from '../nn/optimizers/adam.js';
import { Var } from '../nn/tape.js';
import { forwardByCondition } from './generator-input.js';

/** Which of D's layers a refit trains: the last (a logistic fit on D's features), or all of them. */
export type RefitLayers = (typeof REFIT_LAYERS)[number];

export interface RefitOptions {
  layers: RefitLayers;
  steps: number;
  /** Real points and G's points per step, split between conditions by `rowsPerCondition`. */
  rowsPerCondition: readonly number[];
  lr: number;
}

export const REFIT_LAYERS = ['last', 'all'] as const;

/**
 * Per refit, steps of 2 × 1,024 fresh points: the last layer alone, a logistic fit of 65 weights,
 * at a large rate; all of D as training trained it (Adam 1e-3), long enough to turn a flat D into
 * a classifier (zig.png, seed 1: BCE from 0.6931 to 0.583 in 1,000 steps).
 */
export const REFIT_SETTINGS: Readonly<Record<RefitLayers, { steps: number; lr: number }>> = {
  last: { steps: 400, lr: 0.01 },
  all: { steps: 1000, lr: 0.001 },
};
export const REFIT_BATCH = 1024;

/**
 * Refits `discriminator`'s last layer (or all of it) in place so that its output is the logit of
 * real against G, by cross-entropy without any penalty. `real` and `fake` fill a batch, condition blocks in order.
 */
export function refitDiscriminator(
  engine: Engine, discriminator: Mlp, conditionCount: number,
  real: (rowsPerCondition: readonly number[], out: Float32Array) => void,
  fake: (rowsPerCondition: readonly number[]) => Float32Array,
  options: RefitOptions,
): void {
  const parameters = discriminator.parameters();
  const trained = options.layers === 'all' ? parameters : parameters.slice(-2);
  const frozen = options.layers === 'all' ? [] : parameters.slice(0, -2);
  for (const parameter of frozen) parameter.requiresGrad = false;
  const optimizer = new Adam(trained, { lr: options.lr, beta1: 0.5, beta2: 0.9 });
  const rows = options.rowsPerCondition.reduce((a, b) => a + b, 0);
  const discriminate = (x: Var): Var => forwardByCondition(engine, discriminator, x, conditionCount, options.rowsPerCondition);
  try {
    for (let step = 0; step < options.steps; step++) {
      // A spectrally normalised D keeps its σ estimates following the weights it is refit to, as in training.
      discriminator.spectralNorm?.powerStep();
      const points = fake(options.rowsPerCondition);
      const mark = engine.arena.mark();
      try {
        const realPoints = Var.scratch(engine, rows, 2);
        real(options.rowsPerCondition, realPoints.value.data);
        const fakePoints = Var.from(engine, rows, 2, points);
        const loss = add(bceWithLogits(discriminate(realPoints), 1), bceWithLogits(discriminate(fakePoints), 0));
        optimizer.zeroGrad();
        backward(loss, { inputs: trained });
        optimizer.step();
      } finally {
        engine.arena.release(mark);
      }
    }
  } finally {
    for (const parameter of frozen) parameter.requiresGrad = true;
  }
}
