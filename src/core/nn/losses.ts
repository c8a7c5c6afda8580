/**
 * Generic losses as functions of Vars, each a mean over the batch (a 1×1 Var). Targets are
 * constants: a number applied to every element (between 0 and 1 for the cross-entropies).
 * The GAN's objectives, built on these, are in core/gan/gan-losses.ts.
 */
import { activation } from './ops/activation.js';
import { addScalar, clampMin, div, mul, scale, square, sub } from './ops/elementwise.js';
import { mean } from './ops/reduce.js';
import { record, type Var } from './tape.js';

/** PyTorch's floor for log in BCELoss, so saturated probabilities give a finite loss. */
const LOG_FLOOR = -100;
/** PyTorch's floor for p(1-p) in BCELoss's gradient. */
const SLOPE_FLOOR = 1e-12;

/** Binary cross-entropy on probabilities p (torch.nn.BCELoss, mean reduction). */
export function bce(p: Var, target: number): Var {
  const { engine } = p;
  const value = engine.arena.scratch(1, 1);
  const source = p.value.data, n = p.value.size;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const logP = Math.max(Math.log(source[i]), LOG_FLOOR);
    const logNotP = Math.max(Math.log1p(-source[i]), LOG_FLOOR);
    total -= target * logP + (1 - target) * logNotP;
  }
  value.data[0] = total / n;
  return record(engine, value, [p], (g, ctx) => {
    // d/dp = (p - t) / max(p(1 - p), 1e-12), as torch's backward, over n.
    const slope = clampMin(mul(p, addScalar(scale(p, -1), 1)), SLOPE_FLOOR);
    ctx.emit(0, mul(div(addScalar(p, -target), slope), scale(g, 1 / n)));
  });
}

/**
 * Binary cross-entropy on logits x, stable for any x (torch.nn.BCEWithLogitsLoss):
 * mean of max(x, 0) - x·t + log(1 + e^-|x|). Its gradient is (sigmoid(x) - t) / n.
 */
export function bceWithLogits(logits: Var, target: number): Var {
  const { engine } = logits;
  const value = engine.arena.scratch(1, 1);
  const source = logits.value.data, n = logits.value.size;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = source[i];
    total += Math.max(x, 0) - x * target + Math.log1p(Math.exp(-Math.abs(x)));
  }
  value.data[0] = total / n;
  return record(engine, value, [logits], (g, ctx) => {
    ctx.emit(0, mul(addScalar(activation(logits, 'sigmoid'), -target), scale(g, 1 / n)));
  });
}

/** Mean squared error between a and b (a Var of the same shape, or a constant). */
export function mse(a: Var, b: Var | number): Var {
  return mean(square(typeof b === 'number' ? addScalar(a, -b) : sub(a, b)));
}
