/**
 * Painting a density grid into a panel's pixels through a colour ramp. Each grid is
 * scaled to its own maximum, so a panel shows the shape of its density (where the mass
 * is, relative to its densest place), whatever the grid's units or resolution.
 */
import { assertBounds, type Bounds } from './bounds.js';
import type { PixelBuffer } from './pixel-painters.js';

/** A density on a grid: row-major, row 0 at the TOP (largest y), like a picture. */
export interface DensityRaster {
  width: number;
  height: number;
  values: Float32Array;
  /** The region the grid covers; the panel's bounds when left out. */
  bounds?: Bounds;
}

export interface DensityPaintOptions {
  /** Bilinear between cell centres (smoothed histograms) or each cell flat (exact piecewise-constant densities). */
  interpolation: 'bilinear' | 'nearest';
}

/**
 * Fills `buffer` (the panel's plot area, showing `panelBounds`) with `raster` coloured by
 * `ramp` (RGBA bytes, step 0 = no mass). Outside the raster's region the panel shows no mass.
 */
export function paintDensity(
  buffer: PixelBuffer,
  panelBounds: Bounds,
  raster: DensityRaster,
  ramp: Uint8ClampedArray,
  options: DensityPaintOptions,
): void {
  const rasterBounds = raster.bounds ?? panelBounds;
  assertBounds(panelBounds, 'paintDensity');
  assertBounds(rasterBounds, 'paintDensity raster');
  if (raster.values.length !== raster.width * raster.height) {
    throw new RangeError(`paintDensity: raster has ${raster.values.length} values, expected ${raster.width}×${raster.height}`);
  }
  const steps = ramp.length / 4;
  let max = 0;
  for (const value of raster.values) if (value > max) max = value;
  const toStep = max > 0 && Number.isFinite(max) ? (steps - 1) / max : 0;

  // The pixel -> grid mapping is separable: work out each column's and each row's grid position once.
  const columns = gridPositions(buffer.width, raster.width, (pixel) => {
    const x = panelBounds.xMin + ((pixel + 0.5) / buffer.width) * (panelBounds.xMax - panelBounds.xMin);
    return ((x - rasterBounds.xMin) / (rasterBounds.xMax - rasterBounds.xMin)) * raster.width;
  }, options.interpolation);
  const rows = gridPositions(buffer.height, raster.height, (pixel) => {
    const y = panelBounds.yMax - ((pixel + 0.5) / buffer.height) * (panelBounds.yMax - panelBounds.yMin);
    return ((rasterBounds.yMax - y) / (rasterBounds.yMax - rasterBounds.yMin)) * raster.height;
  }, options.interpolation);

  // Interpolate along each grid row first (grid rows × panel columns), then between rows for each pixel.
  const { values, width: gridWidth } = raster;
  const width = buffer.width;
  const across = new Float32Array(raster.height * width);
  for (let gridRow = 0; gridRow < raster.height; gridRow++) {
    const offset = gridRow * gridWidth;
    for (let column = 0; column < width; column++) {
      const low = columns.low[column];
      if (low < 0) continue;
      const a = values[offset + low];
      across[gridRow * width + column] = a + (values[offset + columns.high[column]] - a) * columns.t[column];
    }
  }
  // Whole pixels as 32-bit words; the ramp viewed the same way packs bytes in the same (host) order.
  const pixels = new Uint32Array(buffer.data.buffer, buffer.data.byteOffset, width * buffer.height);
  const colors = new Uint32Array(ramp.buffer, ramp.byteOffset, steps);
  for (let row = 0; row < buffer.height; row++) {
    const rowStart = row * width;
    if (rows.low[row] < 0) {
      pixels.fill(colors[0], rowStart, rowStart + width);
      continue;
    }
    const upper = rows.low[row] * width;
    const lower = rows.high[row] * width;
    const rowT = rows.t[row];
    for (let column = 0; column < width; column++) {
      const a = across[upper + column];
      let step = Math.round((a + (across[lower + column] - a) * rowT) * toStep);
      if (!(step > 0)) step = 0; // negative or NaN: no mass
      else if (step >= steps) step = steps - 1;
      pixels[rowStart + column] = colors[step];
    }
  }
}

interface GridPositions {
  /** Grid cell below (or at) the pixel, -1 when the pixel lies outside the grid. */
  low: Int32Array;
  high: Int32Array;
  /** Weight of `high`. */
  t: Float32Array;
}

function gridPositions(
  pixels: number,
  cells: number,
  cellCoordinate: (pixel: number) => number,
  interpolation: 'bilinear' | 'nearest',
): GridPositions {
  const low = new Int32Array(pixels);
  const high = new Int32Array(pixels);
  const t = new Float32Array(pixels);
  for (let pixel = 0; pixel < pixels; pixel++) {
    const coordinate = cellCoordinate(pixel);
    if (!(coordinate >= 0 && coordinate < cells)) {
      low[pixel] = -1;
      continue;
    }
    if (interpolation === 'nearest') {
      low[pixel] = high[pixel] = Math.floor(coordinate);
      continue;
    }
    // Between cell centres; past the outermost centres the edge cell's value holds.
    const between = Math.min(cells - 1, Math.max(0, coordinate - 0.5));
    const below = Math.min(cells - 2, Math.floor(between));
    if (cells === 1) {
      low[pixel] = high[pixel] = 0;
      continue;
    }
    low[pixel] = below;
    high[pixel] = below + 1;
    t[pixel] = between - below;
  }
  return { low, high, t };
}
