/**
 * Kernels backed by the WebAssembly module: each method checks that its arrays are views of
 * the module's memory and large enough, then passes their byte offsets as pointers. Methods
 * the module does not implement fall back to the TypeScript reference (same memory, same views).
 */
import type { ActivationCode, Kernels } from '../kernels.js';
import { referenceKernels } from '../kernels-reference.js';
import { instantiateKernels, kernelModule, sharedMemoryAvailable, type KernelExports } from './kernel-module.js';
import { kernelMemoryLayout } from './memory-layout.js';
import { ViewCheck } from './view-check.js';

export interface WasmKernels extends Kernels {
  /** Bytes at the bottom of the memory that belong to the kernels: an Arena starts at or above. */
  readonly reservedBytes: number;
}

function requireLength(view: Float32Array, needed: number, what: string): void {
  if (view.length < needed) {
    throw new RangeError(`WebAssembly kernels: ${what} has ${view.length} floats, ${needed} needed`);
  }
}

/** The Kernels methods over an instance whose thread set-up (configure) is already done. */
export function kernelsOverExports(exports: KernelExports, views: ViewCheck, name: string): Kernels {
  const wasm: Partial<Kernels> = {
    name,
    gemm(transA, transB, m, n, k, a, b, c, accumulate) {
      requireLength(a, m * k, 'gemm A');
      requireLength(b, k * n, 'gemm B');
      requireLength(c, m * n, 'gemm C');
      exports.gemm(
        transA ? 1 : 0, transB ? 1 : 0, m, n, k,
        views.pointer(a, 'gemm A'), views.pointer(b, 'gemm B'), views.pointer(c, 'gemm C'), accumulate ? 1 : 0,
      );
    },
    biasActivation(x, bias, rows, cols, act: ActivationCode, alpha, out) {
      requireLength(x, rows * cols, 'biasActivation x');
      requireLength(out, rows * cols, 'biasActivation out');
      let biasPointer = 0;
      if (bias !== null) {
        requireLength(bias, cols, 'biasActivation bias');
        biasPointer = views.pointer(bias, 'biasActivation bias');
      }
      exports.biasActivation(
        views.pointer(x, 'biasActivation x'), biasPointer, rows, cols, act, alpha, views.pointer(out, 'biasActivation out'),
      );
    },
    activationBackward(dy, y, n, act: ActivationCode, alpha, dx) {
      requireLength(dy, n, 'activationBackward dy');
      requireLength(y, n, 'activationBackward y');
      requireLength(dx, n, 'activationBackward dx');
      exports.activationBackward(
        views.pointer(dy, 'activationBackward dy'), views.pointer(y, 'activationBackward y'), n, act, alpha,
        views.pointer(dx, 'activationBackward dx'),
      );
    },
    columnSums(x, rows, cols, out, accumulate) {
      requireLength(x, rows * cols, 'columnSums x');
      requireLength(out, cols, 'columnSums out');
      exports.columnSums(views.pointer(x, 'columnSums x'), rows, cols, views.pointer(out, 'columnSums out'), accumulate ? 1 : 0);
    },
    sgdStep(param, grad, momentumBuffer, n, lr, momentum, dampening, weightDecay, nesterov, firstStep) {
      requireLength(param, n, 'sgdStep param');
      requireLength(grad, n, 'sgdStep grad');
      if (momentum !== 0) requireLength(momentumBuffer, n, 'sgdStep momentumBuffer');
      exports.sgdStep(
        views.pointer(param, 'sgdStep param'), views.pointer(grad, 'sgdStep grad'),
        momentum !== 0 ? views.pointer(momentumBuffer, 'sgdStep momentumBuffer') : 0, n,
        lr, momentum, dampening, weightDecay, nesterov ? 1 : 0, firstStep ? 1 : 0,
      );
    },
    adamStep(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, t) {
      requireLength(param, n, 'adamStep param');
      requireLength(grad, n, 'adamStep grad');
      requireLength(m, n, 'adamStep m');
      requireLength(v, n, 'adamStep v');
      // The bias corrections exactly as the reference computes them (Math.pow has no WebAssembly twin).
      const stepSize = lr / (1 - beta1 ** t);
      const correction2 = Math.sqrt(1 - beta2 ** t);
      exports.adamStep(
        views.pointer(param, 'adamStep param'), views.pointer(grad, 'adamStep grad'),
        views.pointer(m, 'adamStep m'), views.pointer(v, 'adamStep v'), n,
        stepSize, correction2, beta1, beta2, eps, weightDecay,
      );
    },
    rmspropStep(param, grad, squareAverage, momentumBuffer, n, lr, alpha, eps, weightDecay, momentum) {
      requireLength(param, n, 'rmspropStep param');
      requireLength(grad, n, 'rmspropStep grad');
      requireLength(squareAverage, n, 'rmspropStep squareAverage');
      if (momentum > 0) requireLength(momentumBuffer, n, 'rmspropStep momentumBuffer');
      exports.rmspropStep(
        views.pointer(param, 'rmspropStep param'), views.pointer(grad, 'rmspropStep grad'),
        views.pointer(squareAverage, 'rmspropStep squareAverage'),
        momentum > 0 ? views.pointer(momentumBuffer, 'rmspropStep momentumBuffer') : 0, n,
        lr, alpha, eps, weightDecay, momentum,
      );
    },
    adadeltaStep(param, grad, squareAverage, accumulatedDelta, n, lr, rho, eps, weightDecay) {
      requireLength(param, n, 'adadeltaStep param');
      requireLength(grad, n, 'adadeltaStep grad');
      requireLength(squareAverage, n, 'adadeltaStep squareAverage');
      requireLength(accumulatedDelta, n, 'adadeltaStep accumulatedDelta');
      exports.adadeltaStep(
        views.pointer(param, 'adadeltaStep param'), views.pointer(grad, 'adadeltaStep grad'),
        views.pointer(squareAverage, 'adadeltaStep squareAverage'),
        views.pointer(accumulatedDelta, 'adadeltaStep accumulatedDelta'), n,
        lr, rho, eps, weightDecay,
      );
    },
  };
  return { ...referenceKernels, ...wasm };
}

/**
 * Single-threaded WebAssembly kernels over `memory` (shared or not). The bytes below
 * `reservedBytes` belong to the kernels; allocate tensors above them. For threads, and an
 * Arena set up for you, use createWasmEngine.
 */
export async function createWasmKernels(memory: WebAssembly.Memory): Promise<WasmKernels> {
  const shared = sharedMemoryAvailable() && memory.buffer instanceof SharedArrayBuffer;
  const exports = instantiateKernels(await kernelModule(shared ? 'shared' : 'plain'), memory);
  const layout = kernelMemoryLayout(exports, 1);
  if (memory.buffer.byteLength < layout.reservedBytes) {
    memory.grow(Math.ceil((layout.reservedBytes - memory.buffer.byteLength) / 65536));
  }
  exports.configure(layout.control, layout.scratchBase, 0, 1, 0, 1);
  const kernels = kernelsOverExports(exports, new ViewCheck(memory, shared), 'wasm-simd');
  return { ...kernels, reservedBytes: layout.reservedBytes };
}
