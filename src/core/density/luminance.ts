/**
 * A picture's density: its luminance with the Rec. 709 luma weights on the stored
 * (gamma-encoded) values, 0.2126 R + 0.7152 G + 0.0722 B, times alpha, in [0, 1]. The same
 * definition for pictures decoded by the CLI and by the browser.
 */
import { createGrid, type DensityGrid } from './grid.js';

/** RGBA bytes (not premultiplied) -> luminance x alpha in [0, 1]; row 0 stays the top row. */
export function luminanceGrid(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): DensityGrid {
  const grid = createGrid(width, height);
  const values = grid.values;
  for (let i = 0, p = 0; i < values.length; i++, p += 4) {
    const r = rgba[p];
    const g = rgba[p + 1];
    const b = rgba[p + 2];
    // Gray pixels take their level exactly (the weighted sum could be off by an ulp).
    const luma = r === g && g === b ? r : 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const alpha = rgba[p + 3];
    values[i] = alpha === 255 ? luma / 255 : (luma * alpha) / (255 * 255);
  }
  return grid;
}
