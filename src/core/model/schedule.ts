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

/**
 * A time-limited run's plan may use this share of the time still left: the machine may slow
 * down while the rates fall. Only the time left is discounted, so a plan made at the decay's
 * start keeps (1 − margin) · fraction of the limit in hand, not a tenth of all of it.
 */
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
  /** Iterations a second lately (RecentPace); absent: the session's average, start-up included. */
  pace?: number;
}

/**
 * The length a run schedules its learning-rate decay over, and whether that length is now
 * fixed. Without a time limit (or a decay) it is --iterations. With one, the recent pace times
 * the time left (times TIME_PLAN_MARGIN) predicts how many iterations the limit allows; as long
 * as that is beyond --iterations nothing changes, and once the run reaches the decay's start
 * within the predicted length the length is fixed there, so the decay ends before the time does.
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
  const pace = input.pace !== undefined && input.pace > 0 ? input.pace : (completed - start) / elapsedSeconds;
  const predicted = completed + pace * Math.max(0, timeLimit - elapsedSeconds) * TIME_PLAN_MARGIN;
  if (predicted >= iterations || completed < (1 - fraction) * predicted) return unplanned;
  // At least the iteration about to run: a plan fixed after one slow first step would otherwise end before it.
  return { length: Math.min(iterations, Math.max(completed + 1, Math.floor(completed / (1 - fraction)))), fixed: true };
}

/**
 * The pace of the session's latter half: iterations a second since the moment that was half the
 * elapsed time ago. Start-up, the first iterations' compiling and a busy start weigh nothing
 * once they are past; a run that changes speed is judged by how it goes now.
 */
export class RecentPace {
  /** (completed, seconds) every SAMPLE_EVERY iterations, oldest first. */
  private readonly samples: Array<{ completed: number; seconds: number }> = [];
  private static readonly SAMPLE_EVERY = 64;

  /** Notes the session's clock; call it before each iteration, with completed iterations. */
  record(completed: number, seconds: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last === undefined || completed - last.completed >= RecentPace.SAMPLE_EVERY) this.samples.push({ completed, seconds });
  }

  /** Iterations a second over the latter half of `seconds`; undefined before two samples span it. */
  perSecond(completed: number, seconds: number): number | undefined {
    let low = 0;
    let high = this.samples.length - 1;
    if (high < 0) return undefined;
    // The oldest sample at or after half the elapsed time (samples' seconds only grow).
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.samples[middle].seconds >= seconds / 2) high = middle;
      else low = middle + 1;
    }
    const from = this.samples[low];
    const span = seconds - from.seconds;
    return span > 0 && completed > from.completed ? (completed - from.completed) / span : undefined;
  }
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
