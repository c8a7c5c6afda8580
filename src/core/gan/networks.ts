/**
 * The two networks of a run, built from its config: G maps z (plus a condition's
 * one-hot) to a point; D maps a point (plus the one-hot) to one logit. G's output is a
 * sigmoid into the unit square for pictures (as in the seed demo) and linear for
 * mixtures, which live in their own coordinates.
 */
import { Mlp } from '../nn/mlp.js';
import type { Engine } from '../nn/engine.js';
import type { Rng } from '../rng.js';
import { reshape } from '../nn/ops/shape.js';
import type { Var } from '../nn/tape.js';
import { LEAKY_RELU_SLOPE, discriminatorActivation, type ActivationName, type TrainConfig } from './config.js';
import { checkDataScale, scaledNetwork } from './data-scale.js';
import { EmbeddedMlp } from '../nn/embedded-mlp.js';
import { embeddingWidth, octaveFrequencies } from '../nn/ops/sinusoidal-embedding.js';
import type { NetworkWeights, OutputActivation } from './network-weights.js';
import type { SpectralNormVectors } from '../nn/spectral-norm.js';
import { openBandsAt } from '../model/schedule.js';

export function generatorOutput(kind: 'picture' | 'mixture'): OutputActivation {
  return kind === 'picture' ? 'sigmoid' : 'identity';
}

/** A hidden activation's parameter: the seed's leaky slope; ELU's usual scale 1. */
export function activationAlpha(activation: ActivationName): number {
  return activation === 'leaky-relu' ? LEAKY_RELU_SLOPE : activation === 'elu' ? 1 : 0;
}

export function buildGenerator(engine: Engine, config: TrainConfig, conditionCount: number, output: OutputActivation, rng: Rng): Mlp {
  checkDataScale(config.dataScale, output === 'sigmoid' ? 'picture' : 'mixture', conditionCount);
  return scaledNetwork(engine, {
    sizes: [config.zDim + conditionCount, ...config.gHidden, 2],
    hiddenActivation: config.activation,
    hiddenAlpha: activationAlpha(config.activation),
    outputActivation: output,
  }, rng, 'generator', config.dataScale);
}

/** The period of D's lowest Fourier band in the target's coordinates: --d-fourier-period, else the networks' unit (--data-scale; 1 for pictures). */
export function fourierPeriod(config: Pick<TrainConfig, 'dFourierPeriod' | 'dataScale'>): number {
  return config.dFourierPeriod > 0 ? config.dFourierPeriod : config.dataScale;
}

/** D's input columns before any condition's one-hot: `pack` points side by side, each embedded when dFourier > 0. */
export function discriminatorInputWidth(config: Pick<TrainConfig, 'dFourier' | 'pack'>): number {
  return embeddingWidth(2 * config.pack, config.dFourier);
}

/**
 * Points (rows × 2) as D reads them: with --pack k, each k consecutive points side by side
 * in one row (PacGAN); `rows` must be a multiple of k. The batch's real and fake halves are
 * packed separately, so a pack is all real or all fake.
 */
export function packPoints(points: Var, pack: number): Var {
  return pack === 1 ? points : reshape(points, points.rows / pack, 2 * pack);
}

export function buildDiscriminator(engine: Engine, config: TrainConfig, conditionCount: number, rng: Rng): Mlp {
  const activation = discriminatorActivation(config);
  const mlpConfig = {
    sizes: [discriminatorInputWidth(config) + conditionCount, ...config.dHidden, 1],
    hiddenActivation: activation,
    hiddenAlpha: activationAlpha(activation),
    outputActivation: 'identity',
    spectralNorm: config.dSpectralNorm > 0,
  } as const;
  if (config.dFourier > 0) return new EmbeddedMlp(engine, mlpConfig, rng, octaveFrequencies(config.dFourier), 1 / fourierPeriod(config));
  return scaledNetwork(engine, mlpConfig, rng, 'discriminator', config.dataScale);
}

/** An Mlp's weights in the checkpoint's layout (the same row-major inputs × outputs). */
export function networkWeights(network: Mlp, hiddenActivation: ActivationName, output: OutputActivation): NetworkWeights {
  const { sizes, tensors } = network.toJSON();
  return {
    layers: sizes.slice(1).map((outputs, i) => ({
      inputs: sizes[i],
      outputs,
      weights: tensors[2 * i],
      bias: tensors[2 * i + 1],
    })),
    hiddenActivation,
    outputActivation: output,
  };
}

/** Opens D's Fourier bands as far as --d-fourier-warmup has them for the iteration after `completed` of `planned` (no-op without features). */
export function openDiscriminatorBands(network: Mlp, config: Pick<TrainConfig, 'dFourier' | 'dFourierWarmup'>, completed: number, planned: number): void {
  if (network instanceof EmbeddedMlp) network.setOpenBands(openBandsAt(completed, planned, config.dFourierWarmup, config.dFourier));
}

/**
 * A checkpoint's D into `network`: its weights, the power iteration's vectors when D is spectrally normalised,
 * and the Fourier bands open at the checkpoint's iteration (a run stopped in its warm-up judged with fewer).
 */
export function loadDiscriminator(network: Mlp, checkpoint: {
  config: Pick<TrainConfig, 'dFourier' | 'dFourierWarmup' | 'iterations'>; iteration: number; plannedIterations?: number;
  discriminator: NetworkWeights; discriminatorSpectralNorm?: readonly SpectralNormVectors[];
}): void {
  loadNetworkWeights(network, checkpoint.discriminator);
  // The plan as the run had it, not restoredPlan's: a run ended at its time plan judged with every band open.
  openDiscriminatorBands(network, checkpoint.config, checkpoint.iteration, checkpoint.plannedIterations ?? checkpoint.config.iterations);
  if (network.spectralNorm !== null) {
    // parseCheckpoint refuses a spectrally normalised run's checkpoint without them: missing here is a caller's bug.
    if (checkpoint.discriminatorSpectralNorm === undefined) throw new RangeError('loadDiscriminator: a spectrally normalised D needs the checkpoint\'s spectral-norm vectors');
    network.spectralNorm.load(checkpoint.discriminatorSpectralNorm);
  }
}

export function loadNetworkWeights(network: Mlp, weights: NetworkWeights): void {
  const sizes = [weights.layers[0].inputs, ...weights.layers.map((layer) => layer.outputs)];
  network.load({ sizes, tensors: weights.layers.flatMap((layer) => [layer.weights, layer.bias]) });
}
