import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import { resolveFlowConfig } from '../../src/core/flow/config.js';
import { createGrid } from '../../src/core/density/grid.js';
import { dataOfCheckpoint, givenForCheckpoint, givenFromConfig, targetSource } from '../../src/web/checkpoint-bridge.js';
import { DRAW_SIZE } from '../../src/core/density/drawn-density-codec.js';

const bounds = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };

test('givenFromConfig gives back only what differs from the defaults, and resolves to the same config', () => {
  assert.deepEqual(givenFromConfig(resolveTrainConfig({})), {});
  const config = resolveTrainConfig({ optimizer: 'adam', gLr: 0.0005, dHidden: [64, 64], loss: 'wgan-gp', gpWeight: 5, seed: 9 });
  const given = givenFromConfig(config);
  // d-lr is adam's default, so it is not repeated; g-lr is not, so it is.
  assert.deepEqual(given, { optimizer: 'adam', gLr: 0.0005, dHidden: [64, 64], loss: 'wgan-gp', gpWeight: 5, seed: 9 });
  assert.deepEqual(resolveTrainConfig(given), config);
});

test('a gradient-penalty weight without WGAN-GP is left out (the page would refuse it)', () => {
  const config = { ...resolveTrainConfig({}), gpWeight: 3 };
  assert.equal(givenFromConfig(config).gpWeight, undefined);
});

test('the data of a checkpoint: built-ins and drawings come back, pictures are asked for', () => {
  assert.deepEqual(dataOfCheckpoint({ source: 'builtin:ring', kind: 'mixture', conditions: [], masses: [], bounds }),
    { found: { kind: 'builtin', name: 'ring', conditional: false } });
  assert.deepEqual(dataOfCheckpoint({ source: 'builtin:binary', kind: 'picture', conditions: ['0', '1'], masses: [1, 2], bounds }),
    { found: { kind: 'builtin', name: 'binary', conditional: true } });
  const grid = createGrid(DRAW_SIZE, DRAW_SIZE);
  grid.values.fill(1, 100, 300);
  const drawn = dataOfCheckpoint({ source: targetSource({ kind: 'drawn', grid }), kind: 'picture', conditions: [], masses: [], bounds });
  assert.ok('found' in drawn && drawn.found.kind === 'drawn');
  assert.deepEqual('found' in drawn && drawn.found.kind === 'drawn' ? Array.from(drawn.found.grid.values) : [], Array.from(grid.values));
  assert.deepEqual(dataOfCheckpoint({ source: 'examples/zig.png', kind: 'picture', conditions: [], masses: [], bounds }),
    { needsPictures: ['zig.png'], source: 'examples/zig.png' });
  assert.deepEqual(dataOfCheckpoint({ source: 'examples/binary', kind: 'picture', conditions: ['0', '1'], masses: [1, 1], bounds }),
    { needsPictures: ['0', '1'], source: 'examples/binary' });
  assert.equal(targetSource({ kind: 'builtin', name: 'zig', conditional: true }), 'builtin:zig');
  assert.equal(targetSource({ kind: 'pictures', names: ['a.png'], grids: [grid] }), 'a.png');
});

test('a finished run continues past its limit; an unfinished one keeps it', () => {
  const config = resolveTrainConfig({ iterations: 300, seed: 4 });
  assert.deepEqual(givenForCheckpoint({ config, iteration: 300 }), { iterations: 600, seed: 4 });
  assert.deepEqual(givenForCheckpoint({ config, iteration: 120 }), { iterations: 300, seed: 4 });
});

test('a checkpoint continues with its own config over the settings base, less what only a CLI run means', async () => {
  const { recommendedForPage } = await import('../../src/web/presets.js');
  const { resolveRunConfig } = await import('../../src/core/gan/presets.js');
  const ring = recommendedForPage({ kind: 'builtin', name: 'ring', conditional: false });
  // A ring run with R1 off: 0 is the default, but the ring's recommended 0.15 lies under it in the page.
  const config = resolveRunConfig('builtin:ring', { r1Weight: 0, iterations: 2000, displayInterval: 100, checkpointInterval: 2000 });
  const given = givenForCheckpoint({ config, iteration: 2000 }, ring);
  assert.deepEqual(given, { r1Weight: 0, iterations: 4000 });
  assert.deepEqual(resolveTrainConfig({ ...ring, ...given }), { ...config, iterations: 4000, displayInterval: 10, checkpointInterval: 100, timeLimit: 0 });
});

test('a file that is not a checkpoint is refused in words, naming the file; a checkpoint reads back whole', async () => {
  const { readCheckpointFile } = await import('../../src/web/checkpoint-bridge.js');
  const { createTrainer } = await import('../../src/core/gan/trainer.js');
  const { createReferenceEngine } = await import('../../src/core/nn/engine.js');
  const { builtinTarget } = await import('../../src/core/density/builtins.js');
  const trainer = createTrainer(createReferenceEngine(), resolveTrainConfig({ batchSize: 16, dHidden: [4], gHidden: [4] }), builtinTarget('ring'));
  trainer.step();
  const text = JSON.stringify(trainer.getCheckpoint());
  assert.equal(JSON.stringify(readCheckpointFile('checkpoint.json', text)), text);
  assert.throws(() => readCheckpointFile('photo.png', '\x89PNG\r\n'), { message: /^photo\.png is not a checkpoint: it is not even JSON text \(a checkpoint is the checkpoint\.json/ });
  assert.throws(() => readCheckpointFile('package.json', '{"name": "x"}'), { message: /^package\.json is not a checkpoint: it is JSON, but not gan2d's/ });
  const damaged = JSON.parse(text);
  damaged.generator.layers[0].weights = [1];
  assert.throws(() => readCheckpointFile('old.json', JSON.stringify(damaged)), { message: /^old\.json is a damaged checkpoint: .*weights/ });
  for (const text of ['', '{', '[]']) assert.throws(() => readCheckpointFile('f.json', text), (error: Error) => !/position|Unexpected/.test(error.message));
});

test("a flow's checkpoint continues with its own config by the flow's flags, over the flow's page base", async () => {
  const { FLOW_PAGE_BASE } = await import('../../src/web/model-options.js');
  const { modelOfCheckpoint } = await import('../../src/web/checkpoint-bridge.js');
  const config = resolveFlowConfig({ hidden: [32, 32], odeSolver: 'heun', batchSize: 64, seed: 5, iterations: 40, timeLimit: 0, displayInterval: 10 });
  const given = givenForCheckpoint({ config, iteration: 40, model: 'flow' }, FLOW_PAGE_BASE);
  // Its --time-limit and display interval are a CLI run's: the page's own stand.
  assert.deepEqual(given, { iterations: 80, batchSize: 64, hidden: [32, 32], odeSolver: 'heun', seed: 5 });
  assert.deepEqual(resolveFlowConfig({ ...FLOW_PAGE_BASE, ...given }), { ...config, iterations: 80, timeLimit: resolveFlowConfig({}).timeLimit, displayInterval: 100 });
  assert.equal(modelOfCheckpoint({ model: 'flow' } as Parameters<typeof modelOfCheckpoint>[0]), 'flow');
});
