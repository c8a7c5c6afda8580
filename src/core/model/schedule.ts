/**
 * --lr-decay: both learning rates stay constant, then fall linearly to 0 over the last part
 * of the run. Late in a run D sits at its equilibrium and its gradients are tiny, so Adam's
 * steps (about lr each, whatever the gradient's size) become a random walk that now and then
 * throws G off; shrinking the steps at the end lets the run finish where it was.
 */

/**
 * The factor on both learning rates for the iteration that follows `completed` iterations of
 * `iterations`: 1 before the last `fraction` of the run, then (iterations − completed) / (fraction · iterations).
 */
export function learningRateFactor(completed: number, iterations: number, fraction: number): number {
  if (!(fraction > 0)) return 1;
  const decaySteps = fraction * iterations;
  const remaining = iterations - completed;
  return remaining >= decaySteps ? 1 : Math.max(0, remaining / decaySteps);
}
