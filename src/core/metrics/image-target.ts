import { pictureBox, type Box } from '../density/placement.js';
import { cellMasses } from './cell-masses.js';
import { validateBox, validateRaster, type DensityRaster } from './raster.js';

/** js64 histograms are 64 × 64 cells over [0,1]². */
export const JS_BINS = 64;
/** A pixel is out of support when its value is below this share of the image's maximum. */
export const SUPPORT_THRESHOLD = 0.02;

/**
 * A picture density prepared once for the image metrics, so that js64 and oos cost one pass
 * over the samples each time they are called during training.
 */
export interface ImageTarget {
  readonly width: number;
  readonly height: number;
  /** Where the raster sits in the unit square (y up); the rest of the square has density 0. */
  readonly box: Box;
  /**
   * True masses of the JS_BINS² cells (entry iy·JS_BINS + ix, iy from the bottom) then one
   * last entry for "outside [0,1]²", which is 0.
   */
  readonly masses: Float64Array;
  /** 1 for each raster pixel (row-major, row 0 at the top) whose value is below 2% of the maximum. */
  readonly lowPixel: Uint8Array;
}

/**
 * Prepares `raster` as a target. `box` is where it sits in the unit square: pass the density
 * module's `target.rasterBox`; by default the raster keeps its aspect ratio, centred
 * (pictureBox), as the samplers place it. The tables are copies: later edits to the raster do
 * not leak in.
 */
export function imageTarget(raster: DensityRaster, box?: Box): ImageTarget {
  const maxValue = validateRaster(raster);
  const where = box ?? pictureBox(raster.width, raster.height);
  validateBox(where);
  const inside = cellMasses(raster, where, JS_BINS);
  const masses = new Float64Array(inside.length + 1);
  masses.set(inside);
  const threshold = SUPPORT_THRESHOLD * maxValue;
  const lowPixel = new Uint8Array(raster.values.length);
  for (let i = 0; i < lowPixel.length; i++) lowPixel[i] = raster.values[i] < threshold ? 1 : 0;
  return Object.freeze({ width: raster.width, height: raster.height, box: { ...where }, masses, lowPixel });
}

/** Whether (x, y) is out of support, as oos counts it: outside [0,1]², off the picture, or on a pixel below 2% of the maximum. */
export function isOutOfSupport(target: ImageTarget, x: number, y: number): boolean {
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) return true;
  const { width, height, lowPixel, box } = target;
  // Inside the square but off the picture (the margins of a non-square image): density 0.
  if (x < box.xMin || x > box.xMax || y < box.yMin || y > box.yMax) return true;
  const column = Math.min(width - 1, Math.floor((x - box.xMin) * (width / (box.xMax - box.xMin))));
  const row = Math.min(height - 1, Math.floor((box.yMax - y) * (height / (box.yMax - box.yMin)))); // row 0 is the top
  return lowPixel[row * width + column] === 1;
}
