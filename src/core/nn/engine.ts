import { Arena } from './arena.js';
import { ArrayBufferMemory } from './engine-memory.js';
import type { Kernels } from './kernels.js';
import { referenceKernels } from './kernels-reference.js';

/** What every op needs: the kernels that do the math and the arena its tensors live in. */
export interface Engine {
  readonly kernels: Kernels;
  readonly arena: Arena;
}

export interface ReferenceEngineOptions {
  /** Starting size of the memory; it grows on demand (views stay valid). Default 4 MiB. */
  initialBytes?: number;
  /** Largest the memory may grow to. Default 1 GiB. */
  maxBytes?: number;
}

/** The plain TypeScript engine: correct everywhere, the reference for tests; slower than WebAssembly. */
export function createReferenceEngine(options: ReferenceEngineOptions = {}): Engine {
  const memory = new ArrayBufferMemory(options.initialBytes, options.maxBytes);
  return { kernels: referenceKernels, arena: new Arena(memory, 0) };
}
