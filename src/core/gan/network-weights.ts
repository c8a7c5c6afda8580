/**
 * A dense network's weights as plain JSON-safe data: what a checkpoint stores and
 * what an exporter reads. Independent of the engine's memory layout.
 */
import type { ActivationName } from './config.js';

export interface DenseLayerWeights {
  inputs: number;
  outputs: number;
  /** inputs × outputs, row-major: weights[i * outputs + o] links input i to output o (Keras' kernel layout). */
  weights: number[];
  bias: number[];
}

export type OutputActivation = 'sigmoid' | 'identity';

export interface NetworkWeights {
  layers: DenseLayerWeights[];
  /** Between layers; the last layer has outputActivation instead. */
  hiddenActivation: ActivationName;
  outputActivation: OutputActivation;
}
