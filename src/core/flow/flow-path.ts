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

/** n times in [0, 1) into out: uniform, or σ(n) of a standard normal n (logit-normal, Esser et al. 2024). */
export function sampleTimes(sampling: TimeSampling, rng: Rng, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    out[i] = sampling === 'uniform' ? rng.uniform() : 1 / (1 + Math.exp(-rng.normal()));
  }
}
