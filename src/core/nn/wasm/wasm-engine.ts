/**
 * The WebAssembly engine: one WebAssembly.Memory holding the kernels' reserved bytes and the
 * Arena above them, the kernels on the calling thread, and threads−1 workers on the same
 * (shared) memory that take a part of each large kernel.
 */
import { Arena } from '../arena.js';
import type { Engine } from '../engine.js';
import { webAssemblyMemory, type EngineMemory } from '../engine-memory.js';
import type { Kernels } from '../kernels.js';
import type { NativeGemm } from '../native-gemm.js';
import { instantiateKernels, kernelModule, sharedMemoryAvailable } from './kernel-module.js';
import { kernelMemoryLayout } from './memory-layout.js';
import type { KernelWorkerHandle, ThreadHost } from './thread-host.js';
import { ViewCheck } from './view-check.js';
import { kernelsOverExports, type KernelHealth } from './wasm-kernels.js';

export interface WasmEngineOptions {
  /**
   * Threads per kernel, the calling one included. Default 1. More than 1 needs `host` and a
   * shared memory (SharedArrayBuffer; in browsers, cross-origin isolation); without them the
   * engine runs on 1 thread.
   */
  threads?: number;
  /** Starts the worker threads (src/node/engine/threads.ts for Node). */
  host?: ThreadHost;
  /** Arena bytes to start with (the memory grows on demand). Default 16 MiB. */
  initialBytes?: number;
  /** Largest the memory may grow to. Default 1 GiB, at most 4 GiB. */
  maxBytes?: number;
  /** Busy-wait iterations before a thread blocks (waiting for a job, or for the workers). */
  spins?: number;
  /** False on a thread that may not block in Atomics.wait (a browser's main thread): it spins instead. */
  callerMayBlock?: boolean;
  /**
   * Whether the memory is shared (threads possible). Default: whenever the host has
   * SharedArrayBuffer. False uses the plain module variant on one thread, as a page without
   * cross-origin isolation does.
   */
  sharedMemory?: boolean;
  /**
   * Default true: when the workers rarely get a core (a busy machine) and so take far less than
   * their share of the work, kernels run on the calling thread alone for a while, then sharing
   * is tried again. False always shares large kernels (tests that count shared kernels).
   */
  backOffWhenBusy?: boolean;
  /**
   * A native matrix product the host found (Node: src/node/engine/native-blas.ts): the gemms it
   * accepts run there, the rest and every other kernel here. Absent: WebAssembly only.
   */
  nativeGemm?: NativeGemm;
}

export interface WasmEngine extends Engine {
  readonly kernels: Kernels;
  readonly arena: Arena;
  /** Threads each large kernel runs on (1 when threads were unavailable). */
  readonly threads: number;
  readonly memory: WebAssembly.Memory;
  /** Bytes at the bottom of the memory owned by the kernels; the Arena starts here. */
  readonly reservedBytes: number;
  /** How many kernel calls so far were shared with the workers (the others were too small). */
  sharedKernelCount(): number;
  /**
   * Stops and ends the workers; the engine then keeps working on the calling thread alone
   * (unless a kernel thread failed: then every kernel call throws).
   */
  dispose(): Promise<void>;
}

const MiB = 1 << 20;
const PAGE = 65536;
const MAX_PAGES = 65536;
/** About 100 µs of spinning (measured here): covers the gap between consecutive kernels of a training step. */
const DEFAULT_SPINS = 100_000;

export async function createWasmEngine(options: WasmEngineOptions = {}): Promise<WasmEngine> {
  const requested = options.threads ?? 1;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError(`createWasmEngine: threads must be a positive integer, got ${requested}`);
  }
  const shared = (options.sharedMemory ?? true) && sharedMemoryAvailable();
  const threads = shared && options.host !== undefined ? requested : 1;
  const spins = Math.max(0, Math.floor(options.spins ?? DEFAULT_SPINS));
  const callerMayBlock = options.callerMayBlock ?? true;
  const module = await kernelModule(shared ? 'shared' : 'plain');

  const probeMemory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared });
  const layout = kernelMemoryLayout(instantiateKernels(module, probeMemory), threads);
  const maxPages = Math.min(MAX_PAGES, Math.ceil((options.maxBytes ?? 1024 * MiB) / PAGE));
  const initialPages = Math.ceil((layout.reservedBytes + (options.initialBytes ?? 16 * MiB)) / PAGE);
  if (initialPages > maxPages) {
    throw new RangeError(`createWasmEngine: ${initialPages * PAGE} bytes needed at start, maxBytes allows ${maxPages * PAGE}`);
  }
  const memory = new WebAssembly.Memory({ initial: initialPages, maximum: maxPages, shared });
  const exports = instantiateKernels(module, memory);
  exports.configure(layout.control, layout.scratchBase, 0, 1, spins, callerMayBlock ? 1 : 0);

  const workers: KernelWorkerHandle[] = [];
  if (threads > 1) {
    const started = await Promise.allSettled(
      Array.from({ length: threads - 1 }, (_, i) => options.host!.start({
        module, memory, control: layout.control, scratchBase: layout.scratchBase,
        index: i + 1, threads, spins, startGeneration: 0,
      })),
    );
    for (const result of started) if (result.status === 'fulfilled') workers.push(result.value);
    const failure = started.find((result) => result.status === 'rejected');
    if (failure !== undefined) {
      // Stop the workers that did start (they count the acknowledgements), then report.
      exports.configure(layout.control, layout.scratchBase, 0, workers.length + 1, spins, callerMayBlock ? 1 : 0);
      exports.stopWorkers();
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw (failure as PromiseRejectedResult).reason;
    }
    exports.configure(layout.control, layout.scratchBase, 0, threads, spins, callerMayBlock ? 1 : 0);
    exports.setBackOff(options.backOffWhenBusy === false ? 0 : 1);
  }

  const views = new ViewCheck(memory, shared);
  const base = webAssemblyMemory(memory);
  // Every buffer the Arena makes views of passes through here, so the view check knows it.
  const engineMemory: EngineMemory = {
    viewsSurviveGrowth: base.viewsSurviveGrowth,
    buffer: () => views.note() as ArrayBuffer | SharedArrayBuffer,
    grow(minBytes: number): void {
      base.grow(minBytes);
      views.note();
    },
  };
  const health: KernelHealth = { failed: false };
  const kernels = kernelsOverExports(exports, views, threads > 1 ? `wasm-simd×${threads}` : 'wasm-simd', health, options.nativeGemm);
  let running = threads;

  return {
    kernels,
    arena: new Arena(engineMemory, layout.reservedBytes),
    get threads() {
      return running;
    },
    memory,
    reservedBytes: layout.reservedBytes,
    sharedKernelCount: () => exports.sharedJobCount(),
    async dispose(): Promise<void> {
      if (running === 1) return;
      running = 1;
      // After a failure some workers may be gone: asking them to stop would wait forever.
      if (!health.failed) exports.stopWorkers();
      exports.configure(layout.control, layout.scratchBase, 0, 1, spins, callerMayBlock ? 1 : 0);
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
