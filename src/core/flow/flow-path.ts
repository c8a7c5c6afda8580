/**
 * Rectified flow's training pairs (Liu et al. 2022; Lipman et al. 2022, "Flow matching"): a
 * noise point x₀, a target point x₁ and a time t give the point on the straight path between
 * them, x_t = (1 − t)·x₀ + t·x₁, and the velocity the network learns there, x₁ − x₀. The loss
 * is the mean squared difference between v(x_t, t) and that velocity.
 */
import type { Rng } from '../rng.js';
import type { TimeSampling } from './config.js';

/**
 * For each row r: xt = (1 − t_r)·x0 + t_r·x1 and velocity = x1 − x0 (rows of 2 values; t has
 * one value per row).
 */
export function straightPath(
  x0: ArrayLike<number>, x1: ArrayLike<number>, t: ArrayLike<number>, rows: number,
  xt: Float32Array | Float64Array, velocity: Float32Array | Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    const time = t[r];
    for (let j = 2 * r; j < 2 * r + 2; j++) {
      xt[j] = (1 - time) * x0[j] + time * x1[j];
      velocity[j] = x1[j] - x0[j];
    }
  }
}

/** One time: uniform u, σ(n) of a standard normal n (logit-normal, Esser et al. 2024), √u (density 2t on [0, 1]) or ∛u (density 3t²). */
function sampleTime(sampling: TimeSampling, rng: Rng): number {
  switch (sampling) {
    case 'uniform': return rng.uniform();
    case 'logit-normal': return 1 / (1 + Math.exp(-rng.normal()));
    case 'late': return Math.sqrt(rng.uniform());
    case 'later': return Math.cbrt(rng.uniform());
  }
}

/** n times in [0, 1) into out, drawn as `sampling` says. */
export function sampleTimes(sampling: TimeSampling, rng: Rng, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = sampleTime(sampling, rng);
}
