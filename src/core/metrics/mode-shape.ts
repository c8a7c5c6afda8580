import { HIGH_QUALITY_SIGMAS, nearestCentres, type MixtureModes } from './mixture-metrics.js';
import { validatePoints, type Points } from './points.js';

/**
 * How the generated modes of a mixture compare in shape with the target's, over the
 * high-quality points (within 3σ of their nearest centre), each assigned to that centre:
 *
 * - **width**: root mean square distance to the centre, over what exact Gaussian points within
 *   3σ give (1 for a perfect generator). It counts a mode that sits off its centre as width:
 *   a narrow mode that wanders reads as a wide one.
 * - **spread**: root mean square distance to the mode's own mean, on the same scale: the
 *   width a mode has wherever it sits.
 * - **offset**: root mean square (over the points) distance of their mode's mean from its
 *   centre, in σ.
 *
 * The three are tied: width² = spread² + offset² / TRUNCATED_SQUARED_RADIUS. All are NaN
 * without a high-quality point.
 */
export interface ModeShape {
  width: number;
  spread: number;
  offset: number;
}

/** E[d² | d ≤ 3σ] / σ² for a 2D Gaussian: d²/σ² is exponential with mean 2, cut at 9. */
export const TRUNCATED_SQUARED_RADIUS = 2 - (9 * Math.exp(-4.5)) / (1 - Math.exp(-4.5));

export function modeShape(points: Points, mixture: MixtureModes): ModeShape {
  const count = validatePoints(points, 'points');
  const { centres, sigma } = mixture;
  const modeCount = centres.length / 2;
  const limit = (HIGH_QUALITY_SIGMAS * sigma) ** 2;
  // Per mode: its points' count, coordinate sums and squared distances to the centre.
  const members = new Float64Array(modeCount);
  const sums = new Float64Array(2 * modeCount);
  let squaredToCentres = 0;
  const { nearest, squaredDistance } = nearestCentres(points, centres);
  for (let i = 0; i < count; i++) {
    if (squaredDistance[i] > limit) continue;
    const m = nearest[i];
    members[m]++;
    sums[2 * m] += points[2 * i] - centres[2 * m];
    sums[2 * m + 1] += points[2 * i + 1] - centres[2 * m + 1];
    squaredToCentres += squaredDistance[i];
  }
  const total = members.reduce((a, b) => a + b, 0);
  if (total === 0) return { width: NaN, spread: NaN, offset: NaN };
  // Σ n_k |mean_k − centre_k|²: what of the distance to the centres is the modes' displacement.
  let squaredOffsets = 0;
  for (let m = 0; m < modeCount; m++) {
    if (members[m] > 0) squaredOffsets += (sums[2 * m] ** 2 + sums[2 * m + 1] ** 2) / members[m];
  }
  const squaredToMeans = Math.max(0, squaredToCentres - squaredOffsets);
  const gaussian = TRUNCATED_SQUARED_RADIUS * sigma * sigma;
  return {
    width: Math.sqrt(squaredToCentres / total / gaussian),
    spread: Math.sqrt(squaredToMeans / total / gaussian),
    offset: Math.sqrt(squaredOffsets / total) / sigma,
  };
}
