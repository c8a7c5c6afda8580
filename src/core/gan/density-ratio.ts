/**
 * D's estimate of the density ratio r(x) = p_data(x) / p_G(x), read off its raw output, for
 * the losses whose optimal D determines it. With BCE (nonsaturating, minimax) the optimal D is
 * σ(logit) = p_data / (p_data + p_G), so log r = logit. With LSGAN's targets 0 and 1 the
 * optimal output itself is p_data / (p_data + p_G), so r = D / (1 − D). A hinge D saturates at
 * ±1 and a Wasserstein critic is defined up to a constant, both by where the densities differ,
 * not by how much: neither is a ratio estimate, and a correction with them is refused.
 */
import { UserError } from '../errors.js';
import type { LossName } from './config.js';

/** LSGAN outputs are clamped into (ε, 1 − ε): outside it the least-squares D is no probability. */
const LSGAN_CLAMP = 1e-6;

/** log r from D's raw output, or why this loss's D does not estimate r. */
export function logRatioReader(loss: LossName): (output: number) => number {
  switch (loss) {
    case 'nonsaturating':
    case 'minimax':
      return (logit) => logit;
    case 'lsgan':
      return (output) => {
        const d = Math.min(1 - LSGAN_CLAMP, Math.max(LSGAN_CLAMP, output));
        return Math.log(d) - Math.log(1 - d);
      };
    case 'hinge':
    case 'wgan-gp':
      throw new UserError(`--d-correction: the run was trained with --loss ${loss}, whose D does not estimate the density ratio p_data/p_G (use a run with nonsaturating, minimax or lsgan)`);
  }
}

/** What a D-correction draws from: G's fresh points, and D's log-ratio estimate at points. */
export interface RatioProposals {
  /** `count` fresh points of G, interleaved (x, y). */
  propose(count: number): Float32Array;
  /** log r(x) at each point of `points` (interleaved), in order. */
  logRatio(points: Float32Array): Float64Array;
}
