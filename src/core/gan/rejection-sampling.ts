/**
 * Discriminator rejection sampling (Azadi et al. 2019): keep each of G's points x with
 * probability min(1, r(x)/M), where r is D's density-ratio estimate and M its maximum. If M
 * bounds r, the kept points follow p_G · r = p_data. M is the largest r over a burn-in batch
 * of G's points, as in the paper, then fixed: a later point above it is kept with probability
 * 1 (its excess is clipped, a small bias where D is most sure). Azadi's γ shift, which trades
 * that exactness for more acceptances, is not used: the acceptance rate here is what the ratio
 * allows, and a run whose ratio is too peaked is refused rather than silently biased.
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { RatioProposals } from './density-ratio.js';

export interface RejectionOptions {
  /** G's points whose largest ratio sets M. */
  burnIn: number;
  /** Proposals per round. */
  chunk: number;
  /** Refusal when more than this many proposals per wanted point would be needed (acceptance below its inverse). */
  maxProposalsPerPoint: number;
}

export const REJECTION_DEFAULTS: RejectionOptions = { burnIn: 10_000, chunk: 8192, maxProposalsPerPoint: 200 };

export interface CorrectedPoints {
  /** The kept points, interleaved (x, y). */
  points: Float32Array;
  /** G's points drawn (the burn-in not counted). */
  proposals: number;
  /** Points accepted: for rejection sampling the kept ones; for MH the moves of the chains. */
  accepted: number;
}

/** The probability of keeping a point of log-ratio `logRatio` when M = exp(logMax). */
export function rejectionAcceptance(logRatio: number, logMax: number): number {
  return logRatio >= logMax ? 1 : Math.exp(logRatio - logMax);
}

function maximum(values: Float64Array): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function rejectionSample(source: RatioProposals, n: number, rng: Rng, options: RejectionOptions = REJECTION_DEFAULTS): CorrectedPoints {
  const logMax = maximum(source.logRatio(source.propose(options.burnIn)));
  if (!Number.isFinite(logMax)) throw new UserError(`--d-correction drs: D's ratio estimate is not finite on G's points`);
  const out = new Float32Array(2 * n);
  const cap = n * options.maxProposalsPerPoint;
  let kept = 0, proposals = 0;
  while (kept < n) {
    if (proposals >= cap) {
      throw new UserError(`--d-correction drs: kept ${kept} of ${proposals} of G's points (${(100 * kept / proposals).toPrecision(2)}%), below 1 in ${options.maxProposalsPerPoint}: D's ratio estimate is too peaked for rejection sampling (try mh)`);
    }
    const count = Math.min(options.chunk, cap - proposals);
    const points = source.propose(count);
    const logRatios = source.logRatio(points);
    // Proposals count as far as they were looked at: the last round's rest is never used.
    for (let i = 0; i < count && kept < n; i++) {
      proposals++;
      if (rng.uniform() < rejectionAcceptance(logRatios[i], logMax)) {
        out[2 * kept] = points[2 * i];
        out[2 * kept + 1] = points[2 * i + 1];
        kept++;
      }
    }
  }
  return { points: out, proposals, accepted: kept };
}
