// Gradient penalties: d/dθ of a function of ∂D(x)/∂x, from differentiating through the backward
// pass, against central differences of the first-order gradient that the tape computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivationName } from '../../../src/core/nn/activations.js';
import { backward, grad } from '../../../src/core/nn/autograd.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import * as ops from '../../../src/core/nn/ops/index.js';
import { Var } from '../../../src/core/nn/tape.js';
import { assertMatchesFiniteDifferences, type Input, randomInput, referenceEngine, Rng, type ScalarFunction } from '../../support/nn.js';

const engine = referenceEngine();
const SIZES = [2, 5, 4, 1];

/** D's output per row: dense layers with the given activations. */
function discriminator(x: Var, params: Var[], hidden: ActivationName, output: ActivationName): Var {
  let h = x;
  for (let layer = 0; layer < SIZES.length - 1; layer++) {
    const last = layer === SIZES.length - 2;
    h = ops.dense(h, params[2 * layer], params[2 * layer + 1], last ? output : hidden, last ? 0 : 0.2);
  }
  return h;
}

type Penalty = 'r1' | 'wgan-gp';

/** R1: mean ||∂D/∂x||²; WGAN-GP: mean (||∂D/∂x|| - 1)², both from grad(..., createGraph). */
function penalty(points: Input, hidden: ActivationName, output: ActivationName, kind: Penalty): ScalarFunction {
  return (params) => {
    const x = Var.from(engine, points.rows, points.cols, points.values, true);
    const [gradient] = grad([discriminator(x, params, hidden, output)], [x], { createGraph: true });
    const squaredNorms = ops.rowSums(ops.square(gradient));
    if (kind === 'r1') return ops.mean(squaredNorms);
    return ops.mean(ops.square(ops.addScalar(ops.sqrt(squaredNorms), -1)));
  };
}

function parameterInputs(rng: Rng): Input[] {
  const inputs: Input[] = [];
  for (let layer = 0; layer < SIZES.length - 1; layer++) {
    inputs.push(randomInput(rng, SIZES[layer], SIZES[layer + 1]), randomInput(rng, 1, SIZES[layer + 1]));
  }
  return inputs;
}

/** Smallest |hidden output| of D on the points (for LeakyReLU: 0.2·|pre-activation| or more). */
function smallestHiddenOutput(points: Input, params: Input[], hidden: ActivationName): number {
  engine.arena.reset();
  let h = Var.from(engine, points.rows, points.cols, points.values);
  let smallest = Infinity;
  for (let layer = 0; layer < SIZES.length - 2; layer++) {
    const w = Var.from(engine, params[2 * layer].rows, params[2 * layer].cols, params[2 * layer].values);
    const b = Var.from(engine, 1, params[2 * layer + 1].cols, params[2 * layer + 1].values);
    h = ops.dense(h, w, b, hidden, 0.2);
    for (const v of h.value.data) smallest = Math.min(smallest, Math.abs(v));
  }
  return smallest;
}

function tapeGradient(f: ScalarFunction, inputs: Input[]): number[][] {
  engine.arena.reset();
  const leaves = inputs.map((input) => Var.from(engine, input.rows, input.cols, input.values, true));
  return grad([f(leaves)], leaves).map((g) => g.toArray());
}

const CASES: [ActivationName, ActivationName, Penalty][] = [
  ['tanh', 'sigmoid', 'r1'],
  ['elu', 'identity', 'r1'],
  ['sigmoid', 'tanh', 'wgan-gp'],
  ['leaky-relu', 'identity', 'r1'],
  ['leaky-relu', 'identity', 'wgan-gp'],
];

for (const [hidden, output, kind] of CASES) {
  test(`${kind} penalty through ${hidden} hidden layers and a ${output} output: second order`, () => {
    const rng = new Rng(7, hidden.length * 10 + output.length);
    let points: Input, params: Input[];
    do { // kinks of LeakyReLU stay farther than the perturbation can move them
      points = randomInput(rng, 6, 2, -1.5, 1.5);
      params = parameterInputs(rng);
    } while (hidden === 'leaky-relu' && smallestHiddenOutput(points, params, hidden) < 0.01);
    const f = penalty(points, hidden, output, kind);
    const analytic = tapeGradient(f, params);
    assert.ok(analytic.some((g) => g.some((v) => Math.abs(v) > 1e-3)), 'the penalty depends on the parameters');
    assertMatchesFiniteDifferences(engine, f, params, analytic);
  });
}

test('R1 on points packed in pairs (PacGAN) through a reshape: second order', () => {
  // D sees 3 rows of 2 points each (4 columns); R1 differentiates with respect to the 6 points.
  const rng = new Rng(13);
  const points = randomInput(rng, 6, 2, -1.5, 1.5);
  const params = [randomInput(rng, 4, 5), randomInput(rng, 1, 5), randomInput(rng, 5, 1), randomInput(rng, 1, 1)];
  const f: ScalarFunction = ([w1, b1, w2, b2]) => {
    const x = Var.from(engine, 6, 2, points.values, true);
    const out = ops.dense(ops.dense(ops.reshape(x, 3, 4), w1, b1, 'tanh', 0), w2, b2, 'identity', 0);
    const [gradient] = grad([out], [x], { createGraph: true });
    assert.equal(gradient.rows, 6);
    return ops.mean(ops.rowSums(ops.square(gradient)));
  };
  const analytic = tapeGradient(f, params);
  assert.ok(analytic.some((g) => g.some((v) => Math.abs(v) > 1e-3)), 'the penalty depends on the parameters');
  assertMatchesFiniteDifferences(engine, f, params, analytic);
});

test('backward() on loss + R1 through an MLP accumulates the gradients grad() gives', () => {
  const rng = new Rng(11);
  const d = new Mlp(engine, { sizes: SIZES, hiddenActivation: 'tanh', outputActivation: 'identity' }, rng);
  const points = randomInput(rng, 8, 2);
  const total = () => {
    const x = Var.from(engine, 8, 2, points.values, true);
    const out = d.forward(x);
    const [gx] = grad([out], [x], { createGraph: true });
    return ops.add(ops.mean(out), ops.scale(ops.mean(ops.rowSums(ops.square(gx))), 5));
  };
  engine.arena.reset();
  const expected = grad([total()], d.parameters()).map((g) => g.toArray());
  d.zeroGrad();
  backward(total());
  // Equal up to the order in which the contributions of the two paths are summed (float32).
  d.parameters().forEach((parameter, i) => parameter.grad!.toArray().forEach((v, j) => {
    assert.ok(Math.abs(v - expected[i][j]) <= 4 * 2 ** -23 * Math.max(Math.abs(expected[i][j]), 1e-2), `${v} vs ${expected[i][j]}`);
  }));
  assert.ok(expected.some((g) => g.some((v) => v !== 0)));
});

test('third order: the gradient of a second derivative matches differences of the second derivative', () => {
  // f(x) = Σ tanh(x·w); g = d²f/dx² · 1 computed by grad twice with createGraph, then d/dw by the tape.
  const points = randomInput(new Rng(3), 4, 1);
  const f: ScalarFunction = ([w]) => {
    const x = Var.from(engine, 4, 1, points.values, true);
    const [first] = grad([ops.activation(ops.matmul(x, w), 'tanh')], [x], { createGraph: true });
    const [second] = grad([first], [x], { createGraph: true });
    return ops.sum(second);
  };
  const w = { rows: 1, cols: 1, values: [Math.fround(0.8)] };
  assertMatchesFiniteDifferences(engine, f, [w], tapeGradient(f, [w]));
});
