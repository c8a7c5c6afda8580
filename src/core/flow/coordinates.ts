/**
 * The flow works in centred, unit-scaled coordinates: u = (p − centre) / scale, with the
 * target's mean as the centre and its standard deviation (pooled over x and y) as the scale,
 * so the data have about the noise's spread, N(0, I), whatever the picture or mixture. Points
 * come back through p = centre + scale · u and are never clipped: a point the flow leaves
 * outside the unit square stays there and counts as oos.
 */
import type { Target } from '../density/target.js';

export interface FlowCoordinates {
  centre: [number, number];
  scale: number;
}

/**
 * Mean and pooled standard deviation of the targets' rasters together (each weighted by its
 * share of `weights`), each pixel's mass spread uniformly over its cell. For a picture the
 * raster is the very grid sampled, so these are the exact moments.
 */
export function targetCoordinates(parts: readonly Target[], weights: readonly number[]): FlowCoordinates {
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let mass = 0, sx = 0, sy = 0, sxx = 0, syy = 0, cellVariance = 0;
  parts.forEach((part, c) => {
    const { width, height, values } = part.raster;
    const box = part.rasterBox;
    const dx = (box.xMax - box.xMin) / width;
    const dy = (box.yMax - box.yMin) / height;
    let partMass = 0;
    for (let i = 0; i < values.length; i++) partMass += values[i];
    if (!(partMass > 0)) return;
    const share = weights[c] / totalWeight / partMass;
    for (let row = 0; row < height; row++) {
      const y = box.yMax - (row + 0.5) * dy; // row 0 is the top
      for (let column = 0; column < width; column++) {
        const w = values[row * width + column] * share;
        if (w === 0) continue;
        const x = box.xMin + (column + 0.5) * dx;
        mass += w;
        sx += w * x;
        sy += w * y;
        sxx += w * x * x;
        syy += w * y * y;
      }
    }
    cellVariance += (weights[c] / totalWeight) * (dx * dx + dy * dy) / 24; // a uniform cell adds dx²/12 along x, dy²/12 along y; pooled: half their sum
  });
  const meanX = sx / mass, meanY = sy / mass;
  const variance = (sxx / mass - meanX * meanX + syy / mass - meanY * meanY) / 2 + cellVariance;
  return { centre: [meanX, meanY], scale: Math.sqrt(Math.max(variance, 1e-12)) };
}

/** Points (x, y interleaved) into the flow's coordinates, in place. */
export function toFlowCoordinates(points: Float32Array | Float64Array, coordinates: FlowCoordinates): void {
  const [cx, cy] = coordinates.centre;
  const inverse = 1 / coordinates.scale;
  for (let i = 0; i < points.length; i += 2) {
    points[i] = (points[i] - cx) * inverse;
    points[i + 1] = (points[i + 1] - cy) * inverse;
  }
}

/** Points from the flow's coordinates back to the target's, in place. */
export function fromFlowCoordinates(points: Float32Array | Float64Array, coordinates: FlowCoordinates): void {
  const [cx, cy] = coordinates.centre;
  const { scale } = coordinates;
  for (let i = 0; i < points.length; i += 2) {
    points[i] = cx + scale * points[i];
    points[i + 1] = cy + scale * points[i + 1];
  }
}
