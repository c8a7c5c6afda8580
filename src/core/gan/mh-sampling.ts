/**
 * MH-GAN (Turner et al. 2019): independent Metropolis–Hastings chains whose proposals are G's
 * points. With r = p_data/p_G from D, a move from x to x' is accepted with probability
 * min(1, r(x')/r(x)), so each chain's stationary law is p_G · r = p_data; no bound on r is
 * needed. A chain starts at one of G's points (Turner starts at a real point, which a generator
 * alone does not have) and its state after `steps` proposals is the sample; each output point
 * is its own chain, so they are independent.
 */
import type { Rng } from '../rng.js';
import type { RatioProposals } from './density-ratio.js';
import type { CorrectedPoints } from './rejection-sampling.js';

export interface MhOptions {
  /** Proposals per chain after its start. */
  steps: number;
  /** Chains run side by side (bounds the memory of one round). */
  chunk: number;
}

export const MH_DEFAULTS: MhOptions = { steps: 32, chunk: 8192 };

/** The probability of moving from a point of log-ratio `current` to one of `proposed`. */
export function mhAcceptance(current: number, proposed: number): number {
  return proposed >= current ? 1 : Math.exp(proposed - current);
}

export function metropolisHastings(source: RatioProposals, n: number, rng: Rng, options: MhOptions = MH_DEFAULTS): CorrectedPoints {
  const out = new Float32Array(2 * n);
  let proposals = 0, accepted = 0;
  for (let start = 0; start < n; start += options.chunk) {
    const chains = Math.min(options.chunk, n - start);
    const state = source.propose(chains);
    const stateLog = source.logRatio(state);
    proposals += chains;
    for (let step = 0; step < options.steps; step++) {
      const next = source.propose(chains);
      const nextLog = source.logRatio(next);
      proposals += chains;
      for (let i = 0; i < chains; i++) {
        if (rng.uniform() < mhAcceptance(stateLog[i], nextLog[i])) {
          state[2 * i] = next[2 * i];
          state[2 * i + 1] = next[2 * i + 1];
          stateLog[i] = nextLog[i];
          accepted++;
        }
      }
    }
    out.set(state, 2 * start);
  }
  return { points: out, proposals, accepted };
}
