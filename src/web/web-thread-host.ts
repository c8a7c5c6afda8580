/**
 * The engine's thread host in the browser: each extra kernel thread is a Web Worker on the
 * engine's shared WebAssembly.Memory (possible only when the page is cross-origin isolated).
 */
import type { KernelWorkerHandle, KernelWorkerInit, ThreadHost } from '../core/nn/wasm/thread-host.js';

export function createWebThreadHost(): ThreadHost {
  return {
    start(init: KernelWorkerInit): Promise<KernelWorkerHandle> {
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./kernel-thread-worker.ts', import.meta.url), {
          type: 'module',
          name: `gan2d-kernels-${init.index}`,
        });
        const fail = (message: string): void => {
          worker.terminate();
          reject(new Error(`kernel thread ${init.index}: ${message}`));
        };
        worker.addEventListener('message', (event: MessageEvent<{ type: 'ready' } | { type: 'error'; message: string }>) => {
          if (event.data.type === 'ready') {
            resolve({
              terminate: async () => worker.terminate(),
            });
          } else {
            fail(event.data.message);
          }
        }, { once: true });
        worker.addEventListener('error', (event) => fail(event.message || 'the worker script failed to load'), { once: true });
        worker.postMessage(init);
      });
    },
  };
}
