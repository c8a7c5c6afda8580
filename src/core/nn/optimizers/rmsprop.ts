import type { Var } from '../tape.js';
import { Optimizer, requireNonNegative } from './optimizer.js';

/** torch.optim.RMSprop's options and defaults (not centered). */
export type RmspropOptions = {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
};

export const RMSPROP_DEFAULTS: RmspropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0 };

/**
 * g ← grad + weightDecay·p; s ← α·s + (1-α)·g²; u ← g / (√s + eps);
 * with momentum: b ← momentum·b + u, p ← p - lr·b; else p ← p - lr·u.
 */
export class Rmsprop extends Optimizer<RmspropOptions> {
  constructor(parameters: readonly Var[], options: Partial<RmspropOptions> = {}) {
    const o = { ...RMSPROP_DEFAULTS, ...options };
    for (const name of ['lr', 'alpha', 'eps', 'weightDecay', 'momentum'] as const) requireNonNegative('RMSprop', name, o[name]);
    super('rmsprop', parameters, o, ['squareAverage', 'momentumBuffer']);
  }

  protected update(index: number, param: Float32Array, grad: Float32Array, n: number): void {
    const { lr, alpha, eps, weightDecay, momentum } = this.options;
    this.engine.kernels.rmspropStep(
      param, grad, this.buffers.squareAverage[index].data, this.buffers.momentumBuffer[index].data, n,
      lr, alpha, eps, weightDecay, momentum,
    );
  }
}
