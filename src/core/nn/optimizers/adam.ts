import type { Var } from '../tape.js';
import { Optimizer, requireNonNegative, requireUnitInterval } from './optimizer.js';

/** torch.optim.Adam's options and defaults (coupled L2 weight decay, not AdamW). */
export type AdamOptions = {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
};

export const ADAM_DEFAULTS: AdamOptions = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

/**
 * g ← grad + weightDecay·p; m ← β1·m + (1-β1)·g; v ← β2·v + (1-β2)·g²;
 * p ← p - (lr / (1-β1ᵗ)) · m / (√v / √(1-β2ᵗ) + eps).
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(parameters: readonly Var[], options: Partial<AdamOptions> = {}) {
    const o = { ...ADAM_DEFAULTS, ...options };
    requireNonNegative('Adam', 'lr', o.lr);
    requireNonNegative('Adam', 'eps', o.eps);
    requireNonNegative('Adam', 'weightDecay', o.weightDecay);
    requireUnitInterval('Adam', 'beta1', o.beta1);
    requireUnitInterval('Adam', 'beta2', o.beta2);
    super('adam', parameters, o, ['m', 'v']);
  }

  protected update(index: number, param: Float32Array, grad: Float32Array, n: number): void {
    const { lr, beta1, beta2, eps, weightDecay } = this.options;
    this.engine.kernels.adamStep(
      param, grad, this.buffers.m[index].data, this.buffers.v[index].data, n,
      lr, beta1, beta2, eps, weightDecay, this.steps,
    );
  }
}
