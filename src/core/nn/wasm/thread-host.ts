/**
 * How kernel threads are started, without tying core/ to a platform: the engine hands a
 * ThreadHost (worker_threads in Node, Web Workers in the browser) a KernelWorkerInit, and the
 * host's worker script calls runKernelWorker with it.
 */
import { instantiateKernels } from './kernel-module.js';

/** Everything a worker needs; all of it survives structured cloning (the memory is shared). */
export interface KernelWorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: number;
  readonly scratchBase: number;
  /** This worker's part index, 1..threads−1 (the calling thread is 0). */
  readonly index: number;
  readonly threads: number;
  readonly spins: number;
  /** The control block's generation when the worker was created. */
  readonly startGeneration: number;
}

export interface KernelWorkerHandle {
  /** Ends the worker (after the engine has told it to stop serving). */
  terminate(): Promise<void>;
}

export interface ThreadHost {
  /** Starts a worker running runKernelWorker(init, ready); resolves once it called ready(). */
  start(init: KernelWorkerInit): Promise<KernelWorkerHandle>;
}

/**
 * A worker's whole life: its own instance on the shared memory, then serving jobs until the
 * engine stops the workers. `ready` is called once the instance is set up. Blocks the thread.
 * If a chunk traps, the calling thread is told (its kernel call throws) before this rethrows.
 */
export function runKernelWorker(init: KernelWorkerInit, ready: () => void): void {
  const kernels = instantiateKernels(init.module, init.memory);
  kernels.configure(init.control, init.scratchBase, init.index, init.threads, init.spins, 1);
  ready();
  try {
    kernels.workerLoop(init.startGeneration);
  } catch (error) {
    kernels.markFailed();
    throw error;
  }
}
