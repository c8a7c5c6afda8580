/**
 * Weight initialisation of one linear layer (W fan_in×fan_out, b 1×fan_out), drawn from an
 * Rng in a fixed order (every weight row by row, then every bias) so a seed fixes the result.
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { Tensor } from './tensor.js';

/**
 * pytorch: torch.nn.Linear's default, kaiming_uniform_(a=√5) = U(±1/√fan_in) for weights and
 *   the same bound for biases.
 * he-uniform / he-normal: kaiming_uniform_/kaiming_normal_ for ReLU (gain √2, fan_in): bound
 *   √(6/fan_in), std √(2/fan_in); biases zero.
 * xavier-uniform / xavier-normal: gain 1, bound √(6/(fan_in+fan_out)), std √(2/(fan_in+fan_out)); biases zero.
 */
export type InitName = 'pytorch' | 'he-uniform' | 'he-normal' | 'xavier-uniform' | 'xavier-normal';

export const INIT_NAMES: readonly InitName[] = ['pytorch', 'he-uniform', 'he-normal', 'xavier-uniform', 'xavier-normal'];

export function isInitName(name: string): name is InitName {
  return (INIT_NAMES as readonly string[]).includes(name);
}

export function initLinear(weight: Tensor, bias: Tensor | null, init: InitName, rng: Rng): void {
  const fanIn = weight.rows, fanOut = weight.cols;
  const w = weight.data;
  const uniform = (bound: number, out: Float32Array): void => {
    for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  };
  const normal = (std: number, out: Float32Array): void => {
    for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
  };
  switch (init) {
    case 'pytorch': {
      const bound = 1 / Math.sqrt(fanIn);
      uniform(bound, w);
      if (bias !== null) uniform(bound, bias.data);
      return;
    }
    case 'he-uniform': uniform(Math.sqrt(6 / fanIn), w); break;
    case 'he-normal': normal(Math.sqrt(2 / fanIn), w); break;
    case 'xavier-uniform': uniform(Math.sqrt(6 / (fanIn + fanOut)), w); break;
    case 'xavier-normal': normal(Math.sqrt(2 / (fanIn + fanOut)), w); break;
    default: throw new UserError(`unknown init "${String(init)}" (expected one of: ${INIT_NAMES.join(', ')})`);
  }
  bias?.data.fill(0);
}
