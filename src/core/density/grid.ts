/**
 * A density grid: non-negative values on a raster of pixels, row-major, row 0 at the TOP
 * (as pictures are stored). Values need not be normalised; a sampler treats each pixel's
 * value as its unnormalised mass, spread uniformly over the pixel.
 */
export interface DensityGrid {
  readonly width: number;
  readonly height: number;
  /** width * height values, index = row * width + column. */
  readonly values: Float32Array;
}

export function createGrid(width: number, height: number): DensityGrid {
  return { width, height, values: new Float32Array(width * height) };
}

/** Sum of all values (float64 accumulation): the grid's total mass in pixel units. */
export function gridMass(grid: DensityGrid): number {
  let total = 0;
  for (let i = 0; i < grid.values.length; i++) total += grid.values[i];
  return total;
}

export function gridMax(grid: DensityGrid): number {
  let max = 0;
  for (let i = 0; i < grid.values.length; i++) if (grid.values[i] > max) max = grid.values[i];
  return max;
}
