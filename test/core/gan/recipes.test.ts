// --recipe: which settings a run starts from. Pictures and folders default to the seed demo's
// (every default), the mixtures to their own; quality names the searched recipe; explicit
// options override single values; the choice is recorded in summary.json and the checkpoint
// (except for the seed recipe, which is what a run without one always was) and kept on resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrainRequest } from '../../../src/cli/options.js';
import { parseCheckpoint } from '../../../src/core/gan/checkpoint.js';
import {
  defaultTrainConfig, discriminatorActivation, discriminatorAdamBeta1, resolveTrainConfig, type TrainConfig,
} from '../../../src/core/gan/config.js';
import {
  defaultRecipe, recipeSettings, recommendedSettings, resolveRunConfig, RECIPES,
} from '../../../src/core/gan/presets.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { UserError } from '../../../src/core/errors.js';
import { runTraining } from '../../../src/node/train/run.js';
import { setUpTraining } from '../../../src/node/train/setup.js';

test('the default recipe: the mixtures their own, everything else the seed demo\'s (every default)', () => {
  assert.equal(defaultRecipe('builtin:ring'), 'quality');
  assert.equal(defaultRecipe('builtin:grid'), 'quality');
  for (const input of ['examples/zig.png', 'examples/penta', 'builtin:binary', 'drawn:abc', undefined]) {
    assert.equal(defaultRecipe(input), 'seed', String(input));
    assert.deepEqual(resolveRunConfig(input, {}), defaultTrainConfig(), String(input));
  }
  // builtin:ring's quality recipe is its recommended settings; its seed recipe every default.
  assert.deepEqual(resolveRunConfig('builtin:ring', {}, 'quality'), resolveTrainConfig(recommendedSettings('builtin:ring')!));
  assert.deepEqual(resolveRunConfig('builtin:ring', {}, 'seed'), defaultTrainConfig());
});

test('the quality recipe of a picture differs from the defaults, fits 60 s, and lands its rates; explicit options override single values', () => {
  const quality = resolveRunConfig('examples/zig.png', {}, 'quality');
  assert.notDeepEqual(quality, defaultTrainConfig());
  assert.deepEqual(resolveRunConfig('examples/penta', {}, 'quality'), quality, 'without conditional, any input but a mixture gets the pictures\' recipe');
  assert.equal(quality.dataScale, 1, 'pictures live in the unit square');
  assert.ok(quality.timeLimit > 0 && quality.timeLimit <= 60, 'bounded by the 60 s budget');
  assert.ok(quality.lrDecay > 0);
  const overridden = resolveRunConfig('examples/zig.png', { iterations: 9, gHidden: '8' }, 'quality');
  assert.equal(overridden.iterations, 9);
  assert.deepEqual(overridden.gHidden, [8]);
  assert.deepEqual({ ...overridden, iterations: quality.iterations, gHidden: quality.gHidden }, quality, 'the rest stays the recipe\'s');
  assert.deepEqual(recipeSettings('examples/zig.png', 'seed'), {});
  assert.deepEqual([...RECIPES].sort(), ['quality', 'seed']);
});

test('the quality recipe of a conditional run (a folder) is the folders\' own: the pictures\' with less momentum in G; the mixtures keep theirs', () => {
  const pictures = resolveRunConfig('examples/zig.png', {}, 'quality');
  const folders = resolveRunConfig('examples/penta', {}, 'quality', true);
  // D: leaky units (a ReLU D died, on folders and pictures), Adam without momentum, in both recipes.
  for (const config of [pictures, folders]) {
    assert.equal(discriminatorActivation(config), 'leaky-relu');
    assert.equal(discriminatorAdamBeta1(config), 0);
    assert.equal(config.dFourierWarmup, 0.5, 'D opens its bands over the first half');
  }
  // G: ReLU in both (leaky G units piled mass on the wrong dots); β1 0.5 on pictures (0 raised penta's js64), 0.25 on folders.
  assert.equal(pictures.activation, 'relu');
  assert.equal(folders.activation, 'relu');
  assert.equal(pictures.adamBeta1, defaultTrainConfig().adamBeta1);
  assert.equal(folders.adamBeta1, 0.25);
  assert.deepEqual({ ...folders, adamBeta1: pictures.adamBeta1 }, pictures, 'only G\'s β1 differs');
  assert.deepEqual(resolveRunConfig('builtin:binary', {}, 'quality', true), folders, 'a built-in picture by its parts');
  assert.deepEqual(resolveRunConfig('builtin:ring', {}, 'quality', true), resolveRunConfig('builtin:ring', {}, 'quality'));
  assert.deepEqual(recipeSettings('examples/penta', 'seed', true), {});
  assert.equal(resolveRunConfig('examples/penta', { iterations: 7 }, 'quality', true).iterations, 7, 'explicit options still win');
});

test('an unknown recipe is refused in one line naming the known ones, on the command line and in a --config file', () => {
  const refused = (fn: () => unknown, where: RegExp): void => assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError);
    assert.match(error.message, where);
    assert.match(error.message, /"best" is not a recipe; the recipes are quality, seed$/);
    assert.ok(!error.message.includes('\n'));
    return true;
  });
  refused(() => readTrainRequest('examples/zig.png', { recipe: 'best' }), /^--recipe: /);
  const root = mkdtempSync(join(tmpdir(), 'gan2d-recipe-'));
  try {
    const file = join(root, 'options.json');
    writeFileSync(file, JSON.stringify({ recipe: 'best' }));
    refused(() => readTrainRequest('examples/zig.png', { config: file }), /^--config .*options\.json: "recipe": /);
    writeFileSync(file, JSON.stringify({ recipe: 'quality', iterations: 5 }));
    const request = readTrainRequest('examples/zig.png', { config: file, iterations: '7' });
    assert.equal(request.recipe, 'quality');
    assert.equal(request.given.iterations, 7, 'the command line wins over the file');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const TINY = { iterations: '6', batchSize: '16', gHidden: '4', dHidden: '4', displayInterval: '3', threads: '1' };

async function train(input: string | undefined, flags: Record<string, unknown>): Promise<void> {
  const setup = await setUpTraining(readTrainRequest(input, flags), () => undefined);
  const outcome = await runTraining(setup, { stream: { write: () => true, isTTY: false }, createEngine: async () => createReferenceEngine() });
  assert.equal(outcome.status, 'finished');
}

test('summary.json and the checkpoint record a named recipe; the seed recipe leaves them as before; resume keeps it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-recipe-'));
  const read = (folder: string, name: string): Record<string, unknown> => JSON.parse(readFileSync(join(folder, name), 'utf8'));
  try {
    const quality = join(root, 'quality');
    await train('examples/zig.png', { ...TINY, out: quality, recipe: 'quality' });
    assert.equal(read(quality, 'summary.json').recipe, 'quality');
    const checkpoint = parseCheckpoint(read(quality, 'checkpoint.json'));
    assert.equal(checkpoint.recipe, 'quality');
    assert.throws(() => parseCheckpoint({ ...read(quality, 'checkpoint.json'), recipe: 'best' }), /unknown recipe "best"/);
    // The recipe's values reached the run, under the options given.
    assert.deepEqual(checkpoint.config, resolveRunConfig('examples/zig.png', { ...TINY, seed: 1 }, 'quality'));

    // A folder, or a picture with --conditional, is set up with the folders' recipe; a plain picture with the pictures'.
    let setups = 0;
    const setUp = async (input: string, flags: Record<string, unknown>): Promise<TrainConfig> => {
      const setup = await setUpTraining(readTrainRequest(input, { ...flags, recipe: 'quality', out: join(root, `setup-${++setups}`) }), () => undefined);
      assert.equal(setup.model, 'gan');
      return setup.config as TrainConfig;
    };
    const folders = resolveRunConfig('examples/binary', {}, 'quality', true);
    assert.deepEqual(await setUp('examples/binary', {}), folders);
    assert.deepEqual(await setUp('examples/zig.png', { conditional: true }), folders);
    assert.deepEqual(await setUp('examples/zig.png', {}), resolveRunConfig('examples/zig.png', {}, 'quality'));
    assert.equal((await setUp('examples/binary', { activation: 'relu' })).activation, 'relu', 'an explicit option wins');

    const seed = join(root, 'seed');
    await train('examples/zig.png', { ...TINY, out: seed, recipe: 'seed' });
    assert.equal(read(seed, 'summary.json').recipe, undefined);
    assert.equal(read(seed, 'checkpoint.json').recipe, undefined);

    // Resuming keeps the recipe; naming another is refused in one line.
    await assert.rejects(setUpTraining(readTrainRequest(undefined, { resume: quality, recipe: 'seed', iterations: '9' }), () => undefined),
      (error: unknown) => error instanceof UserError && /^--recipe: the run was trained with the quality recipe, not seed/.test(error.message));
    await train(undefined, { resume: quality, iterations: '9' });
    assert.equal(read(quality, 'summary.json').recipe, 'quality');
    assert.equal(parseCheckpoint(read(quality, 'checkpoint.json')).recipe, 'quality');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
