import { UserError } from '../errors.js';
import { ActivationCode } from './kernels.js';

/** The activation names users write (options, configs, checkpoints). */
export type ActivationName = 'identity' | 'relu' | 'leaky-relu' | 'elu' | 'tanh' | 'sigmoid';

const CODE_BY_NAME: Record<ActivationName, ActivationCode> = {
  identity: ActivationCode.identity,
  relu: ActivationCode.relu,
  'leaky-relu': ActivationCode.leakyRelu,
  elu: ActivationCode.elu,
  tanh: ActivationCode.tanh,
  sigmoid: ActivationCode.sigmoid,
};

export const ACTIVATION_NAMES = Object.keys(CODE_BY_NAME) as ActivationName[];

export function isActivationName(name: string): name is ActivationName {
  return Object.prototype.hasOwnProperty.call(CODE_BY_NAME, name);
}

/** The kernel code for a name; a UserError naming the valid choices otherwise. */
export function activationCode(name: string): ActivationCode {
  if (!isActivationName(name)) {
    throw new UserError(`unknown activation "${name}" (expected one of: ${ACTIVATION_NAMES.join(', ')})`);
  }
  return CODE_BY_NAME[name];
}

export function activationName(code: ActivationCode): ActivationName {
  return ACTIVATION_NAMES.find((name) => CODE_BY_NAME[name] === code)!;
}

/** PyTorch's default alpha: LeakyReLU's negative slope 0.01, ELU's scale 1; unused elsewhere. */
export function defaultAlpha(name: ActivationName): number {
  return name === 'leaky-relu' ? 0.01 : name === 'elu' ? 1 : 0;
}

/** act(x) for one number (the kernels inline the same formulas). */
export function activate(x: number, code: ActivationCode, alpha: number): number {
  switch (code) {
    case ActivationCode.identity: return x;
    case ActivationCode.relu: return x > 0 ? x : 0;
    case ActivationCode.leakyRelu: return x > 0 ? x : alpha * x;
    case ActivationCode.elu: return x > 0 ? x : alpha * Math.expm1(x);
    case ActivationCode.tanh: return Math.tanh(x);
    case ActivationCode.sigmoid: return stableSigmoid(x);
  }
}

/**
 * act'(x) written as a function of the output y = act(x), as PyTorch's backward does
 * (sigmoid: y(1-y); tanh: 1-y²; ELU: y+alpha below zero; ReLU-likes: by the sign of y).
 */
export function slopeFromOutput(y: number, code: ActivationCode, alpha: number): number {
  switch (code) {
    case ActivationCode.identity: return 1;
    case ActivationCode.relu: return y > 0 ? 1 : 0;
    case ActivationCode.leakyRelu: return y > 0 ? 1 : alpha;
    case ActivationCode.elu: return y > 0 ? 1 : y + alpha;
    case ActivationCode.tanh: return 1 - y * y;
    case ActivationCode.sigmoid: return y * (1 - y);
  }
}

/** 1 / (1 + e^-x) without overflow for large |x|. */
export function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
