// The numeric engine's public surface (see README.md in this folder for the map).
export { Tensor } from './tensor.js';
export { type EngineMemory, ArrayBufferMemory, webAssemblyMemory } from './engine-memory.js';
export { Arena, type ArenaMark } from './arena.js';
export { ActivationCode, type Kernels } from './kernels.js';
export { referenceKernels } from './kernels-reference.js';
export { type Engine, type ReferenceEngineOptions, createReferenceEngine } from './engine.js';
export {
  ACTIVATION_NAMES, type ActivationName, activationCode, activationName, defaultAlpha, isActivationName,
} from './activations.js';
export { type BackwardContext, type BackwardFn, isGradEnabled, noGrad, record, Var, withGradMode } from './tape.js';
export { backward, type BackwardOptions, grad, type GradOptions } from './autograd.js';
export * from './ops/index.js';
export { bce, bceWithLogits, mse } from './losses.js';
export { INIT_NAMES, type InitName, initLinear, isInitName } from './init.js';
export { Mlp, type MlpConfig, type MlpWeights } from './mlp.js';
export { SpectralNorm, type SpectralNormVectors } from './spectral-norm.js';
export { loadTensor, tensorToJSON } from './serialize.js';
export { type Hyperparameters, Optimizer, type OptimizerKind, type OptimizerState } from './optimizers/optimizer.js';
export { Sgd, SGD_DEFAULTS, type SgdOptions } from './optimizers/sgd.js';
export { Adam, ADAM_DEFAULTS, type AdamOptions } from './optimizers/adam.js';
export { Rmsprop, RMSPROP_DEFAULTS, type RmspropOptions } from './optimizers/rmsprop.js';
export { Adadelta, ADADELTA_DEFAULTS, type AdadeltaOptions } from './optimizers/adadelta.js';
