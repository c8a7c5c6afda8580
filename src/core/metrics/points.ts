import { UserError } from '../errors.js';

/** 2D points, x and y interleaved: [x0, y0, x1, y1, ...]. */
export type Points = Float32Array | Float64Array;

/**
 * Refuses what no metric can score: no points, a dangling coordinate, NaN or ±Infinity.
 * `name` is how the caller knows the input ("samples", "real"), so the message can point at it.
 * Rows count from 0. Returns the number of points.
 */
export function validatePoints(points: Points, name: string): number {
  if (points.length === 0) throw new UserError(`${name}: no points (need at least one x,y pair)`);
  if (points.length % 2 !== 0) {
    throw new UserError(`${name}: length ${points.length} is odd (expected x,y pairs)`);
  }
  const count = points.length / 2;
  for (let i = 0; i < points.length; i++) {
    const v = points[i];
    // One comparison for the common case; the rare bad value is diagnosed below.
    if (v - v !== 0) {
      const row = i >> 1;
      const axis = i % 2 === 0 ? 'x' : 'y';
      const what = Number.isNaN(v) ? 'NaN' : 'infinite';
      throw new UserError(`${name}: row ${row} is ${what} (${axis} = ${v})`);
    }
  }
  return count;
}

/** Refuses a count that is not a positive integer, naming the option. */
export function validatePositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new UserError(`${name}: must be a positive integer (got ${value})`);
  }
}
