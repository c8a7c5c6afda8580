import { UserError } from '../errors.js';
import { Rng } from '../rng.js';
import { validatePoints, validatePositiveInteger, type Points } from './points.js';

export interface SlicedWassersteinOptions {
  /** Number of projection directions (default 128). */
  projections?: number;
  /** Seed of the directions (default 0). */
  seed?: number;
}

/** The random stream the directions come from. */
const DIRECTION_STREAM = 0x51ced;

/**
 * The projection angles: `projections` evenly spaced over the half-turn [0, π) with one seeded
 * random offset, θ_k = (u + k)·π/P. Stratified rather than independent, so the estimate of the
 * integral over directions varies far less between seeds (half a turn suffices: W1 is the same
 * for θ and θ + π).
 */
export function slicedDirections(projections: number, seed: number): Float64Array {
  validatePositiveInteger(projections, 'projections');
  if (!Number.isInteger(seed)) throw new UserError(`seed: must be an integer (got ${seed})`);
  const offset = new Rng(seed, DIRECTION_STREAM).uniform53();
  return Float64Array.from({ length: projections }, (_, k) => ((offset + k) * Math.PI) / projections);
}

/**
 * Sliced Wasserstein-1 distance: the mean over the directions of slicedDirections of the 1D W1
 * distance between the two point sets projected on each direction. Sizes may differ.
 */
export function slicedWasserstein1(first: Points, second: Points, options: SlicedWassersteinOptions = {}): number {
  const n = validatePoints(first, 'first point set');
  const m = validatePoints(second, 'second point set');
  const angles = slicedDirections(options.projections ?? 128, options.seed ?? 0);
  const a = new Float64Array(n);
  const b = new Float64Array(m);
  let sum = 0;
  for (const angle of angles) {
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    for (let i = 0; i < n; i++) a[i] = c * first[2 * i] + s * first[2 * i + 1];
    for (let j = 0; j < m; j++) b[j] = c * second[2 * j] + s * second[2 * j + 1];
    a.sort();
    b.sort();
    sum += wasserstein1D(a, b);
  }
  return sum / angles.length;
}

/**
 * W1 distance between the empirical distributions of two SORTED samples (equal weights within
 * each): ∫₀¹ |F⁻¹(t) − G⁻¹(t)| dt, walking both quantile functions at once. Quantile breakpoints
 * i/n and j/m are compared as integers i·m and j·n so that ties are exact.
 */
export function wasserstein1D(sortedA: ArrayLike<number>, sortedB: ArrayLike<number>): number {
  const n = sortedA.length;
  const m = sortedB.length;
  if (n === 0 || m === 0) throw new RangeError('wasserstein1D: both samples must be non-empty');
  let i = 0;
  let j = 0;
  let position = 0;
  let sum = 0;
  while (i < n && j < m) {
    const endA = (i + 1) * m;
    const endB = (j + 1) * n;
    const end = endA < endB ? endA : endB;
    sum += Math.abs(sortedA[i] - sortedB[j]) * (end - position);
    position = end;
    if (endA === end) i++;
    if (endB === end) j++;
  }
  return sum / (n * m);
}
