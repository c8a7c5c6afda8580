// Running one kernel on T threads: the calling thread and T−1 workers, each with its own
// instance of this module on the same shared memory. They meet in a control block:
//
//   GENERATION  bumped by the caller to publish a job (its kind and arguments are written first)
//   PENDING     workers that have not finished the current job; the last one wakes the caller
//   SLEEPERS    workers blocked in wait (the caller only notifies when there are some)
//   CALLER_WAITING  set while the caller is blocked in wait (workers only notify then)
//
// Everyone spins for a while before blocking, so back-to-back kernels cost a few microseconds
// of handshake rather than a futex round trip. All accesses to these words are atomic
// (sequentially consistent), which also orders the plain argument and result accesses.

const GENERATION: usize = 0;
const PENDING: usize = 4;
const SLEEPERS: usize = 8;
const CALLER_WAITING: usize = 12;
const KIND: usize = 16;
const PARTS: usize = 20;
const INT_ARGS: usize = 64; // 16 i32 slots
const FLOAT_ARGS: usize = 128; // 16 f64 slots
export const CONTROL_BYTES: usize = 256;

export const JOB_QUIT = -1;

let control: usize = 0;
let threadCount: i32 = 1;
let spinLimit: i32 = 0;
let callerMayBlock = true;
let published = 0; // jobs this instance has shared with workers (tests and benchmarks read it)

export function setThreads(controlBlock: usize, threads: i32, spins: i32, mayBlock: bool): void {
  control = controlBlock;
  threadCount = threads;
  spinLimit = spins;
  callerMayBlock = mayBlock;
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

export function jobParts(): i32 {
  return load<i32>(control + PARTS);
}

/** Publishes the job whose arguments are already in the slots; every worker takes part. */
export function publish(kind: i32, parts: i32): void {
  published++;
  store<i32>(control + KIND, kind);
  store<i32>(control + PARTS, parts);
  atomic.store<i32>(control + PENDING, threadCount - 1);
  atomic.add<i32>(control + GENERATION, 1);
  if (atomic.load<i32>(control + SLEEPERS) != 0) atomic.notify(control + GENERATION, threadCount - 1);
}

/** Returns once every worker has finished the published job. */
export function awaitWorkers(): void {
  let spins = 0;
  while (true) {
    let left = atomic.load<i32>(control + PENDING);
    if (left == 0) return;
    if (spins < spinLimit || !callerMayBlock) {
      spins++;
      continue;
    }
    atomic.store<i32>(control + CALLER_WAITING, 1);
    left = atomic.load<i32>(control + PENDING);
    if (left != 0) memory.atomic.wait32(control + PENDING, left, -1);
    atomic.store<i32>(control + CALLER_WAITING, 0);
  }
}

/** Reports this worker's part of the current job as done. */
export function finished(): void {
  if (atomic.sub<i32>(control + PENDING, 1) == 1 && atomic.load<i32>(control + CALLER_WAITING) != 0) {
    atomic.notify(control + PENDING, 1);
  }
}

export function jobKind(): i32 {
  return load<i32>(control + KIND);
}

/** Waits (spinning, then blocking) until a generation other than `seen` is published; returns it. */
export function nextJob(seen: i32): i32 {
  let generation = atomic.load<i32>(control + GENERATION);
  let spins = 0;
  while (generation == seen) {
    if (spins < spinLimit) {
      spins++;
    } else {
      atomic.add<i32>(control + SLEEPERS, 1);
      memory.atomic.wait32(control + GENERATION, seen, -1);
      atomic.sub<i32>(control + SLEEPERS, 1);
    }
    generation = atomic.load<i32>(control + GENERATION);
  }
  return generation;
}
