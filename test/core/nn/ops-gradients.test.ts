// Every op and loss: the tape's gradient against float64 central differences of the float32 forward.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivationName } from '../../../src/core/nn/activations.js';
import { activationCode, defaultAlpha } from '../../../src/core/nn/activations.js';
import { backward, grad } from '../../../src/core/nn/autograd.js';
import * as losses from '../../../src/core/nn/losses.js';
import * as ops from '../../../src/core/nn/ops/index.js';
import { Var } from '../../../src/core/nn/tape.js';
import {
  assertMatchesFiniteDifferences, type Input, inputAwayFromZero, randomInput, referenceEngine, Rng, type ScalarFunction, tapeGradients,
} from '../../support/nn.js';

const engine = referenceEngine();

/** Σ out ⊙ w for fixed weights w, so a matrix-valued op becomes a scalar that depends on every output. */
function weightedSum(out: Var, seed: number): Var {
  const rng = new Rng(seed, 99);
  const weights = Array.from({ length: out.value.size }, () => rng.uniform() * 2 - 1);
  return ops.sum(ops.mul(out, Var.from(out.engine, out.rows, out.cols, weights)));
}

function check(name: string, f: ScalarFunction, inputs: Input[], options = {}): void {
  test(name, () => assertMatchesFiniteDifferences(engine, f, inputs, tapeGradients(engine, f, inputs), options));
}

const rng = new Rng(20240601);
const ACTIVATIONS: ActivationName[] = ['identity', 'relu', 'leaky-relu', 'elu', 'tanh', 'sigmoid'];

for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
  const [m, k, n] = [3, 4, 5];
  const a = transA ? randomInput(rng, k, m) : randomInput(rng, m, k);
  const b = transB ? randomInput(rng, n, k) : randomInput(rng, k, n);
  check(`matmul transA=${transA} transB=${transB}`, ([x, y]) => weightedSum(ops.matmul(x, y, transA, transB), 1), [a, b]);
}

for (const name of ACTIVATIONS) {
  check(`activation ${name}`, ([x]) => weightedSum(ops.activation(x, name, name === 'leaky-relu' ? 0.2 : defaultAlpha(name)), 2),
    [inputAwayFromZero(rng, 3, 4, 0.05, 2)]);
}

/** y values an activation can produce, away from the ReLU-likes' kink. */
function activationOutputs(name: ActivationName): Input {
  if (name === 'tanh') return randomInput(rng, 3, 4, -0.9, 0.9);
  if (name === 'sigmoid') return randomInput(rng, 3, 4, 0.05, 0.95);
  if (name === 'elu') return inputAwayFromZero(rng, 3, 4, 0.05, 0.9);
  return inputAwayFromZero(rng, 3, 4, 0.05, 2);
}

for (const name of ACTIVATIONS) {
  const code = activationCode(name);
  check(`activationGrad ${name} (dy and y)`, ([dy, y]) => weightedSum(ops.activationGrad(dy, y, code, 0.3), 3),
    [randomInput(rng, 3, 4), activationOutputs(name)]);
}

/** Smallest |x·W + b| over a 4×3 · 3×5 layer. */
function smallestPreActivation(x: Input, w: Input, b: Input): number {
  let smallest = Infinity;
  for (let r = 0; r < 4; r++) for (let c = 0; c < 5; c++) {
    let z = b.values[c];
    for (let p = 0; p < 3; p++) z += x.values[r * 3 + p] * w.values[p * 5 + c];
    smallest = Math.min(smallest, Math.abs(z));
  }
  return smallest;
}

for (const name of ACTIVATIONS) {
  // Drawn until every pre-activation is at least 0.02 from 0, so ±h (1e-3) never crosses a kink.
  let x: Input, w: Input, b: Input;
  do {
    x = randomInput(rng, 4, 3); w = randomInput(rng, 3, 5); b = randomInput(rng, 1, 5);
  } while (smallestPreActivation(x, w, b) < 0.02);
  check(`dense ${name}`, ([xv, wv, bv]) => weightedSum(ops.dense(xv, wv, bv, name, name === 'leaky-relu' ? 0.2 : defaultAlpha(name)), 4), [x, w, b]);
}
check('dense without bias', ([x, w]) => weightedSum(ops.dense(x, w, null, 'tanh'), 5), [randomInput(rng, 4, 3), randomInput(rng, 3, 2)]);

const SHAPES: [string, number, number][] = [['same', 3, 4], ['row', 1, 4], ['column', 3, 1], ['scalar', 1, 1]];
for (const [label, rows, cols] of SHAPES) {
  const positive = () => randomInput(rng, rows, cols, 0.5, 2);
  check(`add with a ${label} operand`, ([a, b]) => weightedSum(ops.add(a, b), 6), [randomInput(rng, 3, 4), randomInput(rng, rows, cols)]);
  check(`sub with a ${label} operand first`, ([a, b]) => weightedSum(ops.sub(b, a), 7), [randomInput(rng, 3, 4), randomInput(rng, rows, cols)]);
  check(`mul with a ${label} operand`, ([a, b]) => weightedSum(ops.mul(a, b), 8), [randomInput(rng, 3, 4), randomInput(rng, rows, cols)]);
  check(`div by a ${label} operand`, ([a, b]) => weightedSum(ops.div(a, b), 9), [randomInput(rng, 3, 4), positive()]);
}

check('scale', ([x]) => weightedSum(ops.scale(x, -2.5), 10), [randomInput(rng, 2, 3)]);
check('addScalar', ([x]) => weightedSum(ops.addScalar(x, 0.7), 11), [randomInput(rng, 2, 3)]);
check('square', ([x]) => weightedSum(ops.square(x), 12), [randomInput(rng, 2, 3)]);
check('sqrt', ([x]) => weightedSum(ops.sqrt(x), 13), [randomInput(rng, 2, 3, 0.2, 2)]);
check('exp', ([x]) => weightedSum(ops.exp(x), 14), [randomInput(rng, 2, 3)]);
check('log', ([x]) => weightedSum(ops.log(x), 15), [randomInput(rng, 2, 3, 0.2, 2)]);
check('clampMin', ([x]) => weightedSum(ops.clampMin(x, 0.1), 16), [inputAwayFromZero(rng, 2, 3, 0.2)]);
check('sum', ([x]) => ops.sum(ops.square(x)), [randomInput(rng, 3, 4)]);
check('mean', ([x]) => ops.mean(ops.square(x)), [randomInput(rng, 3, 4)]);
check('columnSums', ([x]) => weightedSum(ops.columnSums(x), 17), [randomInput(rng, 3, 4)]);
check('rowSums', ([x]) => weightedSum(ops.rowSums(x), 18), [randomInput(rng, 3, 4)]);
check('broadcastTo from a row', ([x]) => weightedSum(ops.broadcastTo(x, 3, 4), 19), [randomInput(rng, 1, 4)]);
check('broadcastTo from a column', ([x]) => weightedSum(ops.broadcastTo(x, 3, 4), 20), [randomInput(rng, 3, 1)]);
check('concatColumns', ([a, b, c]) => weightedSum(ops.concatColumns([a, b, c]), 21),
  [randomInput(rng, 3, 2), randomInput(rng, 3, 1), randomInput(rng, 3, 3)]);
check('sliceColumns', ([x]) => weightedSum(ops.sliceColumns(x, 1, 2), 22), [randomInput(rng, 3, 4)]);
check('concatRows', ([a, b]) => weightedSum(ops.concatRows([a, b]), 23), [randomInput(rng, 2, 3), randomInput(rng, 3, 3)]);
check('sliceRows', ([x]) => weightedSum(ops.sliceRows(x, 1, 2), 24), [randomInput(rng, 4, 3)]);
check('reshape (3 points of 2 packed into one row of 6)', ([x]) => weightedSum(ops.reshape(x, 2, 6), 25), [randomInput(rng, 6, 2)]);

test('reshape reads the values row-major and refuses a size that does not match', () => {
  engine.arena.reset();
  const x = Var.from(engine, 4, 2, [1, 2, 3, 4, 5, 6, 7, 8]);
  const packed = ops.reshape(x, 2, 4);
  assert.deepEqual([packed.rows, packed.cols, ...packed.toArray()], [2, 4, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.throws(() => ops.reshape(x, 3, 3), /reshape: a 4×2 matrix cannot be read as 3×3/);
});

check('bce on probabilities, target 1', ([p]) => losses.bce(p, 1), [randomInput(rng, 6, 1, 0.05, 0.95)]);
check('bce on probabilities, target 0.3', ([p]) => losses.bce(p, 0.3), [randomInput(rng, 6, 1, 0.05, 0.95)]);
for (const target of [0, 1, 0.3]) {
  check(`bceWithLogits, target ${target}`, ([x]) => losses.bceWithLogits(x, target), [randomInput(rng, 6, 1, -4, 4)]);
}
check('mse against a Var', ([a, b]) => losses.mse(a, b), [randomInput(rng, 4, 2), randomInput(rng, 4, 2)]);
check('mse against a number', ([a]) => losses.mse(a, 0.5), [randomInput(rng, 4, 2)]);
// The GAN's objectives built on these (hinge, Wasserstein...) are checked in test/core/gan/gan-losses.test.ts.

test('losses have the values of their formulas', () => {
  engine.arena.reset();
  const p = [0.2, 0.9, 0.6], x = [-3, 0.5, 40];
  const probabilities = Var.from(engine, 3, 1, p), logits = Var.from(engine, 3, 1, x);
  const close = (got: number, want: number) => assert.ok(Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want)), `${got} vs ${want}`);
  close(losses.bce(probabilities, 1).item(), -(Math.log(0.2) + Math.log(0.9) + Math.log(0.6)) / 3);
  close(losses.bceWithLogits(logits, 0).item(), x.reduce((s, v) => s + Math.log(1 + Math.exp(v)), 0) / 3);
  close(losses.bceWithLogits(logits, 1).item(), x.reduce((s, v) => s + Math.log(1 + Math.exp(-v)), 0) / 3);
  // Saturated probabilities: PyTorch's floor of -100 on the log keeps the loss finite.
  close(losses.bce(Var.from(engine, 2, 1, [0, 1]), 1).item(), 50);
  // Large logits do not overflow.
  close(losses.bceWithLogits(Var.from(engine, 1, 1, [1000]), 0).item(), 1000);
});

test('backward() accumulates into .grad what grad() returns, and skips leaves that do not require grad', () => {
  const x = randomInput(rng, 5, 3), w = randomInput(rng, 3, 4), b = randomInput(rng, 1, 4);
  engine.arena.reset();
  const weight = Var.parameter(engine, 3, 4), bias = Var.parameter(engine, 1, 4), head = Var.parameter(engine, 4, 1);
  weight.value.data.set(w.values); bias.value.data.set(b.values); head.value.data.set([0.5, -0.25, 1, 0.75]);
  const input = Var.from(engine, 5, 3, x.values, true);
  const loss = () => losses.bceWithLogits(ops.dense(ops.dense(input, weight, bias, 'tanh'), head, null), 1);
  const expected = grad([loss()], [input, weight, bias, head]).map((g) => g.toArray());
  backward(loss());
  backward(loss()); // twice: gradients add up
  assert.deepEqual(input.grad!.toArray(), expected[0].map((v) => Math.fround(2 * v)));
  assert.deepEqual(weight.grad!.toArray(), expected[1].map((v) => Math.fround(2 * v)));
  assert.deepEqual(bias.grad!.toArray(), expected[2].map((v) => Math.fround(2 * v)));
  assert.deepEqual(head.grad!.toArray(), expected[3].map((v) => Math.fround(2 * v)));
  // With the first layer frozen, its gradients stay untouched and the rest are unchanged.
  weight.grad!.data.fill(0); bias.grad!.data.fill(0); head.grad!.data.fill(0);
  weight.requiresGrad = false;
  bias.requiresGrad = false;
  backward(loss());
  assert.ok(weight.grad!.data.every((v) => v === 0));
  assert.ok(bias.grad!.data.every((v) => v === 0));
  assert.deepEqual(head.grad!.toArray(), expected[3]);
  // Only the leaves asked for.
  head.grad!.data.fill(0);
  weight.requiresGrad = bias.requiresGrad = true;
  backward(loss(), { inputs: [bias] });
  assert.deepEqual(bias.grad!.toArray(), expected[2]);
  assert.ok(head.grad!.data.every((v) => v === 0));
});

test('backward() refuses a loss that depends on nothing trainable; grad() gives zeros for unused inputs', () => {
  engine.arena.reset();
  const constant = Var.from(engine, 2, 1, [1, 2]);
  assert.throws(() => backward(ops.mean(constant)), /does not depend on anything that requires grad/);
  const used = Var.from(engine, 2, 1, [1, 2], true), unused = Var.from(engine, 1, 3, [1, 2, 3], true);
  const [gUsed, gUnused] = grad([ops.sum(ops.square(used))], [used, unused]);
  assert.deepEqual(gUsed.toArray(), [2, 4]);
  assert.deepEqual(gUnused.toArray(), [0, 0, 0]);
  assert.throws(() => grad([ops.sum(used)], [constant]), /input 0 does not require grad/);
  assert.throws(() => ops.matmul(used, used), /inner sizes differ/);
  assert.throws(() => ops.add(Var.full(engine, 2, 3, 0), Var.full(engine, 3, 2, 0)), /do not broadcast/);
});

test('grad() weights several outputs by gradOutputs; backward() fills .grad of leaves that are not parameters', () => {
  engine.arena.reset();
  const x = Var.from(engine, 3, 2, [1, -2, 0.5, 3, -1, 2], true);
  const w = Var.from(engine, 2, 2, [0.5, -1, 2, 0.25], true);
  const first = ops.dense(x, w, null, 'tanh'), second = ops.sum(ops.square(x));
  const weights = Var.from(engine, 3, 2, [1, 2, 3, 4, 5, 6]), half = Var.from(engine, 1, 1, [0.5]);
  const [combined] = grad([first, second], [x], { gradOutputs: [weights, half] });
  const [fromFirst] = grad([ops.sum(ops.mul(first, weights))], [x]);
  const [fromSecond] = grad([second], [x]);
  combined.toArray().forEach((v, i) => assert.ok(Math.abs(v - (fromFirst.toArray()[i] + 0.5 * fromSecond.toArray()[i])) < 1e-6));
  const [expectedW] = grad([ops.mean(first)], [w]);
  backward(ops.mean(first));
  assert.deepEqual(w.grad!.toArray(), expectedW.toArray());
  assert.throws(() => grad([first], [x], { gradOutputs: [half] }), /gradOutputs\[0\] is 1×1, output is 3×2/);
});
