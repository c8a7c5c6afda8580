import { UserError } from '../../errors.js';
import type { Var } from '../tape.js';
import { Optimizer, requireNonNegative } from './optimizer.js';

/** torch.optim.Adadelta's options and defaults. */
export type AdadeltaOptions = {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
};

export const ADADELTA_DEFAULTS: AdadeltaOptions = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 };

/**
 * g ← grad + weightDecay·p; s ← ρ·s + (1-ρ)·g²; δ ← √(a + eps) / √(s + eps) · g;
 * a ← ρ·a + (1-ρ)·δ²; p ← p - lr·δ.
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(parameters: readonly Var[], options: Partial<AdadeltaOptions> = {}) {
    const o = { ...ADADELTA_DEFAULTS, ...options };
    for (const name of ['lr', 'eps', 'weightDecay'] as const) requireNonNegative('Adadelta', name, o[name]);
    if (!(o.rho >= 0 && o.rho <= 1)) throw new UserError(`Adadelta: rho must be in [0, 1], got ${o.rho}`);
    super('adadelta', parameters, o, ['squareAverage', 'accumulatedDelta']);
  }

  protected update(index: number, param: Float32Array, grad: Float32Array, n: number): void {
    const { lr, rho, eps, weightDecay } = this.options;
    this.engine.kernels.adadeltaStep(
      param, grad, this.buffers.squareAverage[index].data, this.buffers.accumulatedDelta[index].data, n,
      lr, rho, eps, weightDecay,
    );
  }
}
