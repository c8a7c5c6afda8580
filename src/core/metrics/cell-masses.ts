import type { Box } from '../density/placement.js';
import type { DensityRaster } from './raster.js';

/**
 * The exact mass of a piecewise-constant raster in each cell of a `bins × bins` grid over
 * [0,1]², the raster spanning `box`, normalised to sum 1. Cell (ix, iy) is entry iy·bins + ix with iy counted from the
 * BOTTOM (y up, as samples are). Each pixel's value is spread over the cells it overlaps in
 * proportion to the overlap area, so any raster size and any box inside the square work.
 * Assumes a raster and box that passed validateRaster / validateBox.
 */
export function cellMasses(raster: DensityRaster, box: Box, bins: number): Float64Array {
  const { width, height, values } = raster;
  // The area integral factorises into x and y overlaps, so integrate rows across x first.
  const xs = overlaps1D(box.xMin, box.xMax, width, bins);
  const ys = overlaps1D(box.yMin, box.yMax, height, bins);
  const rowByCell = new Float64Array(height * bins);
  for (let r = 0; r < height; r++) {
    const rowStart = r * width;
    const out = r * bins;
    for (let s = 0; s < xs.count; s++) {
      rowByCell[out + xs.cell[s]] += values[rowStart + xs.pixel[s]] * xs.size[s];
    }
  }
  const masses = new Float64Array(bins * bins);
  let total = 0;
  for (let s = 0; s < ys.count; s++) {
    const rasterRow = height - 1 - ys.pixel[s]; // overlaps1D counts pixels from the bottom; rasters from the top
    const weight = ys.size[s];
    const out = ys.cell[s] * bins;
    const source = rasterRow * bins;
    for (let ix = 0; ix < bins; ix++) {
      const mass = rowByCell[source + ix] * weight;
      masses[out + ix] += mass;
      total += mass;
    }
  }
  for (let i = 0; i < masses.length; i++) masses[i] /= total;
  return masses;
}

/** The pieces where `pixels` equal intervals over [start, end] meet `bins` equal cells over [0, 1]. */
interface Overlaps1D {
  count: number;
  pixel: Int32Array;
  cell: Int32Array;
  size: Float64Array;
}

function overlaps1D(start: number, end: number, pixels: number, bins: number): Overlaps1D {
  // Each boundary of either partition ends one piece, so there are at most pixels + bins pieces.
  const capacity = pixels + bins;
  const pixel = new Int32Array(capacity);
  const cell = new Int32Array(capacity);
  const size = new Float64Array(capacity);
  const pixelWidth = (end - start) / pixels;
  let count = 0;
  let p = 0;
  let c = Math.min(bins - 1, Math.floor(start * bins));
  let position = start;
  while (p < pixels && c < bins) {
    const pixelEnd = p === pixels - 1 ? end : start + (p + 1) * pixelWidth;
    const cellEnd = (c + 1) / bins;
    const pieceEnd = Math.min(pixelEnd, cellEnd);
    if (pieceEnd > position) {
      pixel[count] = p;
      cell[count] = c;
      size[count] = pieceEnd - position;
      count++;
      position = pieceEnd;
    }
    if (pixelEnd <= cellEnd) p++;
    if (cellEnd <= pixelEnd) c++;
  }
  return { count, pixel, cell, size };
}
