import { UserError } from '../errors.js';
import { validatePoints, type Points } from './points.js';

/** The parts of a mixture the metrics use; the density module's GaussianMixture (ringMixture(), gridMixture()) fits. */
export interface MixtureModes {
  /** Component means, x and y interleaved. */
  readonly centres: Float64Array;
  /** The standard deviation of every component (isotropic). */
  readonly sigma: number;
}

export interface MixtureMetrics {
  /** Modes captured: modes that are the nearest centre of at least one high-quality sample. */
  modes: number;
  /** High-quality share in [0, 1]: samples whose nearest centre is within 3σ (Euclidean, inclusive). */
  highQuality: number;
  /** Reverse KL = Σ p_i ln(K p_i), p the histogram of HQ samples over the K modes; ln K when no sample is HQ. */
  reverseKL: number;
  /** High-quality samples per mode (counts), in the order of `mixture.centres`. */
  perMode: number[];
}

/** How many standard deviations from its nearest centre a sample may be and still count as high quality. */
export const HIGH_QUALITY_SIGMAS = 3;

/**
 * The PacGAN mixture metrics of `samples` (x,y interleaved) against `mixture`.
 *
 * With no HQ sample there is no histogram to compare; reverse KL is then ln K, the
 * metric's largest value (every HQ sample on one mode), so "larger is worse" still holds
 * and means over seeds stay finite. Terms with p_i = 0 contribute 0 (0·ln 0 = 0).
 */
export function mixtureMetrics(samples: Points, mixture: MixtureModes): MixtureMetrics {
  const count = validatePoints(samples, 'samples');
  const { centres, sigma } = mixture;
  if (centres.length === 0 || centres.length % 2 !== 0) {
    throw new UserError(`mixture: centres must be non-empty x,y pairs (got length ${centres.length})`);
  }
  if (!(sigma > 0) || !Number.isFinite(sigma)) {
    throw new UserError(`mixture: sigma must be a positive number (got ${sigma})`);
  }
  const modeCount = centres.length / 2;
  const radiusSquared = (HIGH_QUALITY_SIGMAS * sigma) ** 2;
  const perMode = new Array<number>(modeCount).fill(0);
  let highQualityCount = 0;
  const { nearest, squaredDistance } = nearestCentres(samples, centres);
  for (let i = 0; i < count; i++) {
    if (squaredDistance[i] <= radiusSquared) {
      perMode[nearest[i]]++;
      highQualityCount++;
    }
  }
  let modes = 0;
  let reverseKL = Math.log(modeCount);
  if (highQualityCount > 0) {
    reverseKL = 0;
    for (const c of perMode) {
      if (c === 0) continue;
      modes++;
      const p = c / highQualityCount;
      reverseKL += p * Math.log(modeCount * p);
    }
    reverseKL = Math.max(0, reverseKL); // a KL divergence; rounding must not make it negative
  }
  return { modes, highQuality: highQualityCount / count, reverseKL, perMode };
}

/** Each point's nearest centre (the first of equals) and its squared distance to it. */
export function nearestCentres(points: Points, centres: Float64Array): { nearest: Int32Array; squaredDistance: Float64Array } {
  const count = points.length >> 1;
  const modeCount = centres.length / 2;
  const nearest = new Int32Array(count);
  const squaredDistance = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < count; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    for (let m = 0; m < modeCount; m++) {
      const d2 = (x - centres[2 * m]) ** 2 + (y - centres[2 * m + 1]) ** 2;
      if (d2 < squaredDistance[i]) {
        squaredDistance[i] = d2;
        nearest[i] = m;
      }
    }
  }
  return { nearest, squaredDistance };
}
