/**
 * Tensors to and from plain JSON-safe arrays. A float32 is exactly a double, and JSON prints
 * doubles so that they parse back to the same double, so values round-trip bit for bit.
 */
import { UserError } from '../errors.js';
import type { Tensor } from './tensor.js';

export function tensorToJSON(tensor: Tensor): number[] {
  return tensor.toArray();
}

/** Copies `values` into `tensor`; `what` names the tensor in the error for a wrong length or a non-number. */
export function loadTensor(tensor: Tensor, values: unknown, what: string): void {
  if (!Array.isArray(values)) throw new UserError(`${what}: expected an array of numbers`);
  if (values.length !== tensor.size) {
    throw new UserError(`${what}: ${values.length} values, expected ${tensor.size} (${tensor.rows}×${tensor.cols})`);
  }
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new UserError(`${what}: value ${i} is not a finite number`);
  }
  tensor.data.set(values as number[]);
}

/** Checks that `values` is an array of `count` arrays (one per tensor). */
export function expectTensorList(values: unknown, count: number, what: string): unknown[] {
  if (!Array.isArray(values) || values.length !== count) {
    throw new UserError(`${what}: expected a list of ${count} tensors`);
  }
  return values;
}
