/**
 * An exponential moving average of G's weights, kept beside the G that trains (Yazıcı et al.
 * 2019, "The unusual effectiveness of averaging in GAN training"). The trained G jitters
 * around the equilibrium at the scale of its learning rate; the average does not, so its
 * points sit where the jittering G's points sit on average. The average never trains and
 * never feeds back into training: it is what a run generates with.
 */
import type { Mlp } from '../nn/mlp.js';

/**
 * The decay used at G update `step` (1 for the first): min(decay, (1 + step) / (10 + step)).
 * The warm-up (TensorFlow's num_updates rule) lets the early average forget the random
 * initial weights quickly instead of carrying them for ~1/(1 - decay) updates.
 */
export function averageDecay(decay: number, step: number): number {
  return Math.min(decay, (1 + step) / (10 + step));
}

/** average ← d · average + (1 − d) · current, elementwise over the first n values. */
export function blendInto(average: Float32Array, current: Float32Array, n: number, d: number): void {
  const keep = 1 - d;
  for (let i = 0; i < n; i++) average[i] = d * average[i] + keep * current[i];
}

export interface WeightAverage {
  /** The averaged network: same shape as the source, its own weights. */
  readonly network: Mlp;
  /** Blends the source's current weights in, after G update number `step` (1-based). */
  update(step: number): void;
  /** Sets the average to the source's weights (a fresh run's start). */
  reset(): void;
}

/**
 * Averages `source`'s weights into `average` (a network of the same sizes, whose own initial
 * weights are replaced at once by the source's) with the given decay in (0, 1).
 */
export function createWeightAverage(source: Mlp, average: Mlp, decay: number): WeightAverage {
  if (!(decay > 0 && decay < 1)) throw new RangeError(`weight average: decay must be in (0, 1), got ${decay}`);
  const from = source.parameters();
  const into = average.parameters();
  if (from.length !== into.length || from.some((p, i) => p.value.size !== into[i].value.size)) {
    throw new RangeError('weight average: the two networks differ in shape');
  }
  const reset = (): void => {
    // Read .data at each use: the arena may re-point views when its memory grows.
    from.forEach((p, i) => into[i].value.data.set(p.value.data.subarray(0, p.value.size)));
  };
  reset();
  return {
    network: average,
    reset,
    update(step: number): void {
      const d = averageDecay(decay, step);
      from.forEach((p, i) => blendInto(into[i].value.data, p.value.data, p.value.size, d));
    },
  };
}
