/**
 * A matrix product from outside the engine: a native BLAS that the host found (Node:
 * src/node/engine/native-blas.ts). Core stays platform-free: the host makes one and hands it
 * to createWasmEngine, whose gemm sends it the products it accepts and keeps the rest.
 */
import type { Kernels } from './kernels.js';

export interface NativeGemm {
  /** What runs the products, for the kernels' name that summaries and checkpoints record (e.g. 'openblas:Cooperlake'). */
  readonly name: string;
  /**
   * Whether a product of these sizes goes to the native library: a native call has a fixed
   * cost (koffi and the library's set-up, ~5–20 µs), so small and thin products stay in WebAssembly.
   */
  accepts(m: number, n: number, k: number): boolean;
  /**
   * Kernels.gemm's contract. The engine has checked that the arrays are views of its memory
   * holding the floats the sizes need, so the library never reads or writes past them.
   */
  gemm: Kernels['gemm'];
}
