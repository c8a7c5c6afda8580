import { UserError } from '../errors.js';
import { PointTree } from './point-tree.js';
import { validatePoints, validatePositiveInteger, type Points } from './points.js';

export interface PrecisionRecall {
  /** Share of generated points inside the real manifold (some real point's k-NN ball, boundary included). */
  precision: number;
  /** Share of real points inside the generated manifold. */
  recall: number;
}

export interface PrecisionRecallOptions {
  /** Neighbours that set each ball's radius (default 3, as Kynkäänniemi et al. 2019 recommend). */
  k?: number;
}

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019): each set's manifold is the union of
 * balls centred on its points, each reaching the point's k-th nearest other point of the same set.
 */
export function precisionRecall(real: Points, generated: Points, options: PrecisionRecallOptions = {}): PrecisionRecall {
  const k = options.k ?? 3;
  validatePositiveInteger(k, 'k');
  validateSet(real, 'real', k);
  validateSet(generated, 'generated', k);
  return {
    precision: shareInside(generated, manifold(real, k)),
    recall: shareInside(real, manifold(generated, k)),
  };
}

function validateSet(points: Points, name: string, k: number): void {
  const count = validatePoints(points, name);
  if (count <= k) {
    throw new UserError(`${name}: ${count} points; k = ${k} nearest neighbours need at least ${k + 1}`);
  }
}

/** A tree of the set whose balls reach each point's k-th nearest other point. */
function manifold(points: Points, k: number): PointTree {
  const tree = new PointTree(points);
  const radiusSquared = new Float64Array(tree.count);
  for (let i = 0; i < tree.count; i++) {
    // k + 1 because the point itself is in the tree at distance 0.
    radiusSquared[i] = tree.kthNearestSquared(points[2 * i], points[2 * i + 1], k + 1);
  }
  tree.setRadii(radiusSquared);
  return tree;
}

function shareInside(points: Points, tree: PointTree): number {
  const count = points.length >> 1;
  let inside = 0;
  for (let i = 0; i < count; i++) if (tree.anyBallContains(points[2 * i], points[2 * i + 1])) inside++;
  return inside / count;
}
