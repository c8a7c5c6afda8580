import { test } from 'node:test';
import assert from 'node:assert/strict';
import { band, halves } from '../../support/band-targets.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Rng } from '../../../src/core/rng.js';
import { UserError } from '../../../src/core/errors.js';
import { parseCheckpoint } from '../../../src/core/gan/checkpoint.js';
import { splitBatch } from '../../../src/core/model/condition-split.js';
import { resolveTrainConfig, type TrainConfig } from '../../../src/core/gan/config.js';
import type { TrainingTarget } from '../../../src/core/model/target.js';
import { fillGeneratorInput } from '../../../src/core/gan/generator-input.js';
import { createTrainer, type Trainer } from '../../../src/core/gan/trainer.js';
import { noGrad, Var } from '../../../src/core/nn/tape.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import type { EmbeddedMlp } from '../../../src/core/nn/embedded-mlp.js';
import { buildDiscriminator, loadDiscriminator, loadNetworkWeights } from '../../../src/core/gan/networks.js';

function small(options: Record<string, unknown> = {}): TrainConfig {
  return resolveTrainConfig({ batchSize: 48, dHidden: [12], gHidden: [10], iterations: 10, ...options });
}

function trainer(config: TrainConfig, target: TrainingTarget): Trainer {
  return createTrainer(createReferenceEngine(), config, target, 'test');
}

/** Checkpoints as JSON text: equal text means equal weights, optimizer states and random streams, bit for bit. */
const frozen = (t: Trainer): string => JSON.stringify(t.getCheckpoint());

const cases: [string, Record<string, unknown>, () => TrainingTarget][] = [
  ['nonsaturating, adadelta (the defaults)', {}, () => band('band', 4, 12)],
  ['wgan-gp with adam (the penalty stream)', { loss: 'wgan-gp', optimizer: 'adam' }, () => band('band', 4, 12)],
  ['conditional hinge with R1 and rmsprop', { loss: 'hinge', r1Weight: 1, optimizer: 'rmsprop' }, halves],
  ['D packed by 4 (PacGAN) with R1 and adam', { pack: 4, r1Weight: 1, optimizer: 'adam' }, () => band('band', 4, 12)],
  ['spectrally normalised D with R1 and adam', { dSpectralNorm: 1, r1Weight: 1, optimizer: 'adam' }, () => band('band', 4, 12)],
  ['conditional, spectral norm of 2 power steps, Fourier features, 2 D steps', { dSpectralNorm: 2, dFourier: 2, r1Weight: 1, dSteps: 2 }, halves],
  ['a leaky D under a ReLU G (--d-activation) with R1 and adam', { activation: 'relu', dActivation: 'leaky-relu', r1Weight: 1, optimizer: 'adam' }, () => band('band', 4, 12)],
  ['D with its own Adam β1 (--d-adam-beta1 0 under G\'s 0.5)', { optimizer: 'adam', dAdamBeta1: 0, r1Weight: 1 }, () => band('band', 4, 12)],
  ['lsgan with sgd and two hidden layers', { loss: 'lsgan', optimizer: 'sgd', dHidden: [8, 8] }, () => band('band', 0, 5)],
];

/** Cases whose D changes with the iteration count: not for raw stepDiscriminator/stepGenerator calls, which leave the schedule alone. */
const scheduledCases: typeof cases = [
  // Resumed at iteration 3 of 10 with bands opening over the first 8: mid warm-up.
  ['Fourier bands opening over 80% of the run (R1, adam)', { dFourier: 3, dFourierWarmup: 0.8, r1Weight: 1, optimizer: 'adam' }, () => band('band', 4, 12)],
];

for (const [label, options, makeTarget] of [...cases, ...scheduledCases]) {
  test(`resume is bit-identical: ${label}`, () => {
    const config = small(options);
    const straight = trainer(config, makeTarget());
    for (let i = 0; i < 6; i++) straight.step();

    const first = trainer(config, makeTarget());
    for (let i = 0; i < 3; i++) first.step();
    // Through JSON text and the file-format check, as a checkpoint file would go.
    const saved = parseCheckpoint(JSON.parse(JSON.stringify(first.getCheckpoint())));
    const resumed = trainer(config, makeTarget());
    resumed.restore(saved);
    assert.equal(resumed.iteration, 3);
    const losses = [];
    for (let i = 0; i < 3; i++) losses.push(resumed.step());

    assert.equal(frozen(resumed), frozen(straight));
    assert.ok(losses.every((l) => Number.isFinite(l.dReal) && Number.isFinite(l.g)));
    // And it did train: the weights moved away from the initial ones.
    assert.notEqual(frozen(straight), frozen(trainer(config, makeTarget())));
  });
}

test('--d-fourier-warmup: D opens its bands with the run, and a checkpoint\'s D evaluates as the trainer\'s mid warm-up', () => {
  const config = small({ dFourier: 4, dFourierWarmup: 0.5, r1Weight: 1, optimizer: 'adam' });
  const t = trainer(config, band('band', 4, 12));
  const embedded = t.discriminator as EmbeddedMlp;
  assert.equal(embedded.openBands, 0, 'raw coordinates alone before the first step');
  for (let i = 0; i < 3; i++) t.step();
  // The third step ran with 4 · 2/5 bands open; D now has the next step's 4 · 3/5, as a checkpoint of iteration 3 restores it.
  assert.ok(Math.abs(embedded.openBands - 2.4) < 1e-12, String(embedded.openBands));
  const checkpoint = parseCheckpoint(JSON.parse(JSON.stringify(t.getCheckpoint())));
  assert.equal(checkpoint.config.dFourierWarmup, 0.5);
  const points = [0.1, 0.2, 0.5, 0.5, 0.9, 0.3];
  const evaluate = (d: Mlp): number[] => noGrad(() => {
    d.engine.arena.reset();
    return d.forward(Var.from(d.engine, 3, 2, points)).toArray();
  });
  const restored = buildDiscriminator(createReferenceEngine(), config, 0, new Rng(0));
  loadDiscriminator(restored, checkpoint);
  assert.deepEqual(evaluate(restored), evaluate(t.discriminator));
  // The window matters: the same weights with every band open are another function.
  const allOpen = buildDiscriminator(createReferenceEngine(), config, 0, new Rng(0));
  loadNetworkWeights(allOpen, checkpoint.discriminator);
  assert.notDeepEqual(evaluate(allOpen), evaluate(t.discriminator));
  for (let i = 3; i < 10; i++) t.step();
  assert.equal(embedded.openBands, 4, 'every band open after half the run');
});

test('--d-spectral-norm: D is W/σ with σ from the kept vectors; a checkpoint\'s D evaluates as the trainer\'s', () => {
  const config = small({ dSpectralNorm: 1, r1Weight: 1, optimizer: 'adam' });
  const t = trainer(config, band('band', 4, 12));
  for (let i = 0; i < 4; i++) t.step();
  const checkpoint = parseCheckpoint(JSON.parse(JSON.stringify(t.getCheckpoint())));
  assert.equal(checkpoint.discriminatorSpectralNorm?.length, 2);
  const engine = createReferenceEngine();
  const points = [0.1, 0.2, 0.5, 0.5, 0.9, 0.3];
  const evaluate = (d: Mlp): number[] => noGrad(() => {
    d.engine.arena.reset();
    return d.forward(Var.from(d.engine, 3, 2, points)).toArray();
  });
  const restored = buildDiscriminator(engine, config, 0, new Rng(0));
  loadDiscriminator(restored, checkpoint);
  assert.deepEqual(evaluate(restored), evaluate(t.discriminator));
  // The vectors matter: the same weights with other vectors are another function.
  const otherVectors = buildDiscriminator(engine, config, 0, new Rng(0));
  loadNetworkWeights(otherVectors, checkpoint.discriminator);
  assert.notDeepEqual(evaluate(otherVectors), evaluate(t.discriminator));
  // Every layer of the trained D is scaled to a spectral norm of about 1: σ's estimate after many more steps is close to the kept one.
  const norm = t.discriminator.spectralNorm!;
  const kept = [0, 1].map((i) => norm.sigma(i));
  for (let i = 0; i < 200; i++) norm.powerStep();
  kept.forEach((sigma, i) => assert.ok(Math.abs(norm.sigma(i) - sigma) <= 0.05 * norm.sigma(i), `layer ${i}: ${sigma} vs ${norm.sigma(i)}`));
  // A checkpoint that lost its vectors is refused; a run without the option writes none.
  const { discriminatorSpectralNorm: _dropped, ...without } = JSON.parse(JSON.stringify(t.getCheckpoint())) as Record<string, unknown>;
  assert.throws(() => parseCheckpoint(without), /--d-spectral-norm needs its u and v vectors/);
  const plain = trainer(small(), band('band', 4, 12));
  plain.step();
  assert.equal('discriminatorSpectralNorm' in plain.getCheckpoint(), false);
  assert.equal(plain.discriminator.spectralNorm, null);
});

test('snapshots and generated points do not change the training', () => {
  const config = small();
  const a = trainer(config, halves());
  const b = trainer(config, halves());
  for (let i = 0; i < 4; i++) {
    a.step();
    b.step();
    b.snapshot();
    b.generate(100, 1);
  }
  assert.equal(frozen(a), frozen(b));
  // A snapshot depends only on the seed and the iteration.
  assert.deepEqual(a.snapshot().fake, b.snapshot().fake);
});

test('a conditional batch is split by mass and each condition samples its own picture', () => {
  const t = trainer(small(), halves());
  assert.deepEqual(t.rowsPerCondition, splitBatch(48, [3, 1]));
  assert.deepEqual(t.rowsPerCondition, [36, 12]);
  const snapshot = t.snapshot();
  const labels = Array.from(snapshot.realConditions!);
  assert.deepEqual(labels, [...new Array(36).fill(0), ...new Array(12).fill(1)]);
  labels.forEach((condition, row) => {
    const x = snapshot.real[2 * row];
    assert.ok(condition === 0 ? x <= 0.5 : x >= 0.5, `row ${row} of condition ${condition} at x = ${x}`);
  });
  assert.equal(snapshot.fake.length, 2 * 48);
});

test('G\'s input is z followed by the row\'s one-hot condition', () => {
  const out = new Float32Array(5 * 5);
  fillGeneratorInput(out, 2, 3, [2, 0, 3], new Rng(3));
  for (let row = 0; row < 5; row++) {
    const oneHot = Array.from(out.subarray(row * 5 + 2, row * 5 + 5));
    assert.deepEqual(oneHot, row < 2 ? [1, 0, 0] : [0, 0, 1]);
    assert.ok(out[row * 5] !== 0 && out[row * 5 + 1] !== 0);
  }
});

test('generate gives one condition\'s points on request, and refuses a condition that does not exist', () => {
  const t = trainer(small(), halves());
  assert.equal(t.generate(7, 1).length, 14);
  assert.equal(t.generate(10).length, 20);
  assert.throws(() => t.generate(5, 2), (e: unknown) => e instanceof UserError && /--condition: 2 is not valid; expected an integer from 0 to 1/.test(e.message));
  const plain = trainer(small(), band('band', 0, 4));
  assert.throws(() => plain.generate(5, 0), (e: unknown) => e instanceof UserError && /not conditional/.test(e.message));
});

test('a batch smaller than the number of conditions is refused', () => {
  assert.throws(() => trainer(small({ batchSize: 1 }), halves()),
    (e: unknown) => e instanceof UserError && /--batch-size: 1 is smaller than the number of conditions \(2\)/.test(e.message));
});

test('a checkpoint restores only into a trainer of the same shape', () => {
  const t = trainer(small(), halves());
  const checkpoint = parseCheckpoint(JSON.parse(JSON.stringify(t.getCheckpoint())));
  assert.throws(() => trainer(small(), band('band', 0, 4)).restore(checkpoint), UserError);
  assert.throws(() => trainer(small({ dHidden: [7] }), halves()).restore(checkpoint), UserError);
});

test('a packed D reads k points a row, its checkpoint records --pack, and packing is refused on a conditional run', () => {
  const packed = trainer(small({ pack: 3 }), band('band', 4, 12));
  assert.equal(packed.discriminator.toJSON().sizes[0], 6);
  const saved = JSON.parse(JSON.stringify(packed.getCheckpoint())) as { config: Record<string, unknown> };
  assert.equal(saved.config.pack, 3);
  assert.throws(() => trainer(small(), band('band', 4, 12)).restore(parseCheckpoint(saved)), UserError);
  assert.throws(() => trainer(small({ pack: 2 }), halves()),
    (e: unknown) => e instanceof UserError && /--pack: test is conditional/.test(e.message));
});

/** A checkpoint's G or D weights, flattened. */
const weightsOf = (t: Trainer, network: 'generator' | 'discriminator'): number[] =>
  t.getCheckpoint()[network].layers.flatMap((layer) => [...layer.weights, ...layer.bias]);

test('stepDiscriminator moves only D, stepGenerator only G, and neither counts as an iteration', () => {
  const t = trainer(small({ optimizer: 'adam' }), halves());
  const start = { g: weightsOf(t, 'generator'), d: weightsOf(t, 'discriminator') };
  const d = t.stepDiscriminator();
  assert.ok(Number.isFinite(d.dReal) && Number.isFinite(d.dFake) && Number.isNaN(d.g));
  assert.equal(t.iteration, 0);
  assert.deepEqual(weightsOf(t, 'generator'), start.g);
  assert.notDeepEqual(weightsOf(t, 'discriminator'), start.d);
  const afterD = weightsOf(t, 'discriminator');
  const g = t.stepGenerator();
  assert.ok(Number.isFinite(g.g) && Number.isNaN(g.dReal) && Number.isNaN(g.dFake));
  assert.equal(t.iteration, 0);
  assert.deepEqual(weightsOf(t, 'discriminator'), afterD);
  assert.notDeepEqual(weightsOf(t, 'generator'), start.g);
});

for (const [label, options, makeTarget] of cases) {
  test(`step() is d-steps stepDiscriminator then g-steps stepGenerator, bit for bit: ${label}`, () => {
    const config = small({ ...options, dSteps: 2, gSteps: 2 });
    const whole = trainer(config, makeTarget());
    const single = trainer(config, makeTarget());
    for (let i = 0; i < 2; i++) {
      const losses = whole.step();
      let d = single.stepDiscriminator();
      d = single.stepDiscriminator();
      single.stepGenerator();
      const g = single.stepGenerator();
      assert.deepEqual(losses, { dReal: d.dReal, dFake: d.dFake, g: g.g, penalty: d.penalty });
    }
    assert.equal(whole.iteration, 2);
    assert.equal(single.iteration, 0);
    assert.equal(JSON.stringify({ ...single.getCheckpoint(), iteration: 2 }), frozen(whole));
  });
}

for (const [label, options, makeTarget] of [...cases, ...scheduledCases]) {
  test(`stepDiscriminatorHalf then stepGeneratorHalf is step(), bit for bit, and counts the iteration: ${label}`, () => {
    // With --lr-decay the halves must use the iteration's own learning rates, as step() does.
    const config = small({ ...options, dSteps: 2, gSteps: 2, iterations: 4, lrDecay: 1 });
    const whole = trainer(config, makeTarget());
    const halved = trainer(config, makeTarget());
    for (let i = 0; i < 3; i++) {
      const losses = whole.step();
      const d = halved.stepDiscriminatorHalf();
      assert.equal(halved.iteration, i, 'the D half does not count');
      assert.ok(Number.isNaN(d.g));
      const g = halved.stepGeneratorHalf();
      assert.ok(Number.isNaN(g.dReal) && Number.isNaN(g.dFake));
      assert.deepEqual(losses, { dReal: d.dReal, dFake: d.dFake, g: g.g, penalty: d.penalty });
    }
    assert.equal(halved.iteration, 3);
    assert.equal(frozen(halved), frozen(whole));
  });
}

test('--d-activation: D alone gets its units, and the checkpoint says which', () => {
  const config = small({ activation: 'relu', dActivation: 'leaky-relu', dHidden: [12, 12], optimizer: 'adam' });
  const t = trainer(config, band('band', 4, 12));
  for (let i = 0; i < 3; i++) t.step();
  const checkpoint = parseCheckpoint(JSON.parse(JSON.stringify(t.getCheckpoint())));
  assert.equal(checkpoint.generator.hiddenActivation, 'relu');
  assert.equal(checkpoint.discriminator.hiddenActivation, 'leaky-relu');
  assert.equal(checkpoint.config.dActivation, 'leaky-relu');
  // D is the plain leaky network with those weights (slope 0.1), and not the ReLU one: some of its units are below 0 here.
  const engine = createReferenceEngine();
  const points = Array.from({ length: 40 }, (_, i) => ((i * 37) % 41) / 41);
  const evaluate = (d: Mlp): number[] => noGrad(() => {
    d.engine.arena.reset();
    return d.forward(Var.from(d.engine, 20, 2, points)).toArray();
  });
  const network = (activation: 'relu' | 'leaky-relu'): Mlp => {
    const d = new Mlp(engine, { sizes: [2, 12, 12, 1], hiddenActivation: activation, hiddenAlpha: activation === 'relu' ? 0 : 0.1, outputActivation: 'identity' }, new Rng(0));
    loadNetworkWeights(d, checkpoint.discriminator);
    return d;
  };
  const trained = evaluate(t.discriminator);
  evaluate(network('leaky-relu')).forEach((value, i) => assert.ok(Math.abs(value - trained[i]) < 1e-5, `point ${i}`));
  assert.ok(evaluate(network('relu')).some((value, i) => Math.abs(value - trained[i]) > 1e-4), 'a ReLU D with the same weights differs');
});

test("--d-adam-beta1: D's optimizer takes it, G's keeps --adam-beta1", () => {
  const weights = (network: Mlp): string => JSON.stringify(network.toJSON().tensors);
  const trained = (options: Record<string, unknown>, step: 'stepDiscriminator' | 'stepGenerator', network: 'discriminator' | 'generator'): string => {
    const t = trainer(small({ optimizer: 'adam', ...options }), band('band', 4, 12));
    // Adam's first step is β1's no matter (bias correction): three steps tell them apart.
    for (let i = 0; i < 3; i++) t[step]();
    return weights(t[network]);
  };
  const split = { adamBeta1: 0.5, dAdamBeta1: 0 };
  assert.equal(trained(split, 'stepDiscriminator', 'discriminator'), trained({ adamBeta1: 0 }, 'stepDiscriminator', 'discriminator'));
  assert.notEqual(trained(split, 'stepDiscriminator', 'discriminator'), trained({ adamBeta1: 0.5 }, 'stepDiscriminator', 'discriminator'));
  assert.equal(trained(split, 'stepGenerator', 'generator'), trained({ adamBeta1: 0.5 }, 'stepGenerator', 'generator'));
  assert.notEqual(trained(split, 'stepGenerator', 'generator'), trained({ adamBeta1: 0 }, 'stepGenerator', 'generator'));
});

test("the trainer's generator and discriminator are the networks it trains and checkpoints", () => {
  const t = trainer(small(), halves());
  t.step();
  t.stepDiscriminator();
  const checkpoint = t.getCheckpoint();
  assert.deepEqual(t.generator.toJSON().tensors, checkpoint.generator.layers.flatMap((l) => [l.weights, l.bias]));
  assert.deepEqual(t.discriminator.toJSON().tensors, checkpoint.discriminator.layers.flatMap((l) => [l.weights, l.bias]));
  // G on the trainer's own noise stream gives what generate() gives.
  const [zDim, conditions] = [t.config.zDim, t.target.conditions.length];
  const input = new Float32Array(4 * (zDim + conditions));
  fillGeneratorInput(input, zDim, conditions, [4, 0], new Rng(9));
  const direct = noGrad(() => t.generator.forward(Var.from(t.generator.engine, 4, zDim + conditions, input)).value.data.slice(0, 8));
  assert.deepEqual(Array.from(direct), Array.from(t.generateRows([4, 0], new Rng(9))));
});
