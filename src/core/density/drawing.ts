import { createGrid, type DensityGrid } from './grid.js';

/**
 * Pure-math rasterisation of simple shapes, for the built-in pictures and examples/.
 * A shape is a signed distance in unit-square coordinates (y up, negative inside); a pixel's
 * value is its anti-aliased coverage clamp(0.5 - distance / pixel, 0, 1) at the pixel centre.
 */
export type SignedDistance = (x: number, y: number) => number;

export function disc(cx: number, cy: number, radius: number): SignedDistance {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

/** A circle's outline of the given half-width. */
export function annulus(cx: number, cy: number, radius: number, halfWidth: number): SignedDistance {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius) - halfWidth;
}

/** A thick segment with round ends (a capsule). */
export function segment(ax: number, ay: number, bx: number, by: number, halfWidth: number): SignedDistance {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
    return Math.hypot(x - ax - t * dx, y - ay - t * dy) - halfWidth;
  };
}

/**
 * A thick polyline through points; the half-width can vary along it (one value a point,
 * interpolated along each segment), which draws tapered strokes.
 */
export function stroke(points: readonly (readonly [number, number])[], halfWidths: readonly number[]): SignedDistance {
  return (x, y) => {
    let best = Infinity;
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      const halfWidth = halfWidths[i] + t * (halfWidths[i + 1] - halfWidths[i]);
      const d = Math.hypot(x - ax - t * dx, y - ay - t * dy) - halfWidth;
      if (d < best) best = d;
    }
    return best;
  };
}

export function union(...shapes: SignedDistance[]): SignedDistance {
  return (x, y) => {
    let best = Infinity;
    for (const shape of shapes) best = Math.min(best, shape(x, y));
    return best;
  };
}

/** Quantises to 8-bit levels so a drawn grid equals its PNG file exactly. */
export function quantise8(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * 255) / 255;
}

/** Rasterises a signed-distance shape into a size x size grid (row 0 at the top). */
export function rasterizeShape(shape: SignedDistance, size: number): DensityGrid {
  return rasterizeField((x, y) => Math.max(0, Math.min(1, 0.5 - shape(x, y) * size)), size);
}

/** Rasterises a value in [0, 1] sampled at pixel centres into a size x size grid, 8-bit quantised. */
export function rasterizeField(value: (x: number, y: number) => number, size: number): DensityGrid {
  const grid = createGrid(size, size);
  for (let row = 0; row < size; row++) {
    const y = 1 - (row + 0.5) / size;
    for (let col = 0; col < size; col++) {
      grid.values[row * size + col] = quantise8(value((col + 0.5) / size, y));
    }
  }
  return grid;
}
