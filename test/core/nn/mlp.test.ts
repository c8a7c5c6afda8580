// The MLP: initialisation, forward against a float64 computation, determinism, exact serialisation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/core/errors.js';
import { activate } from '../../../src/core/nn/activations.js';
import { backward } from '../../../src/core/nn/autograd.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { ActivationCode } from '../../../src/core/nn/kernels.js';
import { bceWithLogits } from '../../../src/core/nn/losses.js';
import { Mlp, type MlpConfig } from '../../../src/core/nn/mlp.js';
import { Adam } from '../../../src/core/nn/optimizers/adam.js';
import { Var } from '../../../src/core/nn/tape.js';
import { referenceEngine, Rng } from '../../support/nn.js';

const engine = referenceEngine();
const CONFIG: MlpConfig = { sizes: [3, 7, 5, 2], hiddenActivation: 'elu', hiddenAlpha: 0.5, outputActivation: 'sigmoid' };

test('forward equals the layers computed in float64', () => {
  const mlp = new Mlp(engine, CONFIG, new Rng(1));
  const rng = new Rng(2);
  const x = Array.from({ length: 4 * 3 }, () => Math.fround(rng.normal()));
  engine.arena.reset();
  const got = mlp.forward(Var.from(engine, 4, 3, x)).toArray();
  let h = x, width = 3;
  mlp.weights.forEach((weight, layer) => {
    const w = weight.toArray(), b = mlp.biases[layer].toArray(), out = weight.cols;
    const last = layer === mlp.layerCount - 1;
    const next: number[] = [];
    for (let r = 0; r < 4; r++) for (let c = 0; c < out; c++) {
      let z = b[c];
      for (let p = 0; p < width; p++) z += h[r * width + p] * w[p * out + c];
      next.push(last ? activate(z, ActivationCode.sigmoid, 0) : activate(z, ActivationCode.elu, 0.5));
    }
    h = next; width = out;
  });
  got.forEach((v, i) => assert.ok(Math.abs(v - h[i]) <= 1e-6, `${v} vs ${h[i]}`));
});

test("the default init is torch.nn.Linear's: U(±1/√fan_in) for weights and biases", () => {
  const mlp = new Mlp(engine, { sizes: [64, 256, 1], hiddenActivation: 'relu', outputActivation: 'identity' }, new Rng(3));
  const w = mlp.weights[0].toArray(), b = mlp.biases[0].toArray(), bound = 1 / 8;
  assert.ok(w.every((v) => Math.abs(v) <= bound) && b.every((v) => Math.abs(v) <= bound));
  const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
  assert.ok(Math.abs(variance / (bound * bound / 3) - 1) < 0.05, `variance ${variance}`); // uniform: bound²/3
  assert.ok(Math.max(...w) > 0.99 * bound && Math.min(...w) < -0.99 * bound);
  assert.ok(Math.max(...b) > 0.5 * bound && Math.min(...b) < -0.5 * bound);
});

test('He and Xavier initialisations have their variances and zero biases', () => {
  const sizes = [100, 300, 1];
  const variance = (init: MlpConfig['init']) => {
    const mlp = new Mlp(engine, { sizes, hiddenActivation: 'relu', outputActivation: 'identity', init }, new Rng(4));
    assert.ok(mlp.biases.every((b) => b.value.data.every((v) => v === 0)));
    const w = mlp.weights[0].toArray();
    return w.reduce((s, v) => s + v * v, 0) / w.length;
  };
  const near = (got: number, want: number) => assert.ok(Math.abs(got / want - 1) < 0.05, `${got} vs ${want}`);
  near(variance('he-normal'), 2 / 100);
  near(variance('he-uniform'), 2 / 100);
  near(variance('xavier-normal'), 2 / 400);
  near(variance('xavier-uniform'), 2 / 400);
});

/** Weights after a few Adam steps of a small classifier, from one seed. */
function trainedWeights(seed: number): number[][] {
  const own = createReferenceEngine({ initialBytes: 1 << 16 });
  const rng = new Rng(seed);
  const mlp = new Mlp(own, { sizes: [2, 16, 1], hiddenActivation: 'leaky-relu', outputActivation: 'identity' }, rng);
  const optimizer = new Adam(mlp.parameters(), { lr: 0.01 });
  for (let step = 0; step < 5; step++) {
    own.arena.reset();
    mlp.zeroGrad();
    const x = Var.scratch(own, 32, 2);
    rng.fillNormal(x.value.data);
    backward(bceWithLogits(mlp.forward(x), 1));
    optimizer.step();
  }
  return mlp.toJSON().tensors;
}

test('the same seed gives bit-identical weights, before and after training; another seed differs', () => {
  const a = new Mlp(engine, CONFIG, new Rng(42)).toJSON();
  assert.deepEqual(new Mlp(engine, CONFIG, new Rng(42)).toJSON(), a);
  assert.notDeepEqual(new Mlp(engine, CONFIG, new Rng(43)).toJSON(), a);
  assert.deepEqual(trainedWeights(7), trainedWeights(7));
  assert.notDeepEqual(trainedWeights(7), trainedWeights(8));
});

test('weights round-trip through JSON exactly, and the loaded network computes the same outputs', () => {
  const source = new Mlp(engine, CONFIG, new Rng(5));
  const target = new Mlp(engine, CONFIG, new Rng(6));
  target.load(JSON.parse(JSON.stringify(source.toJSON())));
  source.parameters().forEach((p, i) => {
    const a = p.value.data, b = target.parameters()[i].value.data;
    assert.deepEqual(new Uint32Array(b.buffer, b.byteOffset, b.length), new Uint32Array(a.buffer, a.byteOffset, a.length));
  });
  engine.arena.reset();
  const x = Var.from(engine, 2, 3, [0.1, -2, 3, 0.5, 0.25, -1]);
  assert.deepEqual(target.forward(x).toArray(), source.forward(x).toArray());
});

test('bad weights and configs are UserErrors that say what is wrong', () => {
  const mlp = new Mlp(engine, CONFIG, new Rng(5));
  const good = mlp.toJSON();
  const rejects = (weights: unknown, pattern: RegExp) =>
    assert.throws(() => mlp.load(weights as never), (e: unknown) => e instanceof UserError && pattern.test(e.message));
  rejects({ ...good, sizes: [3, 7, 2] }, /sizes \[3, 7, 2\] do not match \[3, 7, 5, 2\]/);
  rejects({ ...good, tensors: good.tensors.slice(1) }, /expected a list of 6 tensors/);
  rejects({ ...good, tensors: [good.tensors[0].slice(2), ...good.tensors.slice(1)] }, /layer 0 weight: 19 values, expected 21/);
  rejects({ ...good, tensors: [...good.tensors.slice(0, 3), [1, 2, null, 4, 5], ...good.tensors.slice(4)] }, /layer 1 bias: value 2 is not a finite number/);
  const config = (change: Partial<MlpConfig>) => () => new Mlp(engine, { ...CONFIG, ...change } as MlpConfig, new Rng(1));
  assert.throws(config({ sizes: [3] }), /MLP sizes must be two or more positive integers/);
  assert.throws(config({ sizes: [3, 0, 1] }), UserError);
  assert.throws(config({ hiddenActivation: 'swish' as never }), /unknown activation "swish"/);
  assert.throws(config({ init: 'lecun' as never }), /unknown init "lecun"/);
});

test('zeroGrad clears every gradient and setRequiresGrad freezes the parameters', () => {
  const mlp = new Mlp(engine, CONFIG, new Rng(5));
  engine.arena.reset();
  const x = Var.from(engine, 2, 3, [0.1, -2, 3, 0.5, 0.25, -1]);
  backward(bceWithLogits(mlp.forward(x), 1));
  assert.ok(mlp.parameters().every((p) => p.grad!.data.some((v) => v !== 0)));
  mlp.zeroGrad();
  assert.ok(mlp.parameters().every((p) => p.grad!.data.every((v) => v === 0)));
  mlp.setRequiresGrad(false);
  assert.throws(() => backward(bceWithLogits(mlp.forward(x), 1)), /does not depend on anything that requires grad/);
});
