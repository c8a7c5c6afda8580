/**
 * Kernel threads in Node: worker_threads running kernel-worker.js, and the WebAssembly engine
 * with those threads. Workers are unreferenced once running, so they never keep the process
 * alive; engine.dispose() stops them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KernelWorkerInit, ThreadHost } from '../../core/nn/wasm/thread-host.js';
import { createWasmEngine, type WasmEngine, type WasmEngineOptions } from '../../core/nn/wasm/wasm-engine.js';

/** Beyond this many threads our kernels' shapes (batch 512–4000) have too little work per thread. */
export const MAX_DEFAULT_THREADS = 4;

/** The default thread count: the cores available to this process, at most MAX_DEFAULT_THREADS. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
}

const workerScript = new URL('./kernel-worker.js', import.meta.url);

/**
 * The parent's Node options minus those that only make sense for an inline script (`-e`,
 * `--input-type`), which a worker started from a file refuses. Profiling flags and the like pass.
 */
function workerExecArgv(): string[] {
  const kept: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--input-type=')) continue;
    if (['--input-type', '-e', '--eval', '-p', '--print'].includes(arg)) {
      i++; // and its value
      continue;
    }
    kept.push(arg);
  }
  return kept;
}

export const nodeThreadHost: ThreadHost = {
  start(init: KernelWorkerInit) {
    const worker = new Worker(workerScript, { workerData: init, execArgv: workerExecArgv() });
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      const exited = (code: number): void => reject(new Error(`kernel worker ${init.index} exited with code ${code} before starting`));
      worker.once('error', failed);
      worker.once('exit', exited);
      worker.once('message', () => {
        worker.off('error', failed);
        worker.off('exit', exited);
        // A worker's later error (a trapped kernel) reaches the engine through its kernel call,
        // which throws; here it must only not crash the process as an unhandled 'error' event.
        worker.on('error', () => undefined);
        worker.unref();
        resolve({ terminate: async () => void (await worker.terminate()) });
      });
    });
  },
};

/** The WebAssembly engine with worker_threads; `threads` defaults to defaultThreadCount(). */
export function createNodeWasmEngine(options: Omit<WasmEngineOptions, 'host'> = {}): Promise<WasmEngine> {
  return createWasmEngine({ ...options, threads: options.threads ?? defaultThreadCount(), host: nodeThreadHost });
}
