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

/** A time-limited run's estimate is made this much shorter: the machine may slow down while the rates fall. */
export const TIME_PLAN_MARGIN = 0.9;

export interface RunPlanInput {
  /** --iterations: the run never goes past it. */
  iterations: number;
  /** --time-limit in seconds (0: none). */
  timeLimit: number;
  /** --lr-decay's fraction (0: constant rates, nothing to plan). */
  fraction: number;
  /** The iteration this session started from, and iterations completed now. */
  start: number;
  completed: number;
  /** Seconds this session has run (start-up included, as --time-limit counts them). */
  elapsedSeconds: number;
}

/**
 * The length a run schedules its learning-rate decay over, and whether that length is now
 * fixed. Without a time limit (or a decay) it is --iterations. With one, the session's pace so
 * far predicts how many iterations the limit allows (times TIME_PLAN_MARGIN); as long as that is
 * beyond --iterations nothing changes, and once the run reaches the decay's start within the
 * predicted length the length is fixed there, so the decay ends before the time does.
 *
 * The fixed length is ⌊completed / (1 − fraction)⌋ (at least completed + 1, the iteration about
 * to run): the decay starts at this very iteration,
 * so `--iterations LENGTH` without a time limit gives the same rates at every iteration (the
 * planned run can be replayed bit for bit).
 */
export function planRunLength(input: RunPlanInput): { length: number; fixed: boolean } {
  const { iterations, timeLimit, fraction, start, completed, elapsedSeconds } = input;
  const unplanned = { length: iterations, fixed: false };
  if (!(timeLimit > 0 && fraction > 0 && fraction < 1) || completed <= start || !(elapsedSeconds > 0)) return unplanned;
  const predicted = start + (completed - start) * (timeLimit / elapsedSeconds) * TIME_PLAN_MARGIN;
  if (predicted >= iterations || completed < (1 - fraction) * predicted) return unplanned;
  // At least the iteration about to run: a plan fixed after one slow first step would otherwise end before it.
  return { length: Math.min(iterations, Math.max(completed + 1, Math.floor(completed / (1 - fraction)))), fixed: true };
}

/** A run length for planIterations: from the current iteration up to --iterations. */
export function checkedPlan(length: number, iteration: number, iterations: number): number {
  if (!(Number.isInteger(length) && length >= iteration && length <= iterations)) {
    throw new RangeError(`planIterations: ${length} is not a length from the current iteration ${iteration} to --iterations ${iterations}`);
  }
  return length;
}

/** The plan a restored model keeps: a checkpoint's plan still ahead; one reached (or none) gives way to --iterations, as the decay always has. */
export function restoredPlan(planned: number | undefined, iteration: number, iterations: number): number {
  return planned !== undefined && planned > iteration && planned <= iterations ? planned : iterations;
}

/**
 * --d-fourier-warmup: D's Fourier bands open one after another, coarse to fine, over the first
 * `fraction` of the run (embedded-mlp.ts); how many are open for the iteration that follows
 * `completed` of `iterations`. All `count` when the fraction is 0.
 */
export function openBandsAt(completed: number, iterations: number, fraction: number, count: number): number {
  if (!(fraction > 0)) return count;
  return count * Math.min(1, completed / (fraction * iterations));
}
