/**
 * --data-scale: both networks work in coordinates where a mixture is about unit-sized.
 * G's output is multiplied by the scale and D's input divided by it, inside the networks
 * themselves, so everything that runs them (training, generation, the page's probes of
 * D's surface) sees the target's own coordinates. With the target's standard deviation
 * as the scale, the grid (±4) and the ring (radius 1) look alike to the networks: G's
 * last layer needs no growing to reach ±4, and one R1 weight means the same to both.
 */
import { UserError } from '../errors.js';
import type { Engine } from '../nn/engine.js';
import { Mlp, type MlpConfig } from '../nn/mlp.js';
import { scale } from '../nn/ops/elementwise.js';
import type { Var } from '../nn/tape.js';
import type { Rng } from '../rng.js';
import type { NetworkWeights } from './network-weights.js';

/** An MLP whose input is multiplied by `inputScale` and whose output by `outputScale` (fixed, not trained). */
export class ScaledMlp extends Mlp {
  constructor(engine: Engine, config: MlpConfig, rng: Rng, readonly inputScale: number, readonly outputScale: number) {
    super(engine, config, rng);
  }

  override forward(x: Var): Var {
    const output = super.forward(this.inputScale === 1 ? x : scale(x, this.inputScale));
    return this.outputScale === 1 ? output : scale(output, this.outputScale);
  }
}

/** The network of `config`, working in coordinates divided by `dataScale` (a plain Mlp when it is 1). */
export function scaledNetwork(engine: Engine, config: MlpConfig, rng: Rng, role: 'generator' | 'discriminator', dataScale: number): Mlp {
  if (dataScale === 1) return new Mlp(engine, config, rng);
  return role === 'generator'
    ? new ScaledMlp(engine, config, rng, 1, dataScale)
    : new ScaledMlp(engine, config, rng, 1 / dataScale, 1);
}

/** A scale other than 1 suits mixtures only: pictures live in the unit square, G ends in a sigmoid, and D's one-hot columns must stay 0/1. */
export function checkDataScale(dataScale: number, kind: 'picture' | 'mixture', conditionCount: number): void {
  if (dataScale !== 1 && (kind !== 'mixture' || conditionCount > 0)) {
    throw new UserError(`--data-scale: applies to mixtures (builtin:ring, builtin:grid) only; a picture's points already live in the unit square (use 1)`);
  }
}

/** The standard deviation of a mixture's points along x and y (pooled): what --data-scale is set to in the recommended settings. */
export function mixtureScale(centres: Float64Array, sigma: number): number {
  const k = centres.length / 2;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < k; i++) {
    meanX += centres[2 * i] / k;
    meanY += centres[2 * i + 1] / k;
  }
  let spread = 0;
  for (let i = 0; i < k; i++) spread += ((centres[2 * i] - meanX) ** 2 + (centres[2 * i + 1] - meanY) ** 2) / (2 * k);
  return Math.sqrt(spread + sigma * sigma);
}

/**
 * G's weights with the output scale folded into its last (linear) layer, for tools that run
 * the layers alone (the TensorFlow.js export): their points are then in the target's coordinates.
 */
export function foldOutputScale(weights: NetworkWeights, dataScale: number): NetworkWeights {
  if (dataScale === 1) return weights;
  const last = weights.layers.length - 1;
  return {
    ...weights,
    layers: weights.layers.map((layer, i) => (i < last ? layer : {
      ...layer,
      weights: layer.weights.map((w) => w * dataScale),
      bias: layer.bias.map((b) => b * dataScale),
    })),
  };
}
