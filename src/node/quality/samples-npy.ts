/**
 * Reading a samples .npy (what `gan2d sample`, `gan2d generate` and `gan2d train
 * --export-samples` write as .npy, or NumPy's np.save): a float32 or float64 array of shape
 * (n, 2), or (n, 3) with the condition index in the third column. Every refusal names the file
 * and says what is wrong, in one line.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../../core/errors.js';
import { NpyError, parseNpy } from '../../core/samples/npy.js';
import { describeFileError } from '../files.js';
import type { SamplesFile } from './samples-csv.js';

/** Turns the bytes of a .npy file into samples; `path` only names it in messages. */
export function parseSamplesNpy(bytes: Uint8Array, path: string): SamplesFile {
  let array;
  try {
    array = parseNpy(bytes);
  } catch (error) {
    if (error instanceof NpyError) throw new UserError(`${path}: ${error.message}`);
    throw error;
  }
  const { shape, values, fortranOrder } = array;
  if (shape.length !== 2 || (shape[1] !== 2 && shape[1] !== 3)) {
    throw new UserError(`${path}: shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) is not (n, 2) for x, y or (n, 3) for x, y, condition`);
  }
  const [rows, columns] = shape;
  if (rows === 0) throw new UserError(`${path}: no samples (shape (0, ${columns}))`);
  // Element (row, column) of the file's array, in either order.
  const at = fortranOrder ? (row: number, column: number) => values[column * rows + row] : (row: number, column: number) => values[row * columns + column];
  const points = new Float32Array(2 * rows);
  const conditions = columns === 3 ? new Int32Array(rows) : undefined;
  for (let row = 0; row < rows; row++) {
    const x = at(row, 0);
    const y = at(row, 1);
    if (!Number.isFinite(x)) throw new UserError(`${path} row ${row + 1}: x is ${x}, not a finite number`);
    if (!Number.isFinite(y)) throw new UserError(`${path} row ${row + 1}: y is ${y}, not a finite number`);
    points[2 * row] = x;
    points[2 * row + 1] = y;
    if (conditions) {
      const condition = at(row, 2);
      if (!Number.isInteger(condition) || condition < 0 || condition > 0x7fffffff) {
        throw new UserError(`${path} row ${row + 1}: condition ${condition} is not a whole number >= 0`);
      }
      conditions[row] = condition;
    }
  }
  return { points, ...(conditions ? { conditions } : {}) };
}

export function readSamplesNpy(path: string): SamplesFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UserError(`${path}: ${describeFileError(error)}`);
  }
  return parseSamplesNpy(bytes, path);
}
