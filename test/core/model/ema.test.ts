// The moving average of G's weights (--ema-decay): the update rule against a hand computation,
// the trainer's average against the same rule applied to its G after every step, generation
// from the average, resume bit for bit, and checkpoints from before the option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTarget } from '../../../src/core/density/builtins.js';
import { parseCheckpoint } from '../../../src/core/gan/checkpoint.js';
import { resolveTrainConfig, type TrainConfig } from '../../../src/core/gan/config.js';
import { averageDecay, createWeightAverage } from '../../../src/core/model/ema.js';
import { restoreGenerator } from '../../../src/core/gan/saved-generator.js';
import { createTrainer, type Trainer } from '../../../src/core/gan/trainer.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import { Rng } from '../../../src/core/rng.js';

test('the decay warms up as min(decay, (1 + t) / (10 + t))', () => {
  assert.equal(averageDecay(0.999, 1), 2 / 11);
  assert.equal(averageDecay(0.999, 90), 91 / 100);
  assert.equal(averageDecay(0.999, 9000), 0.999, '(1 + t)/(10 + t) passes 0.999 at t = 8990');
  assert.equal(averageDecay(0.5, 3), 4 / 13);
  assert.equal(averageDecay(0.5, 20), 0.5);
});

test('the average follows a ← d·a + (1 − d)·p, checked by hand on a one-weight network', () => {
  const engine = createReferenceEngine();
  const config = { sizes: [1, 1], hiddenActivation: 'relu' as const, outputActivation: 'identity' as const };
  const source = new Mlp(engine, config, new Rng(1));
  const copy = new Mlp(engine, config, new Rng(2));
  const [weight, bias] = source.parameters();
  weight.value.data[0] = 4;
  bias.value.data[0] = -2;
  const average = createWeightAverage(source, copy, 0.5);
  assert.deepEqual(copy.toJSON().tensors, [[4], [-2]], 'the average starts as the source');
  // Step 1: d = min(0.5, 2/11) = 2/11. Weight 4 → 15: a = (2/11)·4 + (9/11)·15 = 143/11 = 13.
  weight.value.data[0] = 15;
  average.update(1);
  assert.ok(Math.abs(copy.weights[0].value.data[0] - 13) < 1e-5);
  assert.ok(Math.abs(copy.biases[0].value.data[0] - -2) < 1e-6, 'an unchanged weight stays');
  // Step 9: d = min(0.5, 10/19) = 0.5. Weight 15 → 1: a = 0.5·13 + 0.5·1 = 7.
  weight.value.data[0] = 1;
  average.update(9);
  assert.ok(Math.abs(copy.weights[0].value.data[0] - 7) < 1e-5);
  assert.deepEqual(source.toJSON().tensors, [[1], [-2]], 'the source is never touched');
});

function ringConfig(options: Record<string, unknown> = {}): TrainConfig {
  return resolveTrainConfig({
    batchSize: 32, dHidden: [8], gHidden: [8], optimizer: 'adam', dSteps: 1, gSteps: 1, iterations: 10, emaDecay: 0.9, ...options,
  });
}

function ringTrainer(config: TrainConfig): Trainer {
  return createTrainer(createReferenceEngine(), config, builtinTarget('ring'), 'builtin:ring');
}

test("the trainer's average is the rule applied to G's weights after every G step", () => {
  const trainer = ringTrainer(ringConfig());
  let expected = trainer.getCheckpoint().generator.layers.map((layer) => Float32Array.from([...layer.weights, ...layer.bias]));
  for (let step = 1; step <= 5; step++) {
    trainer.step();
    const d = averageDecay(0.9, step);
    const current = trainer.getCheckpoint().generator.layers.map((layer) => [...layer.weights, ...layer.bias]);
    expected = expected.map((values, l) => Float32Array.from(values, (a, i) => d * a + (1 - d) * current[l][i]));
  }
  const saved = trainer.getCheckpoint().generatorAverage!;
  saved.layers.forEach((layer, l) => {
    const got = [...layer.weights, ...layer.bias];
    got.forEach((value, i) => assert.ok(Math.abs(value - expected[l][i]) < 1e-6, `layer ${l} value ${i}: ${value} vs ${expected[l][i]}`));
  });
  assert.notDeepEqual(saved.layers[0].weights, trainer.getCheckpoint().generator.layers[0].weights, 'the average lags G');
});

test('points come from the average: the trainer, a restored generator and the raw G tell them apart', () => {
  const trainer = ringTrainer(ringConfig());
  for (let i = 0; i < 4; i++) trainer.step();
  const fromTrainer = trainer.generate(50, undefined, new Rng(5, 5));
  const checkpoint = parseCheckpoint(JSON.parse(JSON.stringify(trainer.getCheckpoint())));
  const restored = restoreGenerator(createReferenceEngine(), checkpoint).generate([50], new Rng(5, 5));
  assert.deepEqual(Array.from(restored), Array.from(fromTrainer));
  const withoutAverage = { ...checkpoint, generatorAverage: undefined };
  const raw = restoreGenerator(createReferenceEngine(), withoutAverage).generate([50], new Rng(5, 5));
  assert.notDeepEqual(Array.from(raw), Array.from(fromTrainer));
});

test('a run with an average resumes bit for bit', () => {
  const config = ringConfig();
  const straight = ringTrainer(config);
  for (let i = 0; i < 6; i++) straight.step();
  const first = ringTrainer(config);
  for (let i = 0; i < 3; i++) first.step();
  const resumed = ringTrainer(config);
  resumed.restore(parseCheckpoint(JSON.parse(JSON.stringify(first.getCheckpoint()))));
  for (let i = 0; i < 3; i++) resumed.step();
  assert.equal(JSON.stringify(resumed.getCheckpoint()), JSON.stringify(straight.getCheckpoint()));
});

test('without --ema-decay nothing changes: no average in the checkpoint; older checkpoints read as decay 0', () => {
  const trainer = ringTrainer(ringConfig({ emaDecay: 0 }));
  trainer.step();
  const checkpoint = trainer.getCheckpoint();
  assert.equal(checkpoint.generatorAverage, undefined);
  const older = JSON.parse(JSON.stringify(checkpoint));
  delete older.config.emaDecay;
  assert.equal(parseCheckpoint(older).config.emaDecay, 0);
  const mismatched = JSON.parse(JSON.stringify(ringTrainer(ringConfig()).getCheckpoint()));
  mismatched.generatorAverage.layers.pop();
  assert.throws(() => parseCheckpoint(mismatched), /generator average/);
});
