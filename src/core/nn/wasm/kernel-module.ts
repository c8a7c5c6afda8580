/**
 * The compiled kernel module (assembly/ → kernels-binary.ts at build time) and the shape of
 * its exports. Two variants of the same code: one importing a shared memory (threads), one a
 * plain memory (hosts without SharedArrayBuffer, e.g. pages without cross-origin isolation).
 */
import { KERNELS_WASM_BASE64, KERNELS_WASM_PLAIN_BASE64 } from './kernels-binary.js';

/**
 * The module's exports: pointers are byte offsets into the memory, flags are 0/1. The kernels
 * return 0, or 1 when a worker thread failed during the call (the engine is unusable then).
 */
export interface KernelExports {
  heapBase(): number;
  controlBytes(): number;
  scratchBytes(): number;
  configure(control: number, scratchBase: number, index: number, threadCount: number, spins: number, mayBlock: number): void;
  gemm(transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number, accumulate: number): number;
  gemmFirstColumns(m: number, n: number, k: number, columns: number, a: number, b: number, c: number): number;
  biasActivation(x: number, bias: number, rows: number, cols: number, act: number, alpha: number, out: number): number;
  activationBackward(dy: number, y: number, n: number, act: number, alpha: number, dx: number): number;
  columnSums(x: number, rows: number, cols: number, out: number, accumulate: number): number;
  sgdStep(
    param: number, grad: number, momentumBuffer: number, n: number,
    lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: number, firstStep: number,
  ): number;
  adamStep(
    param: number, grad: number, m: number, v: number, n: number,
    stepSize: number, correction2: number, beta1: number, beta2: number, eps: number, weightDecay: number,
  ): number;
  rmspropStep(
    param: number, grad: number, squareAverage: number, momentumBuffer: number, n: number,
    lr: number, alpha: number, eps: number, weightDecay: number, momentum: number,
  ): number;
  adadeltaStep(
    param: number, grad: number, squareAverage: number, accumulatedDelta: number, n: number,
    lr: number, rho: number, eps: number, weightDecay: number,
  ): number;
  /** A worker's loop: serves jobs until stopWorkers() (called by the thread that publishes them). */
  workerLoop(startGeneration: number): void;
  stopWorkers(): void;
  /** Kernels this instance has shared with workers so far (the rest ran on the calling thread alone). */
  sharedJobCount(): number;
  /** For a worker whose chunk trapped: ends the caller's wait and makes its kernel call return 1. */
  markFailed(): void;
  /** Whether the caller may stop sharing for a while when the workers rarely get a core (default 1). */
  setBackOff(on: number): void;
}

export type KernelVariant = 'shared' | 'plain';

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const compiled = new Map<KernelVariant, Promise<WebAssembly.Module>>();

/** The compiled module for a variant, compiled once per process (a Module can be sent to workers). */
export function kernelModule(variant: KernelVariant): Promise<WebAssembly.Module> {
  let module = compiled.get(variant);
  if (module === undefined) {
    const base64 = variant === 'shared' ? KERNELS_WASM_BASE64 : KERNELS_WASM_PLAIN_BASE64;
    module = WebAssembly.compile(decodeBase64(base64));
    compiled.set(variant, module);
  }
  return module;
}

/** An instance on `memory` (synchronous: workers use it; the module is small). */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

/** Whether this host can share a WebAssembly memory between threads. */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    const probe = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return probe.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}
