import { UserError } from '../../errors.js';
import type { Var } from '../tape.js';
import { Optimizer, requireNonNegative } from './optimizer.js';

/** torch.optim.SGD's options and defaults (lr 1e-3 as in PyTorch 2.x). */
export type SgdOptions = {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
};

export const SGD_DEFAULTS: SgdOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false };

/**
 * g ← grad + weightDecay·p; with momentum: b ← g on the first step, else momentum·b + (1-dampening)·g,
 * and g ← g + momentum·b (Nesterov) or b; then p ← p - lr·g.
 */
export class Sgd extends Optimizer<SgdOptions> {
  constructor(parameters: readonly Var[], options: Partial<SgdOptions> = {}) {
    const o = { ...SGD_DEFAULTS, ...options };
    for (const name of ['lr', 'momentum', 'dampening', 'weightDecay'] as const) requireNonNegative('SGD', name, o[name]);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new UserError('SGD: Nesterov momentum needs momentum > 0 and dampening 0');
    }
    super('sgd', parameters, o, ['momentumBuffer']);
  }

  protected update(index: number, param: Float32Array, grad: Float32Array, n: number): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = this.options;
    this.engine.kernels.sgdStep(
      param, grad, this.buffers.momentumBuffer[index].data, n,
      lr, momentum, dampening, weightDecay, nesterov, this.steps === 1,
    );
  }
}
