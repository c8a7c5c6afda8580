// Running one kernel on T threads: the calling thread and T−1 workers, each with its own
// instance of this module on the same shared memory. A kernel is published as a job of N
// chunks (parts of its output); every thread, the caller included, claims chunks until none
// is left, so a worker that wakes late or is descheduled just takes fewer chunks instead of
// holding everyone up. They meet in a control block:
//
//   GENERATION  bumped (mod 2^16) by the caller to publish a job; workers wait for it to change
//   CLAIM       (generation << 16) | next unclaimed chunk, taken with compare-and-swap
//   DONE        chunks finished; the caller waits for it to reach CHUNKS
//   SLEEPERS    workers blocked in wait (the caller only notifies when there are some)
//   CALLER_WAITING  set while the caller is blocked in wait (workers only notify then)
//   FAILED      set by a worker whose chunk trapped; the caller's wait ends and it reports it
//
// Everyone spins for a while before blocking, so back-to-back kernels cost a few microseconds
// of handshake rather than a futex round trip. How long adapts: a wait that ended while
// spinning lets the next one spin longer (up to the configured limit), one that had to block
// halves it. On a busy machine (more runnable threads than cores) waits get long and spinning
// would only take the core from the thread being waited for, so it soon stops. And when the
// workers take much less than their share of the chunks (they are rarely on a core), the
// caller stops sharing for a while: waiting on a descheduled worker's chunk costs more than
// the worker gives. All accesses to these words are atomic
// (sequentially consistent), which also orders the plain argument and result accesses: a
// chunk's arguments are read only after it was claimed, and the caller publishes the next job
// only after every chunk of this one is done.

const GENERATION: usize = 0;
const CLAIM: usize = 4;
const DONE: usize = 8;
const SLEEPERS: usize = 12;
const CALLER_WAITING: usize = 16;
const KIND: usize = 20;
const CHUNKS: usize = 24;
const FAILED: usize = 28;
const INT_ARGS: usize = 64; // 16 i32 slots
const FLOAT_ARGS: usize = 128; // 16 f64 slots
export const CONTROL_BYTES: usize = 256;

export const JOB_QUIT = -1;

let control: usize = 0;
let threadCount: i32 = 1;
let spinLimit: i32 = 0;
let callerMayBlock = true;
let published = 0; // jobs this instance has shared with workers (tests and benchmarks read it)
// The adaptive spin budgets of this thread: waiting for a job (workers), for chunks (caller).
let jobSpins: i32 = 0;
let chunkSpins: i32 = 0;
const MIN_SPINS: i32 = 64;

/** The next budget after a wait that did (or did not) end while spinning. */
// @ts-ignore: decorator
@inline
function adapt(budget: i32, spun: bool): i32 {
  return spun ? min(spinLimit, budget + (budget >> 2) + MIN_SPINS) : max(min(MIN_SPINS, spinLimit), budget >> 1);
}

// Sharing statistics of the caller over a window of shared jobs, and the solo stretch left, in
// units of work (the kernels' sharing minimum, about 10 µs each): some 40 ms, whatever the
// kernels' sizes, before sharing is tried again.
const SHARE_WINDOW: i32 = 32;
const SOLO_WORK: i64 = 4096;
let windowJobs: i32 = 0;
let windowChunks: i32 = 0;
let windowCallerChunks: i32 = 0;
let soloLeft: i64 = 0;
let backOff = true;

/** Whether the caller may stop sharing while the workers rarely get a core (on by default). */
export function setBackOff(on: bool): void {
  backOff = on;
  soloLeft = 0;
}

/** Whether the caller should share a kernel of `work` units (false during a solo stretch). */
export function sharing(work: i64): bool {
  if (soloLeft <= 0) return true;
  soloLeft -= work;
  return false;
}

/**
 * Records a shared job: `chunks` chunks, `callerChunks` of them run by the caller. Every
 * SHARE_WINDOW jobs: if the workers ran under 40% of their fair share, go solo for SOLO_WORK.
 */
export function recordShare(chunks: i32, callerChunks: i32): void {
  windowJobs++;
  windowChunks += chunks;
  windowCallerChunks += callerChunks;
  if (windowJobs < SHARE_WINDOW) return;
  const workerChunks = windowChunks - windowCallerChunks;
  const fairShare = <f64>windowChunks * <f64>(threadCount - 1) / <f64>threadCount;
  if (backOff && <f64>workerChunks < 0.4 * fairShare) soloLeft = SOLO_WORK;
  windowJobs = 0;
  windowChunks = 0;
  windowCallerChunks = 0;
}

export function setThreads(controlBlock: usize, threads: i32, spins: i32, mayBlock: bool): void {
  control = controlBlock;
  threadCount = threads;
  spinLimit = spins;
  callerMayBlock = mayBlock;
  jobSpins = spins;
  chunkSpins = spins;
  windowJobs = windowChunks = windowCallerChunks = 0;
  soloLeft = 0;
}

export function threads(): i32 {
  return threadCount;
}

export function sharedJobCount(): i32 {
  return published;
}

export function setInt(slot: i32, value: i32): void {
  store<i32>(control + INT_ARGS + (<usize>slot << 2), value);
}

export function getInt(slot: i32): i32 {
  return load<i32>(control + INT_ARGS + (<usize>slot << 2));
}

export function setFloat(slot: i32, value: f64): void {
  store<f64>(control + FLOAT_ARGS + (<usize>slot << 3), value);
}

export function getFloat(slot: i32): f64 {
  return load<f64>(control + FLOAT_ARGS + (<usize>slot << 3));
}

/** Publishes a job of `chunks` chunks whose arguments are already in the slots; returns its generation. */
export function publish(kind: i32, chunks: i32): i32 {
  published++;
  const generation = (load<i32>(control + GENERATION) + 1) & 0xffff; // only this thread writes it
  store<i32>(control + KIND, kind);
  store<i32>(control + CHUNKS, chunks);
  atomic.store<i32>(control + DONE, 0);
  atomic.store<i32>(control + CLAIM, generation << 16);
  atomic.store<i32>(control + GENERATION, generation);
  if (atomic.load<i32>(control + SLEEPERS) != 0) atomic.notify(control + GENERATION, threadCount - 1);
  return generation;
}

/** Claims the next chunk of job `generation`: its index, or −1 when none is left or the job is over. */
export function claim(generation: i32): i32 {
  while (true) {
    const word = atomic.load<i32>(control + CLAIM);
    if (word >>> 16 != generation) return -1;
    const index = word & 0xffff;
    if (index >= load<i32>(control + CHUNKS)) return -1;
    if (atomic.cmpxchg<i32>(control + CLAIM, word, word + 1) == word) return index;
  }
}

/** The claimed job's kind and chunk count (valid between a successful claim and chunkDone). */
export function jobKind(): i32 {
  return load<i32>(control + KIND);
}

export function jobChunks(): i32 {
  return load<i32>(control + CHUNKS);
}

/** Reports a claimed chunk as finished; the one finishing the last chunk wakes a blocked caller. */
export function chunkDone(): void {
  const done = atomic.add<i32>(control + DONE, 1) + 1;
  if (done == load<i32>(control + CHUNKS) && atomic.load<i32>(control + CALLER_WAITING) != 0) {
    atomic.notify(control + DONE, 1);
  }
}

/**
 * Called by a worker whose chunk trapped (a bug, not bad input: pointers are checked by the
 * host): ends the caller's wait for good and lets it report the failure instead of hanging.
 */
export function markFailed(): void {
  atomic.store<i32>(control + FAILED, 1);
  atomic.add<i32>(control + DONE, 1 << 24);
  atomic.notify(control + DONE, 1);
}

/** Whether a worker has failed (the engine is unusable from then on). */
export function failed(): bool {
  return atomic.load<i32>(control + FAILED) != 0;
}

/** Returns once all `chunks` chunks of the published job are done. */
export function awaitChunks(chunks: i32): void {
  let spins = 0;
  let blocked = false;
  while (true) {
    let done = atomic.load<i32>(control + DONE);
    if (done >= chunks) break;
    if (spins < chunkSpins || !callerMayBlock) {
      spins++;
      continue;
    }
    blocked = true;
    atomic.store<i32>(control + CALLER_WAITING, 1);
    done = atomic.load<i32>(control + DONE);
    if (done < chunks) memory.atomic.wait32(control + DONE, done, -1);
    atomic.store<i32>(control + CALLER_WAITING, 0);
  }
  chunkSpins = adapt(chunkSpins, !blocked);
}

/** Waits (spinning, then blocking) until a generation other than `seen` is published; returns it. */
export function nextJob(seen: i32): i32 {
  let generation = atomic.load<i32>(control + GENERATION);
  let spins = 0;
  let blocked = false;
  while (generation == seen) {
    if (spins < jobSpins) {
      spins++;
    } else {
      blocked = true;
      atomic.add<i32>(control + SLEEPERS, 1);
      memory.atomic.wait32(control + GENERATION, seen, -1);
      atomic.sub<i32>(control + SLEEPERS, 1);
    }
    generation = atomic.load<i32>(control + GENERATION);
  }
  jobSpins = adapt(jobSpins, !blocked);
  return generation;
}
