// The page's options for either model (web/model-options.ts): the tables, what a switch keeps, the run resolved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTrainConfig, TRAIN_OPTIONS } from '../../src/core/gan/config.js';
import { defaultFlowConfig, FLOW_OPTIONS, modelOnlyFlags } from '../../src/core/flow/config.js';
import { allOptions, findModelOption, optionsOf, resolveModelRun } from '../../src/web/model-options.js';

test('every option of either model once, the GAN\'s first, each flow-only flag after them', () => {
  const keys = allOptions().map((spec) => spec.key);
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(keys.slice(0, TRAIN_OPTIONS.length), TRAIN_OPTIONS.map((spec) => spec.key));
  assert.deepEqual(allOptions().slice(TRAIN_OPTIONS.length).map((spec) => spec.flag).sort(), modelOnlyFlags('flow').sort());
  assert.equal(findModelOption('flow', 'ode-steps')?.key, 'odeSteps');
  assert.equal(findModelOption('gan', 'ode-steps'), undefined);
  assert.equal(findModelOption('flow', 'd-lr'), undefined);
  // A shared flag is the flow's own row there: its default is the flow recipe's.
  assert.equal(findModelOption('flow', 'batch-size')?.default, FLOW_OPTIONS.find((spec) => spec.flag === 'batch-size')?.default);
});

test('a switch of model keeps the shared options and drops the other model\'s', () => {
  const given = { seed: 7, batchSize: 256, emaDecay: 0.99, loss: 'hinge', dLr: 0.001, odeSteps: 4 };
  assert.deepEqual(optionsOf('flow', given), { seed: 7, batchSize: 256, emaDecay: 0.99, odeSteps: 4 });
  assert.deepEqual(optionsOf('gan', given), { seed: 7, batchSize: 256, emaDecay: 0.99, loss: 'hinge', dLr: 0.001 });
});

test('the run resolves with the model\'s own defaults, refusing bad values as the CLI does', () => {
  assert.deepEqual(resolveModelRun('flow', {}), { model: 'flow', config: defaultFlowConfig() });
  assert.deepEqual(resolveModelRun('gan', {}), { model: 'gan', config: defaultTrainConfig() });
  const run = resolveModelRun('flow', { odeSteps: 8 });
  assert.ok(run.model === 'flow' && run.config.odeSteps === 8);
  assert.throws(() => resolveModelRun('flow', { odeSteps: 0 }), /--ode-steps/);
});
