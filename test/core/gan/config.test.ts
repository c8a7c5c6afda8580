import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TRAIN_OPTIONS, conflictingOptions, defaultTrainConfig, discriminatorAdamBeta1, parseOptionValue, recordedConfig, resolveTrainConfig, findOption,
} from '../../../src/core/gan/config.js';
import { UserError } from '../../../src/core/errors.js';
import { buildDiscriminator } from '../../../src/core/gan/networks.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import type { EmbeddedMlp } from '../../../src/core/nn/embedded-mlp.js';
import { Rng } from '../../../src/core/rng.js';

test('the defaults are the seed demo\'s run', () => {
  const config = defaultTrainConfig();
  assert.equal(config.zDim, 2);
  assert.equal(config.iterations, 2000);
  assert.equal(config.batchSize, 2000);
  assert.equal(config.optimizer, 'adadelta');
  assert.equal(config.dLr, 1);
  assert.equal(config.gLr, 1);
  assert.equal(config.dSteps, 3);
  assert.equal(config.gSteps, 1);
  assert.deepEqual(config.dHidden, [100]);
  assert.deepEqual(config.gHidden, [50]);
  assert.equal(config.activation, 'leaky-relu');
  assert.equal(config.displayInterval, 10);
  assert.equal(config.loss, 'nonsaturating');
  assert.equal(config.r1Weight, 0);
});

test('every option in the table has a unique flag and key and a default inside its range', () => {
  const flags = new Set(TRAIN_OPTIONS.map((s) => s.flag));
  const keys = new Set(TRAIN_OPTIONS.map((s) => s.key));
  assert.equal(flags.size, TRAIN_OPTIONS.length);
  assert.equal(keys.size, TRAIN_OPTIONS.length);
  const config = defaultTrainConfig();
  for (const spec of TRAIN_OPTIONS) {
    // The default must survive its own validation.
    assert.deepEqual(parseOptionValue(spec, config[spec.key]), config[spec.key], spec.flag);
  }
});

test('numbers parse strictly from strings and JSON', () => {
  const iterations = findOption('iterations')!;
  assert.equal(parseOptionValue(iterations, '500'), 500);
  assert.equal(parseOptionValue(iterations, 500), 500);
  assert.equal(parseOptionValue(iterations, '1e3'), 1000);
  const lr = findOption('d-lr')!;
  assert.equal(parseOptionValue(lr, '0.0002'), 0.0002);
  assert.equal(parseOptionValue(lr, '.5'), 0.5);
  assert.deepEqual(parseOptionValue(findOption('d-hidden')!, '128, 64'), [128, 64]);
  assert.deepEqual(parseOptionValue(findOption('g-hidden')!, [32, 32, 32]), [32, 32, 32]);
  assert.equal(parseOptionValue(findOption('loss')!, 'wgan-gp'), 'wgan-gp');
});

test('bad values are refused with the flag and its valid range', () => {
  const cases: [string, unknown, RegExp][] = [
    ['iterations', '0', /^--iterations: "0" is not valid; expected an integer from 1 to 100000000$/],
    ['iterations', '-5', /--iterations: "-5" is not valid; expected an integer from 1/],
    ['iterations', '2.5', /--iterations: "2.5" is not valid/],
    ['iterations', 'many', /--iterations: "many" is not valid/],
    ['iterations', '', /--iterations: "" is not valid/],
    ['iterations', '12abc', /--iterations: "12abc" is not valid/],
    ['batch-size', '-1', /--batch-size: "-1" is not valid; expected an integer from 1 to 1000000/],
    ['z-dim', 'NaN', /--z-dim/],
    ['d-lr', '0', /--d-lr: "0" is not valid; expected a number above 0, at most 1000/],
    ['g-lr', 'Infinity', /--g-lr/],
    ['gp-weight', '-1', /--gp-weight: "-1" is not valid; expected a number from 0 to 1000000/],
    ['d-hidden', '128,,64', /--d-hidden: "128,,64" is not valid; expected 1 to 16 comma-separated integers from 1 to 4096/],
    ['g-hidden', '0', /--g-hidden/],
    ['g-hidden', '64.5', /--g-hidden/],
    ['optimizer', 'adamw', /--optimizer: "adamw" is not valid; expected one of adadelta, adam, rmsprop, sgd/],
    ['loss', 'bce', /--loss: "bce" is not valid; expected one of nonsaturating, minimax, lsgan, wgan-gp, hinge/],
    ['activation', 'gelu', /--activation: "gelu" is not valid; expected one of leaky-relu, relu, tanh, elu/],
    ['d-activation', 'swish', /--d-activation: "swish" is not valid; expected one of same, leaky-relu, relu, tanh, elu/],
    ['seed', '-3', /--seed/],
    ['threads', '65', /--threads: "65" is not valid; expected an integer from 0 to 64/],
    ['display-interval', '0', /--display-interval/],
    ['iterations', true, /--iterations: true is not valid/],
  ];
  for (const [flag, raw, message] of cases) {
    assert.throws(() => parseOptionValue(findOption(flag)!, raw), (error: unknown) => {
      assert.ok(error instanceof UserError, `${flag} ${String(raw)}: a UserError`);
      assert.match(error.message, message);
      return true;
    });
  }
});

test('learning rates default to the chosen optimizer\'s usual value unless given', () => {
  assert.equal(resolveTrainConfig({ optimizer: 'adam' }).dLr, 1e-3);
  assert.equal(resolveTrainConfig({ optimizer: 'sgd' }).gLr, 1e-2);
  assert.equal(resolveTrainConfig({ optimizer: 'adam', gLr: '0.0002' }).gLr, 0.0002);
  assert.equal(resolveTrainConfig({ optimizer: 'adam', gLr: '0.0002' }).dLr, 1e-3);
});

test('--pack must divide the batch', () => {
  assert.throws(() => resolveTrainConfig({ pack: 3, batchSize: 100 }), /--pack: 3 does not divide --batch-size 100/);
  assert.equal(resolveTrainConfig({ pack: 4, batchSize: 100 }).pack, 4);
  assert.throws(() => resolveTrainConfig({ pack: 0 }), /--pack: 0 is not valid/);
  // Runs that do not pack write the same files as before the option existed (the pinned runs' hashes).
  assert.equal('pack' in recordedConfig(resolveTrainConfig({})), false);
  assert.equal(recordedConfig(resolveTrainConfig({ pack: 2 })).pack, 2);
});

test("--d-activation: D's own units or G's (same), written only when set", () => {
  assert.equal(resolveTrainConfig({}).dActivation, 'same');
  assert.equal(resolveTrainConfig({ activation: 'relu', dActivation: 'leaky-relu' }).dActivation, 'leaky-relu');
  assert.equal('dActivation' in recordedConfig(resolveTrainConfig({})), false);
  assert.equal(recordedConfig(resolveTrainConfig({ dActivation: 'elu' })).dActivation, 'elu');
});

test("--d-adam-beta1: D's own β1, -1 for --adam-beta1's, written only when set", () => {
  assert.equal(resolveTrainConfig({}).dAdamBeta1, -1);
  assert.equal(discriminatorAdamBeta1(resolveTrainConfig({ adamBeta1: 0.3 })), 0.3);
  assert.equal(discriminatorAdamBeta1(resolveTrainConfig({ adamBeta1: 0.3, dAdamBeta1: '0' })), 0);
  assert.throws(() => resolveTrainConfig({ dAdamBeta1: '-0.5' }), /^UserError: --d-adam-beta1: -0.5 is not valid; expected a number from 0 to 0.9999, or -1 for --adam-beta1's$/);
  assert.throws(() => resolveTrainConfig({ dAdamBeta1: '1' }), /--d-adam-beta1: "1" is not valid/);
  assert.equal('dAdamBeta1' in recordedConfig(resolveTrainConfig({})), false);
  assert.equal(recordedConfig(resolveTrainConfig({ dAdamBeta1: 0 })).dAdamBeta1, 0);
});

test('--d-spectral-norm: a count of power steps from 0 (off) to 8, written only when on', () => {
  assert.equal(resolveTrainConfig({}).dSpectralNorm, 0);
  assert.equal(resolveTrainConfig({ dSpectralNorm: '1' }).dSpectralNorm, 1);
  assert.throws(() => resolveTrainConfig({ dSpectralNorm: '9' }), /--d-spectral-norm: "9" is not valid; expected an integer from 0 to 8/);
  assert.throws(() => resolveTrainConfig({ dSpectralNorm: '0.5' }), /--d-spectral-norm: "0.5" is not valid/);
  // Runs without it write the same files as before the option existed (the pinned runs' hashes).
  assert.equal('dSpectralNorm' in recordedConfig(resolveTrainConfig({})), false);
  assert.equal(recordedConfig(resolveTrainConfig({ dSpectralNorm: 1 })).dSpectralNorm, 1);
});

test('--d-fourier-warmup: a fraction of the run, only with Fourier features, written only when set', () => {
  assert.equal(resolveTrainConfig({}).dFourierWarmup, 0);
  assert.equal(resolveTrainConfig({ dFourier: 6, dFourierWarmup: '0.5' }).dFourierWarmup, 0.5);
  assert.throws(() => resolveTrainConfig({ dFourierWarmup: 0.5 }), /--d-fourier-warmup: D has no Fourier bands to open \(--d-fourier 0\)/);
  assert.throws(() => resolveTrainConfig({ dFourier: 6, dFourierWarmup: '1.5' }), /--d-fourier-warmup: "1.5" is not valid/);
  assert.equal('dFourierWarmup' in recordedConfig(resolveTrainConfig({ dFourier: 6 })), false);
  assert.equal(recordedConfig(resolveTrainConfig({ dFourier: 6, dFourierWarmup: 0.5 })).dFourierWarmup, 0.5);
});

test('--d-fourier-period: the lowest band\'s period in the target\'s coordinates, automatic at 0, only with Fourier features', () => {
  const engine = createReferenceEngine();
  const built = (options: Record<string, unknown>): EmbeddedMlp => buildDiscriminator(engine, resolveTrainConfig({ dFourier: 3, ...options }), 0, new Rng(1)) as EmbeddedMlp;
  assert.equal(built({}).inputScale, 1, 'pictures: periods of 1, ½, ¼ … of the unit square');
  assert.equal(built({ dataScale: 0.5 }).inputScale, 2, 'mixtures: of the networks\' unit, --data-scale');
  assert.equal(built({ dataScale: 0.5, dFourierPeriod: 2.5 }).inputScale, 1 / 2.5);
  assert.throws(() => resolveTrainConfig({ dFourierPeriod: 2 }), /--d-fourier-period: D has no Fourier bands \(--d-fourier 0\)/);
  assert.equal('dFourierPeriod' in recordedConfig(resolveTrainConfig({ dFourier: 6 })), false);
  assert.equal(recordedConfig(resolveTrainConfig({ dFourier: 6, dFourierPeriod: 2.5 })).dFourierPeriod, 2.5);
});

test('--gp-weight with a loss other than wgan-gp is refused', () => {
  assert.throws(() => resolveTrainConfig({ gpWeight: 5 }), /--gp-weight: applies to --loss wgan-gp only/);
  assert.equal(resolveTrainConfig({ gpWeight: 5, loss: 'wgan-gp' }).gpWeight, 5);
});

test('conflicts on resume name the fixed options only', () => {
  const saved = defaultTrainConfig();
  assert.deepEqual(conflictingOptions(saved, { iterations: 5000, threads: 2, displayInterval: 7 }), []);
  assert.deepEqual(conflictingOptions(saved, { dHidden: [100] }), []);
  assert.deepEqual(conflictingOptions(saved, { dHidden: [64, 64], loss: 'hinge' }), [
    '--d-hidden 64,64 (the checkpoint has 100)',
    '--loss hinge (the checkpoint has nonsaturating)',
  ]);
});
