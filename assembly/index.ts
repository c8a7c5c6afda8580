// The module's exports. Pointers are byte offsets into the imported memory; booleans are i32.
// Host set-up per instance (every thread has its own): configure(), then kernels (caller) or
// workerLoop() (workers).

import { SCRATCH_BYTES, setScratch } from './scratch';
import { CONTROL_BYTES, setThreads } from './threads';
export { markFailed, setBackOff, sharedJobCount } from './threads';

export {
  activationBackward, adadeltaStep, adamStep, biasActivation, columnSums, gemm, gemmFirstColumns, rmspropStep, sgdStep,
  stopWorkers, workerLoop,
} from './jobs';

/** End of the module's own static data: host allocations start at or above it. */
export function heapBase(): usize {
  return __heap_base;
}

/** Bytes of the control block shared by all threads. */
export function controlBytes(): usize {
  return CONTROL_BYTES;
}

/** Bytes of scratch each thread needs. */
export function scratchBytes(): usize {
  return SCRATCH_BYTES;
}

/**
 * Sets this instance up as thread `index` of `threadCount`: the shared control block, its own
 * scratch (scratchBase + index·scratchBytes()), how long to spin before blocking, and whether
 * this thread may block in wait (a browser's main thread may not).
 */
export function configure(
  controlBlock: usize, scratchBase: usize, index: i32, threadCount: i32, spins: i32, mayBlock: bool,
): void {
  setThreads(controlBlock, threadCount, spins, mayBlock);
  setScratch(scratchBase + <usize>index * SCRATCH_BYTES);
}
