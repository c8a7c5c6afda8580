/**
 * The committed pre-trained examples (src/web/public/pretrained/, made by `npm run pretrained`):
 * each file is the checkpoint of its run as pretrained-examples.ts states it, and one of them,
 * trained again here by `gan2d train` with the script's arguments, comes out the same but
 * for its wall time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PRETRAINED_EXAMPLES, trainArguments } from '../../src/web/pretrained-examples.js';
import { readCheckpointFile } from '../../src/web/checkpoint-bridge.js';
import { defaultTrainConfig, type TrainConfig } from '../../src/core/gan/config.js';
import { isFlowCheckpoint } from '../../src/core/flow/checkpoint.js';
import { runCli } from '../support/cli.js';

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'web', 'public', 'pretrained');
const read = (name: string): string => gunzipSync(readFileSync(join(FOLDER, `${name}.json.gz`))).toString('utf8');

/** An example's config, which must be a GAN's. */
function ganConfig(name: string, text: string): TrainConfig {
  const checkpoint = readCheckpointFile(name, text);
  assert.ok(!isFlowCheckpoint(checkpoint), `${name} is a GAN's checkpoint`);
  return checkpoint.config;
}

test('each example file is the checkpoint of its stated run, and all of them stay small', () => {
  let total = 0;
  for (const example of PRETRAINED_EXAMPLES) {
    const checkpoint = readCheckpointFile(example.name, read(example.name));
    total += statSync(join(FOLDER, `${example.name}.json.gz`)).size;
    assert.equal(checkpoint.iteration, example.iterations, example.name);
    assert.equal(checkpoint.config.seed, 1);
    assert.equal(checkpoint.target.source, example.input);
    assert.equal(checkpoint.target.conditions.length > 0, example.flags.includes('--conditional'), example.name);
  }
  assert.ok(total < 1_000_000, `${total} bytes in all`);
  // What the captions rest on: the collapse example has the seed demo's networks and optimizer, the success the ring's recipe.
  const seed = defaultTrainConfig();
  const collapse = ganConfig('c', read('ring-collapse'));
  for (const key of ['optimizer', 'dLr', 'gLr', 'batchSize', 'dHidden', 'gHidden', 'dSteps', 'r1Weight', 'emaDecay', 'dataScale', 'activation'] as const) {
    assert.deepEqual(collapse[key], seed[key], `ring-collapse: ${key}`);
  }
  const success = ganConfig('s', read('ring-success'));
  assert.deepEqual([success.optimizer, success.r1Weight, success.emaDecay], ['adam', 0.15, 0.999]);
  const oscillation = ganConfig('o', read('ring-oscillation'));
  assert.deepEqual([oscillation.optimizer, oscillation.dLr, oscillation.r1Weight, oscillation.emaDecay, oscillation.lrDecay], ['adam', 0.01, 0, 0, 0]);
});

test('gan2d train with the script\'s arguments makes the committed collapse example again', async () => {
  const example = PRETRAINED_EXAMPLES.find((candidate) => candidate.name === 'ring-collapse');
  assert.ok(example);
  const out = mkdtempSync(join(tmpdir(), 'gan2d-pretrained-test-'));
  try {
    const result = await runCli(['train', ...trainArguments(example), '--out', out, '--force']);
    assert.equal(result.code, 0, result.stderr);
    const made = JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'));
    const kept = JSON.parse(read(example.name));
    // Only the wall time may differ.
    made.run.elapsedSeconds = kept.run.elapsedSeconds;
    assert.deepEqual(made, kept);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
