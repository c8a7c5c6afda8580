/**
 * When a page run stops by itself, for either model's session: at the "Stop after" limit
 * (Play goes on past it) or at a loss that is not finite (it cannot go on), with the message
 * the page shows. No DOM, no worker API.
 */
export class RunLimit {
  /** A message when the run stopped by itself; null while it can go on. */
  stopped: string | null = null;
  private stoppedBy: 'limit' | 'loss' | null = null;
  /** The stop in force: null once Play went on past it. */
  private limit: number | null;
  /** The stop last asked for: the same again does not bring back one Play went past. */
  private asked: number | null;

  constructor(stopAfter: number | null) {
    this.limit = stopAfter;
    this.asked = stopAfter;
  }

  /** A new "Stop after" (null: none), at the run's current iteration. */
  setStopAfter(stopAfter: number | null, iteration: number): void {
    if (stopAfter !== this.asked) this.limit = stopAfter;
    this.asked = stopAfter;
    if (this.stoppedBy === 'limit' && (stopAfter === null || iteration < stopAfter)) this.clear();
  }

  /** Play after a stop at the limit goes on past it; false when it cannot go on (a loss is not finite). */
  resume(iteration: number): boolean {
    if (this.stoppedBy === 'loss') return false;
    if (this.stoppedBy === 'limit' || (this.limit !== null && iteration >= this.limit)) {
      this.limit = null;
      this.clear();
    }
    return true;
  }

  /** Whether the next iteration may run; at the limit, stops the run with its message. */
  mayIterate(iteration: number): boolean {
    if (this.stopped !== null) return false;
    if (this.limit !== null && iteration >= this.limit) {
      this.stopped = `Stopped at iteration ${iteration.toLocaleString('en-US')}: the “Stop after” limit (Run options). Play (Space) goes on past it.`;
      this.stoppedBy = 'limit';
      return false;
    }
    return true;
  }

  /** Whether a loss that is not finite stopped the run (no step may follow). */
  get brokenByLoss(): boolean {
    return this.stoppedBy === 'loss';
  }

  /** A step from the controls goes past a stop at the limit. */
  stepPastLimit(): void {
    if (this.stoppedBy === 'limit') this.clear();
  }

  /** Stops the run when a loss is not finite. */
  checkLosses(values: readonly number[], iteration: number): void {
    if (values.every(Number.isFinite)) return;
    this.stopped = `A loss is not finite at iteration ${iteration}: the learning rate is probably too high. Lower it, or Reset.`;
    this.stoppedBy = 'loss';
  }

  private clear(): void {
    this.stopped = null;
    this.stoppedBy = null;
  }
}
