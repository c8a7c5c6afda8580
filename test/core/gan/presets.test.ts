// The built-in mixtures' recommended settings (presets.ts), --adam-beta1/2 and --time-limit:
// what `gan2d train builtin:ring` resolves to with and without flags, the betas reaching
// Adam, and a run stopped by its time limit finishing cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrainRequest } from '../../../src/cli/options.js';
import { runTraining } from '../../../src/node/train/run.js';
import { setUpTraining } from '../../../src/node/train/setup.js';
import { builtinTarget } from '../../../src/core/density/builtins.js';
import { defaultTrainConfig, resolveTrainConfig } from '../../../src/core/gan/config.js';
import { mixtureScale } from '../../../src/core/gan/data-scale.js';
import { recommendedSettings, resolveRunConfig } from '../../../src/core/gan/presets.js';
import { createTrainer } from '../../../src/core/gan/trainer.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { readRunState } from '../../../src/node/sweep/run-state.js';

test('builtin:ring and builtin:grid carry recommended settings; other inputs do not', () => {
  for (const name of ['ring', 'grid']) {
    const settings = recommendedSettings(`builtin:${name}`)!;
    assert.ok(settings, name);
    const mixture = builtinTarget(name).mixture!;
    // The data scale is the target's standard deviation, R1's weight 0.3 times its square (0.3 in unit coordinates).
    assert.ok(Math.abs(settings.dataScale! / mixtureScale(mixture.centres, mixture.sigma) - 1) < 1e-3, `${name} scale`);
    assert.ok(Math.abs(settings.r1Weight! / settings.dataScale! ** 2 - 0.3) < 1e-3, `${name} R1`);
    assert.ok(settings.emaDecay! > 0, `${name} keeps an average of G`);
    assert.ok(settings.lrDecay! > 0, `${name} lands its learning rates softly`);
    assert.ok(settings.timeLimit! > 0 && settings.timeLimit! <= 60, `${name} fits the benchmark's 60 s`);
  }
  assert.equal(recommendedSettings('builtin:binary'), undefined);
  assert.equal(recommendedSettings('examples/zig.png'), undefined);
  assert.deepEqual(resolveRunConfig('examples/zig.png', {}), defaultTrainConfig());
});

test('explicit options override the recommended settings one by one', () => {
  const recommended = resolveRunConfig('builtin:ring', {});
  assert.deepEqual(recommended, resolveTrainConfig(recommendedSettings('builtin:ring')!));
  const overridden = resolveRunConfig('builtin:ring', { gHidden: '32', iterations: 7, seed: 3 });
  assert.deepEqual(overridden.gHidden, [32]);
  assert.equal(overridden.iterations, 7);
  assert.equal(overridden.seed, 3);
  assert.equal(overridden.emaDecay, recommended.emaDecay, 'what was not given stays recommended');
  assert.deepEqual(overridden.dHidden, recommended.dHidden);
});

test('gan2d train builtin:grid with no option resolves to the recommended settings, and says so', async () => {
  const lines: string[] = [];
  const root = mkdtempSync(join(tmpdir(), 'gan2d-recipe-'));
  try {
    const setup = await setUpTraining(readTrainRequest('builtin:grid', { out: join(root, 'grid'), seed: '4' }), (line) => lines.push(line));
    assert.deepEqual(setup.config, resolveTrainConfig({ ...recommendedSettings('builtin:grid'), seed: 4 }));
    assert.ok(lines.some((line) => /builtin:grid: its recommended settings/.test(line)), lines.join('\n'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('--adam-beta1 and --adam-beta2 reach both Adam optimizers', () => {
  const config = resolveTrainConfig({ optimizer: 'adam', adamBeta1: 0.1, adamBeta2: 0.9, gHidden: [4], dHidden: [4], batchSize: 8 });
  const trainer = createTrainer(createReferenceEngine(), config, builtinTarget('ring'));
  trainer.step();
  const { optimizers } = trainer.getCheckpoint();
  for (const state of [optimizers.generator, optimizers.discriminator] as { hyperparameters: Record<string, number> }[]) {
    assert.equal(state.hyperparameters.beta1, 0.1);
    assert.equal(state.hyperparameters.beta2, 0.9);
  }
  const defaults = defaultTrainConfig();
  assert.deepEqual([defaults.adamBeta1, defaults.adamBeta2], [0.5, 0.999], 'the defaults are the earlier fixed betas');
});

test('--time-limit stops a run as if it had reached its iterations: final files, checkpoint, samples', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-limit-'));
  try {
    const out = join(root, 'run');
    const lines: string[] = [];
    const flags = { out, iterations: '100000', timeLimit: '0.001', batchSize: '16', gHidden: '4', dHidden: '4', displayInterval: '50', exportSamples: '10', threads: '1' };
    const setup = await setUpTraining(readTrainRequest('examples/zig.png', flags), () => undefined);
    const outcome = await runTraining(setup, {
      stream: { write: (text: string) => lines.push(text) > 0, isTTY: false },
      createEngine: async () => createReferenceEngine(),
    });
    assert.equal(outcome.status, 'finished');
    assert.ok(outcome.iteration >= 1 && outcome.iteration < 100000, `stopped at ${outcome.iteration}`);
    assert.ok(lines.some((line) => line.includes(`--time-limit 0.001: stopped after ${outcome.iteration} of 100000 iterations`)), lines.join(''));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.stoppedBy, 'time-limit');
    assert.equal(summary.iterations, outcome.iteration);
    assert.equal(summary.final.iteration, outcome.iteration, 'a metrics line at the stop');
    const checkpoint = JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'));
    assert.equal(checkpoint.iteration, outcome.iteration, 'a checkpoint at the stop');
    assert.equal(readFileSync(join(out, 'samples.csv'), 'utf8').trim().split('\n').length, 11);
    // A sweep counts it as finished rather than resuming it (that would only spend the limit again).
    assert.equal(readRunState(out, 100000).kind, 'finished');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
