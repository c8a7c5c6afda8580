/**
 * Painting a density grid into a panel's pixels through a colour ramp. Each panel is
 * scaled to its own maximum, so it shows the shape of its density (where the mass is,
 * relative to its densest place), whatever the grid's units or resolution.
 */
import type { DensityGrid } from '../density/grid.js';
import { assertBounds, type Bounds } from './bounds.js';
import type { PixelBuffer } from './pixel-painters.js';

/** A density grid (row 0 at the TOP, largest y, like a picture) placed in data space. */
export interface PlacedDensity extends DensityGrid {
  /** The region the grid covers; the panel's bounds when left out. */
  readonly bounds?: Bounds;
}

export interface DensityPaintOptions {
  /**
   * 'bilinear': a smooth surface through the cell centres (smoothed histograms).
   * 'area': each pixel shows the mean of the grid over its footprint — exact for a
   * piecewise-constant density at any zoom (flat cells when enlarged, no lost peaks when shrunk).
   */
  interpolation: 'bilinear' | 'area';
}

/**
 * Fills `buffer` (the panel's plot area, showing `panelBounds`) with `raster` coloured by
 * `ramp` (RGBA bytes, step 0 = no mass). Outside the raster's region the panel shows no mass.
 */
export function paintDensity(
  buffer: PixelBuffer,
  panelBounds: Bounds,
  raster: PlacedDensity,
  ramp: Uint8ClampedArray,
  options: DensityPaintOptions,
): void {
  const rasterBounds = raster.bounds ?? panelBounds;
  assertBounds(panelBounds, 'paintDensity');
  assertBounds(rasterBounds, 'paintDensity raster');
  if (raster.values.length !== raster.width * raster.height) {
    throw new RangeError(`paintDensity: raster has ${raster.values.length} values, expected ${raster.width}×${raster.height}`);
  }
  const { width, height } = buffer;
  // Pixel edges in grid-cell coordinates (x to the right, rows downward from the raster's top): the mapping is separable.
  const columnEdge = (edge: number): number => {
    const x = panelBounds.xMin + (edge / width) * (panelBounds.xMax - panelBounds.xMin);
    return ((x - rasterBounds.xMin) / (rasterBounds.xMax - rasterBounds.xMin)) * raster.width;
  };
  const rowEdge = (edge: number): number => {
    const y = panelBounds.yMax - (edge / height) * (panelBounds.yMax - panelBounds.yMin);
    return ((rasterBounds.yMax - y) / (rasterBounds.yMax - rasterBounds.yMin)) * raster.height;
  };
  const weigh = options.interpolation === 'area' ? areaWeights : bilinearWeights;
  const columns = weigh(width, raster.width, columnEdge);
  const rows = weigh(height, raster.height, rowEdge);

  // Resample along each grid row first (grid rows × panel columns), then across rows for each pixel.
  const { values, width: gridWidth } = raster;
  const { start: columnStart, cell: columnCell, weight: columnWeight } = columns;
  const { start: rowStart, cell: rowCell, weight: rowWeight } = rows;
  const across = new Float64Array(raster.height * width);
  for (let gridRow = 0; gridRow < raster.height; gridRow++) {
    const offset = gridRow * gridWidth;
    const out = gridRow * width;
    for (let column = 0; column < width; column++) {
      let sum = 0;
      const end = columnStart[column + 1];
      for (let k = columnStart[column]; k < end; k++) sum += values[offset + columnCell[k]] * columnWeight[k];
      across[out + column] = sum;
    }
  }
  const shown = new Float64Array(width * height);
  for (let row = 0; row < height; row++) {
    const out = row * width;
    const end = rowStart[row + 1];
    // Row by row: add each contributing grid row's resampled line, weighted.
    for (let k = rowStart[row]; k < end; k++) {
      const line = rowCell[k] * width;
      const w = rowWeight[k];
      for (let column = 0; column < width; column++) shown[out + column] += across[line + column] * w;
    }
  }
  let max = 0;
  for (let i = 0; i < shown.length; i++) if (shown[i] > max) max = shown[i];

  const steps = ramp.length / 4;
  const toStep = max > 0 && Number.isFinite(max) ? (steps - 1) / max : 0;
  // Whole pixels as 32-bit words; the ramp viewed the same way packs bytes in the same (host) order.
  const pixels = new Uint32Array(buffer.data.buffer, buffer.data.byteOffset, width * height);
  const colors = new Uint32Array(ramp.buffer, ramp.byteOffset, steps);
  for (let i = 0; i < shown.length; i++) {
    const scaled = shown[i] * toStep;
    // Negative or NaN: no mass. (x + 0.5) | 0 rounds a non-negative x.
    pixels[i] = colors[scaled > 0 ? Math.min(steps - 1, (scaled + 0.5) | 0) : 0];
  }
}

/** For each pixel along one axis, the grid cells it draws on and their weights (compressed rows: pixel p uses start[p]..start[p+1]). */
interface AxisWeights {
  start: Int32Array;
  cell: Int32Array;
  weight: Float32Array;
}

function packWeights(pixels: number, entries: [cell: number, weight: number][][]): AxisWeights {
  const start = new Int32Array(pixels + 1);
  for (let p = 0; p < pixels; p++) start[p + 1] = start[p] + entries[p].length;
  const cell = new Int32Array(start[pixels]);
  const weight = new Float32Array(start[pixels]);
  entries.flat().forEach(([c, w], i) => {
    cell[i] = c;
    weight[i] = w;
  });
  return { start, cell, weight };
}

/** Linear between the two nearest cell centres; past the outermost centres the edge cell holds; nothing outside the grid. */
function bilinearWeights(pixels: number, cells: number, edge: (edge: number) => number): AxisWeights {
  const entries: [number, number][][] = [];
  for (let p = 0; p < pixels; p++) {
    const centre = edge(p + 0.5);
    if (!(centre >= 0 && centre < cells)) {
      entries.push([]);
      continue;
    }
    const between = Math.min(cells - 1, Math.max(0, centre - 0.5));
    const low = Math.min(Math.max(0, cells - 2), Math.floor(between));
    const t = between - low;
    entries.push(cells === 1 ? [[0, 1]] : [[low, 1 - t], [low + 1, t]]);
  }
  return packWeights(pixels, entries);
}

/** Each cell weighted by the share of the pixel's footprint it covers (outside the grid counts as empty). */
function areaWeights(pixels: number, cells: number, edge: (edge: number) => number): AxisWeights {
  const entries: [number, number][][] = [];
  for (let p = 0; p < pixels; p++) {
    const from = edge(p);
    const to = edge(p + 1);
    const span = to - from;
    const list: [number, number][] = [];
    for (let cell = Math.max(0, Math.floor(from)); cell < Math.min(cells, Math.ceil(to)); cell++) {
      const overlap = Math.min(to, cell + 1) - Math.max(from, cell);
      if (overlap > 0) list.push([cell, overlap / span]);
    }
    entries.push(list);
  }
  return packWeights(pixels, entries);
}
