// `gan2d train --model flow` through the run loop in-process: the files a flow run leaves, an
// interrupted run resumed matching an uninterrupted one file for file, generate and export on
// the run, and the options of the other model refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readTrainRequest } from '../../../src/cli/options.js';
import { runExport } from '../../../src/cli/export.js';
import { runGenerate } from '../../../src/cli/generate.js';
import { runTraining, type RunHooks } from '../../../src/node/train/run.js';
import { setUpTraining } from '../../../src/node/train/setup.js';
import { parseAnyCheckpoint, type FlowCheckpoint } from '../../../src/core/flow/checkpoint.js';
import { buildVelocityNetwork, evaluateVelocity } from '../../../src/core/flow/flow-model.js';
import { velocityInputWriter } from '../../../src/core/flow/velocity-input.js';
import { loadNetworkWeights } from '../../../src/core/gan/networks.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Rng } from '../../../src/core/rng.js';
import { UserError } from '../../../src/core/errors.js';

const quiet = { write: () => true, isTTY: false };
const referenceEngine: RunHooks['createEngine'] = async () => createReferenceEngine();

async function train(input: string | undefined, flags: Record<string, unknown>, hooks: RunHooks = {}) {
  const setup = await setUpTraining(readTrainRequest(input, flags), () => undefined);
  return runTraining(setup, { stream: quiet, createEngine: referenceEngine, ...hooks });
}

const SMALL = {
  model: 'flow', iterations: '24', batchSize: '64', hidden: '16,16', fourierFeatures: '2', timeFeatures: '2', odeSteps: '3',
  displayInterval: '4', checkpointInterval: '8', threads: '1', timeLimit: '0',
};

function flowCheckpoint(folder: string, clock = false): FlowCheckpoint {
  const checkpoint = parseAnyCheckpoint(JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8'))) as FlowCheckpoint;
  if (!clock && checkpoint.run) checkpoint.run.elapsedSeconds = 0;
  return checkpoint;
}

test('a conditional flow run interrupted and resumed gives the same files as an uninterrupted one, bit for bit', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-flow-'));
  try {
    const straight = join(root, 'straight');
    const broken = join(root, 'broken');
    const whole = await train('examples/binary/', { ...SMALL, out: straight, exportSamples: '20' }, { inlineAnimation: true });
    assert.equal(whole.status, 'finished');
    const first = await train('examples/binary/', { ...SMALL, out: broken, exportSamples: '20' }, { shouldStop: (i) => i === 14 });
    assert.equal(first.status, 'interrupted');
    assert.equal(flowCheckpoint(broken).iteration, 14);
    const second = await train(undefined, { resume: broken });
    assert.equal(second.status, 'finished');
    assert.equal(second.iteration, 24);
    assert.deepEqual(flowCheckpoint(broken), flowCheckpoint(straight));
    for (const file of ['metrics.jsonl', 'training.gif', 'final.png', 'losses.png', 'samples.csv']) {
      assert.ok(readFileSync(join(broken, file)).equals(readFileSync(join(straight, file))), `${file} differs`);
    }
    const summary = (folder: string): Record<string, unknown> => JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8'));
    assert.deepEqual(summary(broken).evaluation, summary(straight).evaluation);
    assert.deepEqual(readdirSync(broken).filter((name) => name.startsWith('.')), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a flow run: its metrics lines, summary and version-2 checkpoint; generate and export work on it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-flow-'));
  try {
    const out = join(root, 'run');
    const outcome = await train('examples/zig.png', { ...SMALL, out });
    assert.equal(outcome.status, 'finished');
    assert.match(outcome.message, /final flow [\d.]+; on 20000 points: js64 /);
    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((l) => l.iteration), [4, 8, 12, 16, 20, 24]);
    for (const line of lines) {
      assert.ok(line.flow > 0 && Number.isFinite(line.flow));
      assert.equal(line.dReal, undefined);
      for (const key of ['js64', 'oos', 'farOos', 'js64Floor', 'oosFloor']) assert.equal(typeof line[key], 'number', key);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.evaluation.points, 20000);
    // The recipe's defaults (docs/benchmarks/flow-recipe.md).
    assert.deepEqual([summary.config.odeSolver, summary.config.odeSteps, summary.config.odeSpacing, summary.config.timeSampling, summary.config.lrDecay],
      ['midpoint', 3, 'quadratic', 'later', 0.3]);
    const raw = JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'));
    assert.equal(raw.version, 2);
    assert.equal(raw.model, 'flow');

    // generate: the run's points, the same for the same seed.
    const csv = join(root, 'points.csv');
    await runGenerate(out, { n: '50', output: csv, seed: '3' }, () => undefined);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    assert.equal(rows.length, 50);
    assert.ok(rows.every((row) => row.split(',').map(Number).every(Number.isFinite)));

    // export: TensorFlow.js computes the same velocity as our network, on input rows we build.
    const folder = join(root, 'tfjs');
    runExport(out, { format: 'tfjs', output: folder });
    const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
    assert.equal(modelJson.userDefinedMetadata.model, 'flow');
    assert.equal(modelJson.userDefinedMetadata.odeSpacing, 'quadratic');
    assert.match(modelJson.userDefinedMetadata.sampling, /1 − \(1 − k\/N\)²/);
    const checkpoint = flowCheckpoint(out);
    const engine = createReferenceEngine();
    const network = buildVelocityNetwork(engine, checkpoint.config, 0, new Rng(0));
    loadNetworkWeights(network, checkpoint.velocityAverage ?? checkpoint.velocity);
    const writer = velocityInputWriter(checkpoint.config);
    const points = [0.3, -1.2, 1.5, 0.4];
    const ours = new Float32Array(4);
    evaluateVelocity(engine, network, writer, 0, [2], points, 0.37, ours);
    const input = new Float32Array(2 * writer.width);
    writer.write(points, 0.37, 2, input);
    const loaded = await tf.loadLayersModel(tfIo(folder));
    const theirs = (loaded.predict(tf.tensor2d(input, [2, writer.width])) as tf.Tensor).dataSync();
    ours.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]) < 1e-4, `velocity ${i}: ${v} vs ${theirs[i]}`));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** model.json and its weights from a folder, as a Node user loads them. */
function tfIo(folder: string): tf.io.IOHandler {
  const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  return {
    load: async () => {
      const manifest = modelJson.weightsManifest[0];
      const bytes = readFileSync(join(folder, manifest.paths[0]));
      return {
        modelTopology: modelJson.modelTopology,
        weightSpecs: manifest.weights,
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      };
    },
  };
}

test('options of the other model are refused in one line naming them', () => {
  assert.throws(() => readTrainRequest('examples/zig.png', { model: 'flow', dLr: '0.1', zDim: '3' }),
    (error: Error) => error instanceof UserError && error.message === '--model flow: --z-dim, --d-lr are options of --model gan only');
  assert.throws(() => readTrainRequest('examples/zig.png', { model: 'flow', dSpectralNorm: '1' }),
    (error: Error) => error instanceof UserError && error.message === '--model flow: --d-spectral-norm is an option of --model gan only');
  assert.throws(() => readTrainRequest('examples/zig.png', { odeSteps: '8' }),
    (error: Error) => error instanceof UserError && error.message === '--model gan: --ode-steps is an option of --model flow only');
  assert.throws(() => readTrainRequest('examples/zig.png', { model: 'vae' }),
    (error: Error) => error instanceof UserError && /^--model: "vae" is not valid; expected one of gan, flow$/.test(error.message));
  assert.throws(() => readTrainRequest('examples/zig.png', { model: 'flow', recipe: 'quality' }),
    (error: Error) => error instanceof UserError && error.message.startsWith('--model flow: --recipe names the GAN\'s recipes'));
  // Shared options keep their names and parse for both.
  assert.equal(readTrainRequest('examples/zig.png', { model: 'flow', batchSize: '100', emaDecay: '0.99' }).given.batchSize, 100);
});
