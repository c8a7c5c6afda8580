/**
 * A worker_threads entry point for one kernel thread (started by threads.ts): it instantiates
 * the kernels on the engine's shared memory and serves jobs until the engine stops it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runKernelWorker, type KernelWorkerInit } from '../../core/nn/wasm/thread-host.js';

runKernelWorker(workerData as KernelWorkerInit, () => parentPort?.postMessage('ready'));
