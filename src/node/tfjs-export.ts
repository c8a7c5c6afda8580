/**
 * The generator as a TensorFlow.js layers model: model.json (a Keras-style
 * Sequential topology plus a weights manifest) and one weights file, which
 * `tf.loadLayersModel` reads. The input is z, followed by the condition's one-hot
 * vector for a conditional run; the output is the point.
 */
import { join } from 'node:path';
import { LEAKY_RELU_SLOPE, type ActivationName } from '../core/gan/config.js';
import type { NetworkWeights } from '../core/gan/network-weights.js';
import { writeFilesAtomic } from './files.js';

export const TFJS_WEIGHTS_FILE = 'group1-shard1of1.bin';

interface LayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Sequential';
    config: { name: string; layers: LayerJson[] };
    keras_version: string;
    backend: string;
  };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  /** What the input and output mean, for a person reading the file. */
  userDefinedMetadata: Record<string, unknown>;
}

/** Keras' name for each activation that is a plain Dense activation string. */
const DENSE_ACTIVATION: Partial<Record<ActivationName | 'sigmoid' | 'identity', string>> = {
  relu: 'relu',
  tanh: 'tanh',
  elu: 'elu',
  sigmoid: 'sigmoid',
  identity: 'linear',
};

function denseLayer(index: number, units: number, activation: string, inputSize: number | null): LayerJson {
  const config: Record<string, unknown> = {
    name: `dense_${index}`,
    trainable: true,
    dtype: 'float32',
    units,
    activation,
    use_bias: true,
    kernel_initializer: { class_name: 'Zeros', config: {} },
    bias_initializer: { class_name: 'Zeros', config: {} },
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
  };
  if (inputSize !== null) config.batch_input_shape = [null, inputSize];
  return { class_name: 'Dense', config };
}

/** model.json's content and the weights file's bytes for a generator. */
export function buildTfjsModel(
  generator: NetworkWeights,
  metadata: Record<string, unknown>,
): { modelJson: TfjsModelJson; weightData: Uint8Array } {
  const layers: LayerJson[] = [];
  const specs: WeightSpec[] = [];
  const count = generator.layers.length;
  generator.layers.forEach((layer, i) => {
    const last = i === count - 1;
    const activation = last ? generator.outputActivation : generator.hiddenActivation;
    const name = `dense_${i + 1}`;
    if (activation === 'leaky-relu') {
      layers.push(denseLayer(i + 1, layer.outputs, 'linear', i === 0 ? layer.inputs : null));
      layers.push({ class_name: 'LeakyReLU', config: { name: `leaky_re_lu_${i + 1}`, trainable: true, dtype: 'float32', alpha: LEAKY_RELU_SLOPE } });
    } else {
      const keras = DENSE_ACTIVATION[activation];
      if (keras === undefined) throw new Error(`tfjs export: no Keras activation for ${activation}`);
      layers.push(denseLayer(i + 1, layer.outputs, keras, i === 0 ? layer.inputs : null));
    }
    specs.push({ name: `${name}/kernel`, shape: [layer.inputs, layer.outputs], dtype: 'float32' });
    specs.push({ name: `${name}/bias`, shape: [layer.outputs], dtype: 'float32' });
  });

  const total = generator.layers.reduce((sum, l) => sum + l.weights.length + l.bias.length, 0);
  const values = new Float32Array(total);
  let offset = 0;
  for (const layer of generator.layers) {
    values.set(layer.weights, offset);
    offset += layer.weights.length;
    values.set(layer.bias, offset);
    offset += layer.bias.length;
  }
  // TensorFlow.js reads weights as little-endian float32; make that explicit on any host.
  const weightData = new Uint8Array(total * 4);
  const view = new DataView(weightData.buffer);
  for (let i = 0; i < total; i++) view.setFloat32(4 * i, values[i], true);

  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'gan2d',
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'generator', layers },
        keras_version: 'tfjs-layers 4',
        backend: 'tensor_flow.js',
      },
      weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: specs }],
      userDefinedMetadata: metadata,
    },
    weightData,
  };
}

/** Writes model.json and its weights file into a folder that exists. */
export function writeTfjsModel(folder: string, generator: NetworkWeights, metadata: Record<string, unknown>): string[] {
  const { modelJson, weightData } = buildTfjsModel(generator, metadata);
  const weightsPath = join(folder, TFJS_WEIGHTS_FILE);
  const modelPath = join(folder, 'model.json');
  // Both written before either is renamed into place (weights first: a model.json never points
  // at a missing file), so a full disk leaves neither.
  writeFilesAtomic([[weightsPath, weightData], [modelPath, JSON.stringify(modelJson, null, 1) + '\n']]);
  return [modelPath, weightsPath];
}
