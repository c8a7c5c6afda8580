/**
 * The bottom of the kernels' memory, below the engine's Arena:
 *   [0, heapBase)            the module's own static data (none today, but the compiler decides)
 *   control block            shared by all threads (see assembly/threads.ts)
 *   scratch × threads        one region per thread (packed matrix panels, edge tiles)
 *   reservedBytes            the Arena starts here
 */
import type { KernelExports } from './kernel-module.js';

export interface KernelMemoryLayout {
  readonly control: number;
  readonly scratchBase: number;
  readonly scratchBytesPerThread: number;
  /** First byte the Arena may use. */
  readonly reservedBytes: number;
}

const CACHE_LINE = 64;
const alignUp = (bytes: number): number => Math.ceil(bytes / CACHE_LINE) * CACHE_LINE;

export function kernelMemoryLayout(kernels: KernelExports, threads: number): KernelMemoryLayout {
  const control = alignUp(kernels.heapBase());
  const scratchBase = alignUp(control + kernels.controlBytes());
  const scratchBytesPerThread = alignUp(kernels.scratchBytes());
  return { control, scratchBase, scratchBytesPerThread, reservedBytes: scratchBase + threads * scratchBytesPerThread };
}
