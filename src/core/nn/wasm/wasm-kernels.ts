/**
 * Kernels backed by the WebAssembly module: each method checks that its arrays are views of
 * the module's memory and large enough, then passes their byte offsets as pointers. Methods
 * the module does not implement fall back to the TypeScript reference (same memory, same views).
 */
import { adamBiasCorrections, type ActivationCode, type Kernels } from '../kernels.js';
import { referenceKernels } from '../kernels-reference.js';
import type { NativeGemm } from '../native-gemm.js';
import { instantiateKernels, kernelModule, sharedMemoryAvailable, type KernelExports } from './kernel-module.js';
import { kernelMemoryLayout } from './memory-layout.js';
import { ViewCheck } from './view-check.js';

export interface WasmKernels extends Kernels {
  /** Bytes at the bottom of the memory that belong to the kernels: an Arena starts at or above. */
  readonly reservedBytes: number;
}

/** Set once a kernel thread has failed: the engine's results can no longer be trusted. */
export interface KernelHealth {
  failed: boolean;
}

/**
 * The Kernels methods over an instance whose thread set-up (configure) is already done. With
 * `native`, the gemms it accepts go to it (after the same checks) and its name joins ours.
 */
export function kernelsOverExports(
  exports: KernelExports, views: ViewCheck, name: string, health: KernelHealth = { failed: false }, native?: NativeGemm,
): Kernels {
  /** A kernel's status: a failed worker thread leaves its output incomplete, so it throws. */
  const finished = (status: number): void => {
    if (status !== 0 || health.failed) {
      health.failed = true;
      throw new Error('WebAssembly kernels: a kernel thread failed; this engine cannot be used any more');
    }
  };
  /** The pointer of `array` after checking it is in the memory and holds `needed` floats. */
  const at = (array: Float32Array, needed: number, what: string): number => {
    const pointer = views.pointer(array, what);
    if (array.length < needed) {
      throw new RangeError(`WebAssembly kernels: ${what} has ${array.length} floats, ${needed} needed`);
    }
    return pointer;
  };
  const wasm: Partial<Kernels> = {
    name: native === undefined ? name : `${name}+${native.name}`,
    gemm(transA, transB, m, n, k, a, b, c, accumulate) {
      const pointerA = at(a, m * k, 'gemm A'), pointerB = at(b, k * n, 'gemm B'), pointerC = at(c, m * n, 'gemm C');
      if (native !== undefined && native.accepts(m, n, k)) {
        if (health.failed) finished(1);
        native.gemm(transA, transB, m, n, k, a, b, c, accumulate);
        return;
      }
      finished(exports.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, pointerA, pointerB, pointerC, accumulate ? 1 : 0));
    },
    gemmFirstColumns(m, n, k, columns, a, b, c) {
      if (columns > n) throw new RangeError(`WebAssembly kernels: gemmFirstColumns of ${columns} columns of ${n}`);
      const pointerA = at(a, m * k, 'gemmFirstColumns A'), pointerB = at(b, columns * k, 'gemmFirstColumns B');
      const pointerC = at(c, m * columns, 'gemmFirstColumns C');
      if (native !== undefined && native.accepts(m, n, k)) {
        if (health.failed) finished(1);
        native.gemm(false, true, m, columns, k, a, b, c, false);
        return;
      }
      finished(exports.gemmFirstColumns(m, n, k, columns, pointerA, pointerB, pointerC));
    },
    biasActivation(x, bias, rows, cols, act: ActivationCode, alpha, out) {
      finished(exports.biasActivation(
        at(x, rows * cols, 'biasActivation x'), bias === null ? 0 : at(bias, cols, 'biasActivation bias'),
        rows, cols, act, alpha, at(out, rows * cols, 'biasActivation out'),
      ));
    },
    activationBackward(dy, y, n, act: ActivationCode, alpha, dx) {
      finished(exports.activationBackward(
        at(dy, n, 'activationBackward dy'), at(y, n, 'activationBackward y'), n, act, alpha, at(dx, n, 'activationBackward dx'),
      ));
    },
    columnSums(x, rows, cols, out, accumulate) {
      finished(exports.columnSums(
        at(x, rows * cols, 'columnSums x'), rows, cols, at(out, cols, 'columnSums out'), accumulate ? 1 : 0,
      ));
    },
    sgdStep(param, grad, momentumBuffer, n, lr, momentum, dampening, weightDecay, nesterov, firstStep) {
      finished(exports.sgdStep(
        at(param, n, 'sgdStep param'), at(grad, n, 'sgdStep grad'),
        momentum !== 0 ? at(momentumBuffer, n, 'sgdStep momentumBuffer') : 0, n,
        lr, momentum, dampening, weightDecay, nesterov ? 1 : 0, firstStep ? 1 : 0,
      ));
    },
    adamStep(param, grad, m, v, n, lr, beta1, beta2, eps, weightDecay, t) {
      // The bias corrections from the reference's own function (Math.pow has no WebAssembly twin).
      const { stepSize, sqrtCorrection2 } = adamBiasCorrections(lr, beta1, beta2, t);
      finished(exports.adamStep(
        at(param, n, 'adamStep param'), at(grad, n, 'adamStep grad'), at(m, n, 'adamStep m'), at(v, n, 'adamStep v'), n,
        stepSize, sqrtCorrection2, beta1, beta2, eps, weightDecay,
      ));
    },
    rmspropStep(param, grad, squareAverage, momentumBuffer, n, lr, alpha, eps, weightDecay, momentum) {
      finished(exports.rmspropStep(
        at(param, n, 'rmspropStep param'), at(grad, n, 'rmspropStep grad'), at(squareAverage, n, 'rmspropStep squareAverage'),
        momentum > 0 ? at(momentumBuffer, n, 'rmspropStep momentumBuffer') : 0, n,
        lr, alpha, eps, weightDecay, momentum,
      ));
    },
    adadeltaStep(param, grad, squareAverage, accumulatedDelta, n, lr, rho, eps, weightDecay) {
      finished(exports.adadeltaStep(
        at(param, n, 'adadeltaStep param'), at(grad, n, 'adadeltaStep grad'),
        at(squareAverage, n, 'adadeltaStep squareAverage'), at(accumulatedDelta, n, 'adadeltaStep accumulatedDelta'), n,
        lr, rho, eps, weightDecay,
      ));
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
