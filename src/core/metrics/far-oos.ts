/**
 * Far oos: the part of oos that is not edge blur. A generator that draws a shape's edge a
 * little soft leaves strays within a few pixels of it; a plain GAN on two separate shapes
 * leaves a bridge of points far from both. oos counts both; far oos counts only the second.
 */
import { isOutOfSupport, JS_BINS, type ImageTarget } from './image-target.js';
import { PointTree } from './point-tree.js';
import { validatePoints, type Points } from './points.js';

/** How far from the support a stray must be to count as far: one js64 cell, 1/64 of the square (4 pixels of a 256-pixel picture). */
export const FAR_DISTANCE = 1 / JS_BINS;

/** The centres of the in-support pixels with an out-of-support 4-neighbour (or on the picture's border), in sample coordinates. */
function supportEdgeCentres(target: ImageTarget): Float64Array {
  const { width, height, lowPixel, box } = target;
  const inSupport = (row: number, column: number): boolean =>
    row >= 0 && row < height && column >= 0 && column < width && lowPixel[row * width + column] === 0;
  const centres: number[] = [];
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      if (!inSupport(row, column)) continue;
      const interior = inSupport(row - 1, column) && inSupport(row + 1, column) && inSupport(row, column - 1) && inSupport(row, column + 1);
      if (interior) continue;
      centres.push(
        box.xMin + ((column + 0.5) / width) * (box.xMax - box.xMin),
        box.yMax - ((row + 0.5) / height) * (box.yMax - box.yMin), // row 0 is the top
      );
    }
  }
  return Float64Array.from(centres);
}

// The nearest in-support pixel to a point outside the support is always an edge pixel (an
// interior one has a neighbour at least as close), so the tree holds the edge alone.
const edgeTrees = new WeakMap<ImageTarget, PointTree>();

function edgeTree(target: ImageTarget): PointTree {
  let tree = edgeTrees.get(target);
  if (!tree) {
    tree = new PointTree(supportEdgeCentres(target));
    edgeTrees.set(target, tree);
  }
  return tree;
}

/** Far oos: the share of samples out of support (as oos) and farther than FAR_DISTANCE from the centre of every in-support pixel. */
export function farOos(samples: Points, target: ImageTarget): number {
  const count = validatePoints(samples, 'samples');
  const limit = FAR_DISTANCE * FAR_DISTANCE;
  let tree: PointTree | undefined; // looked up once, and only when some sample is out of support
  let far = 0;
  for (let i = 0; i < count; i++) {
    const x = samples[2 * i];
    const y = samples[2 * i + 1];
    if (isOutOfSupport(target, x, y) && (tree ??= edgeTree(target)).kthNearestSquared(x, y, 1) > limit) far++;
  }
  return far / count;
}
