import type { Box } from '../density/placement.js';
import { UserError } from '../errors.js';

/**
 * A target density as a picture: `width × height` non-negative values, row-major, row 0 at the
 * TOP (as images are stored), column 0 at the left; constant over each pixel, not necessarily
 * normalised. Structural: the density module's DensityGrid is one.
 */
export interface DensityRaster {
  readonly width: number;
  readonly height: number;
  readonly values: Float32Array | Float64Array;
}

/** Refuses a raster no metric can use, naming what is wrong; returns its largest value. */
export function validateRaster(raster: DensityRaster, name = 'density'): number {
  const { width, height, values } = raster;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new UserError(`${name}: size must be positive integers (got ${width}×${height})`);
  }
  if (values.length !== width * height) {
    throw new UserError(`${name}: ${values.length} values for a ${width}×${height} raster (expected ${width * height})`);
  }
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0) || v === Infinity) {
      const row = Math.floor(i / width);
      throw new UserError(`${name}: value at row ${row}, column ${i - row * width} is ${v} (must be finite and ≥ 0)`);
    }
    if (v > max) max = v;
  }
  if (max === 0) throw new UserError(`${name}: has no mass (every value is 0)`);
  return max;
}

/** Refuses a box that is empty or leaves the unit square (the image metrics give the outside no true mass). */
export function validateBox(box: Box, name = 'raster box'): void {
  const { xMin, xMax, yMin, yMax } = box;
  const inUnit = (v: number): boolean => v >= 0 && v <= 1;
  if (![xMin, xMax, yMin, yMax].every(inUnit) || !(xMax > xMin) || !(yMax > yMin)) {
    throw new UserError(`${name}: must be a non-empty rectangle inside [0,1]² (got x ${xMin}..${xMax}, y ${yMin}..${yMax})`);
  }
}
