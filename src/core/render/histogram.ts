/**
 * Smoothed 2D histograms: how the density panels show a cloud of points.
 *
 * Grids are row-major with row 0 at the TOP (largest y), the layout of a picture and
 * of the density rasters, so a grid can be painted without flipping.
 */
import { assertBounds, type Bounds } from './bounds.js';

/**
 * Counts points (x, y interleaved) into a width × height grid over `bounds`. Cells are
 * half-open [low, high) except that the top and right edges belong to the last cells;
 * points outside the bounds (or NaN) are not counted.
 */
export function histogram2d(points: Float32Array, bounds: Bounds, width: number, height = width): Float32Array {
  assertBounds(bounds, 'histogram2d');
  assertGridSize(width, height, 'histogram2d');
  const counts = new Float32Array(width * height);
  const xScale = width / (bounds.xMax - bounds.xMin);
  const yScale = height / (bounds.yMax - bounds.yMin);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    // The negated comparisons also drop NaN.
    if (!(x >= bounds.xMin && x <= bounds.xMax && y >= bounds.yMin && y <= bounds.yMax)) continue;
    const column = Math.min(width - 1, Math.floor((x - bounds.xMin) * xScale));
    const rowFromBottom = Math.min(height - 1, Math.floor((y - bounds.yMin) * yScale));
    counts[(height - 1 - rowFromBottom) * width + column] += 1;
  }
  return counts;
}

/**
 * Separable Gaussian blur with standard deviation `sigma` (in cells), kernel cut at 3σ,
 * outside the grid counted as empty (so mass near the edges partly leaves the grid).
 * sigma 0 returns a copy.
 */
export function gaussianBlur(grid: Float32Array, width: number, height: number, sigma: number): Float32Array {
  assertGridSize(width, height, 'gaussianBlur');
  if (grid.length !== width * height) throw new RangeError(`gaussianBlur: grid has ${grid.length} cells, expected ${width}×${height}`);
  if (!(sigma >= 0)) throw new RangeError(`gaussianBlur: sigma must be >= 0 (got ${sigma})`);
  if (sigma === 0) return grid.slice();
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const across = new Float32Array(grid.length);
  for (let row = 0; row < height; row++) {
    const offset = row * width;
    for (let column = 0; column < width; column++) {
      let sum = 0;
      const from = Math.max(0, column - radius);
      const to = Math.min(width - 1, column + radius);
      for (let k = from; k <= to; k++) sum += grid[offset + k] * kernel[k - column + radius];
      across[offset + column] = sum;
    }
  }
  const result = new Float32Array(grid.length);
  for (let row = 0; row < height; row++) {
    const from = Math.max(0, row - radius);
    const to = Math.min(height - 1, row + radius);
    for (let column = 0; column < width; column++) {
      let sum = 0;
      for (let k = from; k <= to; k++) sum += across[k * width + column] * kernel[k - row + radius];
      result[row * width + column] = sum;
    }
  }
  return result;
}

/** The normalised 1D Gaussian weights for offsets -radius..radius, radius = ceil(3σ). */
export function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let offset = -radius; offset <= radius; offset++) {
    const weight = Math.exp(-(offset * offset) / (2 * sigma * sigma));
    kernel[offset + radius] = weight;
    total += weight;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] /= total;
  return kernel;
}

/** A histogram smoothed by a Gaussian of `sigma` cells: the density panels' picture of points. */
export function smoothedHistogram(points: Float32Array, bounds: Bounds, size: number, sigma: number): Float32Array {
  return gaussianBlur(histogram2d(points, bounds, size, size), size, size, sigma);
}

function assertGridSize(width: number, height: number, where: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`${where}: grid size must be whole cells >= 1 (got ${width}×${height})`);
  }
}
