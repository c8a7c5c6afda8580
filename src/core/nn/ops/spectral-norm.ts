import type { Var } from '../tape.js';
import { div } from './elementwise.js';
import { matmul } from './matmul.js';

/**
 * W / σ, σ = vᵀ·W·u: a weight divided by its largest singular value as estimated by the
 * power iteration's vectors (Miyato et al. 2018). W is in×out (the layout of dense), u is
 * out×1 and v in×1, unit vectors that are constants here: as in the paper, the gradient
 * flows through σ's dependence on W only, dσ/dW = v·uᵀ. Written with recorded ops, so it
 * is differentiable to second order (R1's double backward goes through it).
 */
export function spectralNormalise(weight: Var, u: Var, v: Var): Var {
  if (u.rows !== weight.cols || u.cols !== 1 || v.rows !== weight.rows || v.cols !== 1) {
    throw new RangeError(`spectralNormalise: weight ${weight.rows}×${weight.cols} needs u ${weight.cols}×1 and v ${weight.rows}×1, got ${u.rows}×${u.cols} and ${v.rows}×${v.cols}`);
  }
  const sigma = matmul(matmul(v, weight, true, false), u);
  return div(weight, sigma);
}
