import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/core/rng.js';
import type { ActivationName } from '../../src/core/gan/config.js';
import type { NetworkWeights, OutputActivation } from '../../src/core/gan/network-weights.js';
import { writeTfjsModel } from '../../src/node/tfjs-export.js';
import { builtinTarget } from '../../src/core/density/builtins.js';
import { createGrid } from '../../src/core/density/grid.js';
import { pictureTarget, type Target } from '../../src/core/density/target.js';
import { createReferenceEngine } from '../../src/core/nn/engine.js';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import type { ConditionalSource, TrainingTarget } from '../../src/core/model/target.js';
import { fillGeneratorInput } from '../../src/core/gan/generator-input.js';
import { restoreGenerator } from '../../src/core/gan/saved-generator.js';
import { createTrainer } from '../../src/core/gan/trainer.js';

/** A generator with random weights of the given sizes. */
function randomNetwork(sizes: number[], hidden: ActivationName, output: OutputActivation, seed: number): NetworkWeights {
  const rng = new Rng(seed);
  const layers = sizes.slice(1).map((outputs, i) => {
    const inputs = sizes[i];
    return {
      inputs,
      outputs,
      weights: Array.from({ length: inputs * outputs }, () => Math.fround(rng.normal() * 0.7)),
      bias: Array.from({ length: outputs }, () => Math.fround(rng.normal() * 0.2)),
    };
  });
  return { layers, hiddenActivation: hidden, outputActivation: output };
}

/** The forward pass written out in float64, independently of the exporter and of the engine. */
function referenceForward(network: NetworkWeights, input: number[]): number[] {
  let x = input;
  network.layers.forEach((layer, i) => {
    const y = new Array<number>(layer.outputs).fill(0);
    for (let o = 0; o < layer.outputs; o++) {
      let sum = layer.bias[o];
      for (let k = 0; k < layer.inputs; k++) sum += x[k] * layer.weights[k * layer.outputs + o];
      y[o] = sum;
    }
    const last = i === network.layers.length - 1;
    const act = last ? network.outputActivation : network.hiddenActivation;
    x = y.map((v) => {
      switch (act) {
        case 'leaky-relu': return v > 0 ? v : 0.1 * v;
        case 'relu': return Math.max(0, v);
        case 'tanh': return Math.tanh(v);
        case 'elu': return v > 0 ? v : Math.exp(v) - 1;
        case 'sigmoid': return 1 / (1 + Math.exp(-v));
        case 'identity': return v;
      }
    });
  });
  return x;
}

/** Loads model.json and its weights from a folder the way a Node user would: a custom IOHandler. */
async function loadFromFolder(folder: string): Promise<tf.LayersModel> {
  const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const handler: tf.io.IOHandler = {
    load: async () => {
      const manifest = modelJson.weightsManifest[0];
      const bytes = readFileSync(join(folder, manifest.paths[0]));
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return {
        modelTopology: modelJson.modelTopology,
        weightSpecs: manifest.weights,
        weightData,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
      };
    },
  };
  return tf.loadLayersModel(handler);
}

test('TensorFlow.js loads the exported generator and computes the same points', async () => {
  await tf.setBackend('cpu');
  const cases: [number[], ActivationName, OutputActivation][] = [
    [[2, 50, 2], 'leaky-relu', 'sigmoid'], // the seed demo's G
    [[5, 16, 8, 2], 'relu', 'identity'], // z 2 + 3 conditions, two hidden layers, a mixture's linear output
    [[3, 7, 2], 'tanh', 'sigmoid'],
    [[2, 9, 2], 'elu', 'identity'],
  ];
  const folder = mkdtempSync(join(tmpdir(), 'gan2d-tfjs-'));
  try {
    for (const [sizes, hidden, output] of cases) {
      const network = randomNetwork(sizes, hidden, output, sizes.length * 31 + sizes[1]);
      writeTfjsModel(folder, network, { note: 'test' });
      const model = await loadFromFolder(folder);
      const rng = new Rng(5);
      const rows = 64;
      const inputs = Array.from({ length: rows }, () => Array.from({ length: sizes[0] }, () => rng.normal()));
      const predicted = model.predict(tf.tensor2d(inputs)) as tf.Tensor;
      assert.deepEqual(predicted.shape, [rows, 2]);
      const got = await predicted.array() as number[][];
      inputs.forEach((input, r) => {
        const want = referenceForward(network, input);
        for (let c = 0; c < 2; c++) {
          assert.ok(Math.abs(got[r][c] - want[c]) < 1e-5 * (1 + Math.abs(want[c])),
            `${sizes.join('-')} ${hidden}: row ${r} col ${c}: tfjs ${got[r][c]} vs reference ${want[c]}`);
        }
      });
      model.dispose();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the exported generator of a trained run gives the same points as gan2d generate', async () => {
  await tf.setBackend('cpu');
  const halves = (): ConditionalSource => {
    const side = (from: number): Target => {
      const grid = createGrid(8, 8);
      for (let i = 0; i < 64; i++) if (i % 8 >= from && i % 8 < from + 4) grid.values[i] = 1;
      return pictureTarget(`side${from}`, grid);
    };
    return { name: 'halves', conditions: [{ name: 'a', target: side(0), mass: 1 }, { name: 'b', target: side(4), mass: 2 }] };
  };
  const targets: [string, TrainingTarget][] = [['plain', builtinTarget('ring')], ['conditional', halves()]];
  const folder = mkdtempSync(join(tmpdir(), 'gan2d-tfjs-run-'));
  try {
    for (const [label, target] of targets) {
      const config = resolveTrainConfig({ batchSize: 32, gHidden: [16, 8], dHidden: [8], activation: 'elu' });
      const trainer = createTrainer(createReferenceEngine(), config, target, label);
      for (let i = 0; i < 3; i++) trainer.step();
      const checkpoint = trainer.getCheckpoint();
      writeTfjsModel(folder, checkpoint.generator, {});
      const model = await loadFromFolder(folder);

      const saved = restoreGenerator(createReferenceEngine(), checkpoint);
      const rows = saved.rowsFor(60);
      const ours = saved.generate(rows, new Rng(9, 4));
      // The very input generate drew: the same stream, the same layout.
      const width = config.zDim + saved.conditionCount;
      const input = new Float32Array(60 * width);
      fillGeneratorInput(input, config.zDim, saved.conditionCount, rows, new Rng(9, 4));
      const theirs = await (model.predict(tf.tensor2d(input, [60, width])) as tf.Tensor).data();
      for (let i = 0; i < ours.length; i++) {
        assert.ok(Math.abs(theirs[i] - ours[i]) < 1e-5 * (1 + Math.abs(ours[i])), `${label} value ${i}: tfjs ${theirs[i]} vs ours ${ours[i]}`);
      }
      model.dispose();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
