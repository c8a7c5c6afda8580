// Optimizer steps against their published update rules, written out here in float64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/core/errors.js';
import type { Engine } from '../../../src/core/nn/engine.js';
import { Adadelta } from '../../../src/core/nn/optimizers/adadelta.js';
import { Adam } from '../../../src/core/nn/optimizers/adam.js';
import type { Hyperparameters, Optimizer, OptimizerState } from '../../../src/core/nn/optimizers/optimizer.js';
import { Rmsprop } from '../../../src/core/nn/optimizers/rmsprop.js';
import { Sgd } from '../../../src/core/nn/optimizers/sgd.js';
import { Var } from '../../../src/core/nn/tape.js';
import { referenceEngine, Rng } from '../../support/nn.js';

const engine = referenceEngine();
const STEPS = 6;

/** One rule in float64: updates p in place given g, keeping its own state; t counts from 1. */
type Rule = (p: Float64Array, g: Float64Array, t: number) => void;

function parameters(target: Engine, rng: Rng): Var[] {
  return [[2, 3], [1, 3]].map(([rows, cols]) => {
    const parameter = Var.parameter(target, rows, cols);
    for (let i = 0; i < parameter.value.size; i++) parameter.value.data[i] = rng.uniform() * 2 - 1;
    return parameter;
  });
}

/** Steps `optimizer` and `rule` side by side on the same seeded gradients; params must agree each step. */
function compare(makeOptimizer: (params: Var[]) => Optimizer<Hyperparameters>, makeRule: () => Rule): void {
  const rng = new Rng(5);
  const params = parameters(engine, rng);
  const optimizer = makeOptimizer(params);
  const exact = params.map((p) => Float64Array.from(p.value.data));
  const rules = params.map(() => makeRule());
  for (let t = 1; t <= STEPS; t++) {
    params.forEach((parameter, i) => {
      const g = Float64Array.from({ length: parameter.value.size }, () => Math.fround(rng.normal()));
      parameter.grad!.data.set(g);
      rules[i](exact[i], g, t);
    });
    optimizer.step();
    params.forEach((parameter, i) => parameter.value.data.forEach((value, j) => {
      const want = exact[i][j];
      assert.ok(Math.abs(value - want) <= 1e-6 * Math.max(1, Math.abs(want)), `step ${t}, parameter ${i}[${j}]: ${value} vs ${want}`);
    }));
  }
  assert.equal(optimizer.stepCount, STEPS);
}

const sgdRule = (lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: boolean) => (): Rule => {
  let buffer: Float64Array | null = null;
  return (p, g) => {
    const d = g.map((gi, i) => gi + weightDecay * p[i]);
    if (momentum !== 0) {
      buffer = buffer === null ? Float64Array.from(d) : buffer.map((b, i) => momentum * b + (1 - dampening) * d[i]);
      const b = buffer;
      d.forEach((di, i) => { d[i] = nesterov ? di + momentum * b[i] : b[i]; });
    }
    p.forEach((pi, i) => { p[i] = pi - lr * d[i]; });
  };
};

test('SGD, plain', () => compare((ps) => new Sgd(ps, { lr: 0.1 }), sgdRule(0.1, 0, 0, 0, false)));
test('SGD with momentum, dampening and weight decay', () =>
  compare((ps) => new Sgd(ps, { lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 }), sgdRule(0.05, 0.9, 0.3, 0.01, false)));
test('SGD with Nesterov momentum', () =>
  compare((ps) => new Sgd(ps, { lr: 0.05, momentum: 0.8, nesterov: true }), sgdRule(0.05, 0.8, 0, 0, true)));

const adamRule = (lr: number, beta1: number, beta2: number, eps: number, weightDecay: number) => (): Rule => {
  let m: Float64Array | null = null, v: Float64Array | null = null;
  return (p, g, t) => {
    m ??= new Float64Array(p.length);
    v ??= new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] + weightDecay * p[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      const mHat = m[i] / (1 - beta1 ** t);
      const vHat = v[i] / (1 - beta2 ** t);
      p[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  };
};

test('Adam with its defaults', () => compare((ps) => new Adam(ps), adamRule(1e-3, 0.9, 0.999, 1e-8, 0)));
test('Adam with GAN betas, a larger lr and weight decay', () =>
  compare((ps) => new Adam(ps, { lr: 0.05, beta1: 0.5, beta2: 0.999, weightDecay: 0.1 }), adamRule(0.05, 0.5, 0.999, 1e-8, 0.1)));

const rmspropRule = (lr: number, alpha: number, eps: number, weightDecay: number, momentum: number) => (): Rule => {
  let square: Float64Array | null = null, buffer: Float64Array | null = null;
  return (p, g) => {
    square ??= new Float64Array(p.length);
    buffer ??= new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] + weightDecay * p[i];
      square[i] = alpha * square[i] + (1 - alpha) * gi * gi;
      const step = gi / (Math.sqrt(square[i]) + eps);
      if (momentum > 0) {
        buffer[i] = momentum * buffer[i] + step;
        p[i] -= lr * buffer[i];
      } else {
        p[i] -= lr * step;
      }
    }
  };
};

test('RMSprop with its defaults', () => compare((ps) => new Rmsprop(ps), rmspropRule(1e-2, 0.99, 1e-8, 0, 0)));
test('RMSprop with momentum and weight decay', () =>
  compare((ps) => new Rmsprop(ps, { lr: 0.01, alpha: 0.9, momentum: 0.5, weightDecay: 0.05 }), rmspropRule(0.01, 0.9, 1e-8, 0.05, 0.5)));

const adadeltaRule = (lr: number, rho: number, eps: number, weightDecay: number) => (): Rule => {
  let square: Float64Array | null = null, delta: Float64Array | null = null;
  return (p, g) => {
    square ??= new Float64Array(p.length);
    delta ??= new Float64Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] + weightDecay * p[i];
      square[i] = rho * square[i] + (1 - rho) * gi * gi;
      const update = (Math.sqrt(delta[i] + eps) / Math.sqrt(square[i] + eps)) * gi;
      delta[i] = rho * delta[i] + (1 - rho) * update * update;
      p[i] -= lr * update;
    }
  };
};

test('Adadelta with its defaults (lr 1, rho 0.9, eps 1e-6)', () => compare((ps) => new Adadelta(ps), adadeltaRule(1, 0.9, 1e-6, 0)));
test('Adadelta with weight decay', () =>
  compare((ps) => new Adadelta(ps, { lr: 0.5, rho: 0.95, weightDecay: 0.2 }), adadeltaRule(0.5, 0.95, 1e-6, 0.2)));

test("defaults are PyTorch's", () => {
  const ps = parameters(engine, new Rng(1));
  assert.deepEqual(new Sgd(ps).options, { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false });
  assert.deepEqual(new Adam(ps).options, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
  assert.deepEqual(new Rmsprop(ps).options, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0 });
  assert.deepEqual(new Adadelta(ps).options, { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 });
});

const MAKERS: [string, (ps: Var[]) => Optimizer<Hyperparameters>][] = [
  ['sgd', (ps) => new Sgd(ps, { lr: 0.1, momentum: 0.9 })],
  ['adam', (ps) => new Adam(ps, { lr: 0.01, beta1: 0.5 })],
  ['rmsprop', (ps) => new Rmsprop(ps, { momentum: 0.3 })],
  ['adadelta', (ps) => new Adadelta(ps)],
];

for (const [kind, make] of MAKERS) {
  test(`${kind}: state saved as JSON mid-run resumes bit for bit`, () => {
    const rng = new Rng(9);
    const grads = Array.from({ length: 6 }, () => [6, 3].map((n) => Array.from({ length: n }, () => rng.normal())));
    const a = parameters(engine, new Rng(2));
    const optimizerA = make(a);
    const run = (params: Var[], optimizer: Optimizer<Hyperparameters>, from: number, to: number) => {
      for (let t = from; t < to; t++) {
        params.forEach((p, i) => p.grad!.data.set(grads[t][i]));
        optimizer.step();
      }
    };
    run(a, optimizerA, 0, 3);
    const saved = JSON.parse(JSON.stringify({ params: a.map((p) => p.toArray()), state: optimizerA.state() }));
    const b = parameters(engine, new Rng(3));
    b.forEach((p, i) => p.value.data.set(saved.params[i]));
    const optimizerB = make(b);
    optimizerB.options.lr = 123; // overwritten by the saved hyperparameters
    optimizerB.loadState(saved.state as OptimizerState);
    assert.equal(optimizerB.stepCount, 3);
    run(a, optimizerA, 3, 6);
    run(b, optimizerB, 3, 6);
    a.forEach((p, i) => assert.deepEqual(b[i].toArray(), p.toArray()));
    assert.deepEqual(optimizerB.state(), optimizerA.state());
  });
}

test('loading a state of another kind or shape is a UserError naming the problem', () => {
  const ps = parameters(engine, new Rng(4));
  const adam = new Adam(ps);
  adam.step();
  const state = adam.state();
  assert.throws(() => new Sgd(ps).loadState(state), (e: unknown) => e instanceof UserError && /state of "adam"/.test(e.message));
  const short = { ...state, buffers: { ...state.buffers, m: [state.buffers.m[0].slice(1), state.buffers.m[1]] } };
  assert.throws(() => new Adam(ps).loadState(short), (e: unknown) => e instanceof UserError && /buffer m, parameter 0: 5 values, expected 6/.test(e.message));
  assert.throws(() => new Adam(ps, { lr: -1 }), (e: unknown) => e instanceof UserError && /lr must be >= 0/.test(e.message));
  assert.throws(() => new Sgd(ps, { nesterov: true }), /Nesterov momentum needs momentum > 0/);
});
