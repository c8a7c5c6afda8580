import { activationCode, defaultAlpha, type ActivationName } from '../activations.js';
import { ActivationCode } from '../kernels.js';
import { record, type Var } from '../tape.js';
import { activationGrad } from './activation.js';
import { matmul } from './matmul.js';
import { columnSums } from './reduce.js';

/**
 * One fully connected layer, act(x·W + b): x is batch×in, W in×out, b 1×out (or null).
 * Forward is one gemm and one fused bias+activation kernel. Backward: the activation's
 * derivative, then gemms for dx and dW and a column sum for db, each only when wanted;
 * in a plain backward() the parameter gradients are accumulated straight into W.grad and
 * b.grad by the kernels. With createGraph every piece is a recorded op instead.
 */
export function dense(
  x: Var, weight: Var, bias: Var | null, activation: ActivationName = 'identity', alpha = defaultAlpha(activation),
): Var {
  const batch = x.rows, fanIn = x.cols, fanOut = weight.cols;
  if (weight.rows !== fanIn) throw new RangeError(`dense: input has ${fanIn} columns, weight is ${weight.rows}×${fanOut}`);
  if (bias !== null && (bias.rows !== 1 || bias.cols !== fanOut)) {
    throw new RangeError(`dense: bias is ${bias.rows}×${bias.cols}, expected 1×${fanOut}`);
  }
  const code = activationCode(activation);
  const { engine } = x;
  const { kernels } = engine;
  const value = engine.arena.scratch(batch, fanOut);
  kernels.gemm(false, false, batch, fanOut, fanIn, x.value.data, weight.value.data, value.data, false);
  kernels.biasActivation(value.data, bias === null ? null : bias.value.data, batch, fanOut, code, alpha, value.data);

  return record(engine, value, [x, weight, bias], (g, ctx) => {
    const dz = code === ActivationCode.identity ? g : activationGrad(g, ctx.output, code, alpha);
    if (ctx.needs(0)) ctx.emit(0, matmul(dz, weight, false, true));
    if (ctx.needs(1)) {
      const into = ctx.accumulator(1);
      if (into === null) ctx.emit(1, matmul(x, dz, true, false));
      else kernels.gemm(true, false, fanIn, fanOut, batch, x.value.data, dz.value.data, into.data, true);
    }
    if (ctx.needs(2)) {
      const into = ctx.accumulator(2);
      if (into === null) ctx.emit(2, columnSums(dz));
      else kernels.columnSums(dz.value.data, batch, fanOut, into.data, true);
    }
  });
}
