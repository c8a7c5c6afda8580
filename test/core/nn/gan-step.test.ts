// A 2-D toy GAN on separable data: one D step lowers D's loss, one G step lowers G's loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backward } from '../../../src/core/nn/autograd.js';
import { bceWithLogits } from '../../../src/core/nn/losses.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import { add } from '../../../src/core/nn/ops/elementwise.js';
import { Adam } from '../../../src/core/nn/optimizers/adam.js';
import { noGrad, Var } from '../../../src/core/nn/tape.js';
import { referenceEngine, Rng } from '../../support/nn.js';

test('a GAN step on separable 2-D data lowers D loss, then G loss', () => {
  const engine = referenceEngine();
  const rng = new Rng(2024);
  const g = new Mlp(engine, { sizes: [2, 32, 2], hiddenActivation: 'relu', outputActivation: 'identity' }, rng);
  const d = new Mlp(engine, { sizes: [2, 32, 32, 1], hiddenActivation: 'leaky-relu', hiddenAlpha: 0.2, outputActivation: 'identity' }, rng);
  const dOptimizer = new Adam(d.parameters(), { lr: 1e-2, beta1: 0.5 });
  const gOptimizer = new Adam(g.parameters(), { lr: 1e-2, beta1: 0.5 });
  const batch = 128;
  // Real points around (2, 2); G starts near the origin, so the two sets are separable.
  const real = Float32Array.from({ length: batch * 2 }, () => 2 + 0.1 * rng.normal());
  const z = Float32Array.from({ length: batch * 2 }, () => rng.normal());

  const dLoss = () => {
    const fake = noGrad(() => g.forward(Var.from(engine, batch, 2, z)));
    return add(bceWithLogits(d.forward(Var.from(engine, batch, 2, real)), 1), bceWithLogits(d.forward(fake), 0));
  };
  const gLoss = () => bceWithLogits(d.forward(g.forward(Var.from(engine, batch, 2, z))), 1);

  engine.arena.reset();
  const before = dLoss();
  const dBefore = before.item(); // read now: scratch values are reused after the next reset
  d.zeroGrad();
  backward(before);
  dOptimizer.step();
  engine.arena.reset();
  const after = dLoss().item();
  assert.ok(after < dBefore, `D loss ${dBefore} -> ${after}`);

  engine.arena.reset();
  d.setRequiresGrad(false);
  d.zeroGrad();
  const gLossVar = gLoss();
  const gBefore = gLossVar.item();
  g.zeroGrad();
  backward(gLossVar);
  assert.ok(d.parameters().every((p) => p.grad!.data.every((v) => v === 0)), "G's step leaves D's gradients alone");
  gOptimizer.step();
  engine.arena.reset();
  const gAfter = gLoss().item();
  d.setRequiresGrad(true);
  assert.ok(gAfter < gBefore, `G loss ${gBefore} -> ${gAfter}`);
});
