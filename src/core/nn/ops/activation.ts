/**
 * Activations as ops, and the op for their derivative. The derivative is written from the
 * activation's output (PyTorch's form), so it is itself an op: differentiating it again
 * (gradient penalties through tanh, sigmoid or ELU layers) goes through activationGrad's
 * own backward. For ReLU and LeakyReLU the slope is piecewise constant: no second-order term.
 */
import { activationCode, defaultAlpha, type ActivationName } from '../activations.js';
import { ActivationCode } from '../kernels.js';
import { record, Var } from '../tape.js';
import { addScalar, mul, scale } from './elementwise.js';

export function activation(x: Var, name: ActivationName, alpha = defaultAlpha(name)): Var {
  const code = activationCode(name);
  const { engine } = x;
  const value = engine.arena.scratch(x.rows, x.cols);
  engine.kernels.biasActivation(x.value.data, null, x.rows, x.cols, code, alpha, value.data);
  return record(engine, value, [x], (g, ctx) => ctx.emit(0, activationGrad(g, ctx.output, code, alpha)));
}

/** dy ⊙ act'(·) from the activation's output y. */
export function activationGrad(dy: Var, y: Var, code: ActivationCode, alpha: number): Var {
  const { engine } = dy;
  const value = engine.arena.scratch(dy.rows, dy.cols);
  engine.kernels.activationBackward(dy.value.data, y.value.data, value.size, code, alpha, value.data);
  return record(engine, value, [dy, y], (g, ctx) => {
    if (ctx.needs(0)) ctx.emit(0, activationGrad(g, y, code, alpha));
    if (ctx.needs(1)) {
      const curvature = slopeDerivative(y, code);
      if (curvature !== null) ctx.emit(1, mul(mul(g, dy), curvature));
    }
  });
}

/** d act'(y)/dy as a Var, or null where it is zero (identity, ReLU, LeakyReLU). */
function slopeDerivative(y: Var, code: ActivationCode): Var | null {
  switch (code) {
    case ActivationCode.tanh: return scale(y, -2); // d(1 - y²)/dy
    case ActivationCode.sigmoid: return addScalar(scale(y, -2), 1); // d(y - y²)/dy
    case ActivationCode.elu: { // d(y + alpha)/dy = 1 below zero, 0 above
      const mask = y.engine.arena.scratch(y.rows, y.cols);
      const source = y.value.data;
      for (let i = 0; i < mask.size; i++) mask.data[i] = source[i] > 0 ? 0 : 1;
      return Var.constant(y.engine, mask);
    }
    default: return null;
  }
}
