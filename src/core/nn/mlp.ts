/**
 * A multilayer perceptron: dense layers with one hidden activation and an output activation.
 * Layer i maps sizes[i] to sizes[i+1] with W_i (sizes[i]×sizes[i+1]) and b_i (1×sizes[i+1]).
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import { activationCode, defaultAlpha, type ActivationName } from './activations.js';
import type { Engine } from './engine.js';
import { initLinear, INIT_NAMES, isInitName, type InitName } from './init.js';
import { denseConditioned } from './ops/dense-conditioned.js';
import { dense } from './ops/dense.js';
import { expectTensorList, loadTensor, tensorToJSON } from './serialize.js';
import { SpectralNorm } from './spectral-norm.js';
import { Var } from './tape.js';

export interface MlpConfig {
  /** Widths from input to output, e.g. [2, 128, 128, 1]. */
  sizes: readonly number[];
  hiddenActivation: ActivationName;
  /** LeakyReLU's slope or ELU's scale; PyTorch's default for the activation when omitted. */
  hiddenAlpha?: number;
  outputActivation: ActivationName;
  outputAlpha?: number;
  /** Default 'pytorch' (torch.nn.Linear's own initialisation). */
  init?: InitName;
  /** Every weight used as W / σ(W) (spectral-norm.ts); its vectors are drawn from the rng after the weights. */
  spectralNorm?: boolean;
}

/** The weights as plain data: [W0, b0, W1, b1, ...] row-major, JSON-safe, exact. */
export interface MlpWeights {
  sizes: number[];
  tensors: number[][];
}

export class Mlp {
  readonly sizes: readonly number[];
  readonly weights: readonly Var[];
  readonly biases: readonly Var[];
  /** The power iteration's state when the weights are spectrally normalised, else null. */
  readonly spectralNorm: SpectralNorm | null;
  private readonly hiddenActivation: ActivationName;
  private readonly hiddenAlpha: number;
  private readonly outputActivation: ActivationName;
  private readonly outputAlpha: number;

  /** Allocates the parameters in the engine's arena and initialises them from `rng`, layer by layer. */
  constructor(readonly engine: Engine, config: MlpConfig, rng: Rng) {
    const { sizes } = config;
    if (sizes.length < 2 || !sizes.every((size) => Number.isInteger(size) && size >= 1)) {
      throw new UserError(`MLP sizes must be two or more positive integers, got [${sizes.join(', ')}]`);
    }
    const init = config.init ?? 'pytorch';
    if (!isInitName(init)) throw new UserError(`unknown init "${init}" (expected one of: ${INIT_NAMES.join(', ')})`);
    activationCode(config.hiddenActivation); // validates the names early, with the user-facing message
    activationCode(config.outputActivation);
    this.sizes = [...sizes];
    this.hiddenActivation = config.hiddenActivation;
    this.hiddenAlpha = config.hiddenAlpha ?? defaultAlpha(config.hiddenActivation);
    this.outputActivation = config.outputActivation;
    this.outputAlpha = config.outputAlpha ?? defaultAlpha(config.outputActivation);
    const weights: Var[] = [];
    const biases: Var[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const weight = Var.parameter(engine, sizes[i], sizes[i + 1]);
      const bias = Var.parameter(engine, 1, sizes[i + 1]);
      initLinear(weight.value, bias.value, init, rng);
      weights.push(weight);
      biases.push(bias);
    }
    this.weights = weights;
    this.biases = biases;
    this.spectralNorm = config.spectralNorm === true ? new SpectralNorm(engine, weights, rng) : null;
  }

  /** The weight layer i multiplies by: the parameter itself, or it divided by its σ. */
  private layerWeight(i: number): Var {
    return this.spectralNorm === null ? this.weights[i] : this.spectralNorm.normalised(i);
  }

  get layerCount(): number {
    return this.weights.length;
  }

  /** x is batch×sizes[0]; returns batch×sizes[last]. Recorded on the tape when grad mode is on. */
  forward(x: Var): Var {
    if (x.cols !== this.sizes[0]) throw new RangeError(`Mlp.forward: input has ${x.cols} columns, expected ${this.sizes[0]}`);
    let h = x;
    const last = this.layerCount - 1;
    for (let i = 0; i <= last; i++) {
      h = i < last
        ? dense(h, this.layerWeight(i), this.biases[i], this.hiddenActivation, this.hiddenAlpha)
        : dense(h, this.layerWeight(i), this.biases[i], this.outputActivation, this.outputAlpha);
    }
    return h;
  }

  /**
   * forward([x | oneHot]) for rows that come condition by condition, without multiplying the
   * one-hot columns (denseConditioned): the same values, bit for bit, at the cost of forward(x).
   */
  forwardConditioned(x: Var, oneHot: Var | (() => Var), rowsPerCondition: readonly number[]): Var {
    if (x.cols + rowsPerCondition.length !== this.sizes[0]) {
      throw new RangeError(`Mlp.forwardConditioned: input has ${x.cols} + ${rowsPerCondition.length} columns, expected ${this.sizes[0]}`);
    }
    const last = this.layerCount - 1;
    const activation = last === 0 ? this.outputActivation : this.hiddenActivation;
    const alpha = last === 0 ? this.outputAlpha : this.hiddenAlpha;
    let h = denseConditioned(x, oneHot, rowsPerCondition, this.layerWeight(0), this.biases[0], activation, alpha);
    for (let i = 1; i <= last; i++) {
      h = i < last
        ? dense(h, this.layerWeight(i), this.biases[i], this.hiddenActivation, this.hiddenAlpha)
        : dense(h, this.layerWeight(i), this.biases[i], this.outputActivation, this.outputAlpha);
    }
    return h;
  }

  /** [W0, b0, W1, b1, ...], the order of toJSON and of optimizer state. */
  parameters(): Var[] {
    return this.weights.flatMap((weight, i) => [weight, this.biases[i]]);
  }

  /** Turns gradient tracking for all parameters on or off (off for D during G's step). */
  setRequiresGrad(requiresGrad: boolean): void {
    for (const parameter of this.parameters()) parameter.requiresGrad = requiresGrad;
  }

  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.grad!.data.fill(0);
  }

  toJSON(): MlpWeights {
    return { sizes: [...this.sizes], tensors: this.parameters().map((parameter) => tensorToJSON(parameter.value)) };
  }

  /** Replaces the weights with saved ones; a UserError when they do not fit this network. */
  load(weights: MlpWeights): void {
    const sizes: unknown = weights?.sizes;
    if (!Array.isArray(sizes) || sizes.length !== this.sizes.length || sizes.some((size, i) => size !== this.sizes[i])) {
      throw new UserError(`MLP weights: sizes [${Array.isArray(sizes) ? sizes.join(', ') : String(sizes)}] do not match [${this.sizes.join(', ')}]`);
    }
    const parameters = this.parameters();
    const tensors = expectTensorList(weights.tensors, parameters.length, 'MLP weights');
    parameters.forEach((parameter, i) => {
      const layer = i >> 1;
      loadTensor(parameter.value, tensors[i], `MLP weights: layer ${layer} ${i % 2 === 0 ? 'weight' : 'bias'}`);
    });
  }
}
