/**
 * One extra kernel thread of the WebAssembly engine: it instantiates the kernels on the
 * shared memory it is sent, says it is ready, then serves the engine's jobs until stopped.
 */
import { runKernelWorker, type KernelWorkerInit } from '../core/nn/wasm/thread-host.js';
import { workerScope } from './worker-scope.js';

type Reply = { type: 'ready' } | { type: 'error'; message: string };
const scope = workerScope<KernelWorkerInit, Reply>();

scope.addEventListener('message', (event) => {
  try {
    runKernelWorker(event.data, () => scope.postMessage({ type: 'ready' }));
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
