/** The engine a training run uses: the WebAssembly one with as many threads as help, else the reference one. */
import { createReferenceEngine, type Engine } from '../../core/nn/engine.js';
import { UserError } from '../../core/errors.js';
import { loadNativeBlas, NATIVE_BLAS_THREADS, type KernelChoice } from '../engine/native-blas.js';
import { createNodeWasmEngine, defaultThreadCount } from '../engine/threads.js';

export type TrainingEngine = Engine & { dispose?: () => Promise<void>; threads?: number; native?: boolean };

/** Below this width a layer's kernels are too small to share between threads: one thread trains faster. */
const NARROW_LAYERS = 128;

/**
 * --threads 0: the engine's threads for this config. Narrow networks (the seed demo's 100 and
 * 50 units) run fastest on one thread, leaving the other core to draw the GIF; wider ones
 * use the cores available.
 */
export function automaticThreads(widestLayer: number): number {
  return widestLayer < NARROW_LAYERS ? 1 : defaultThreadCount();
}

/** The engine for --threads and --kernels; --kernels native without a loadable BLAS is refused. */
export async function createTrainingEngine(
  threads: number, notice: (line: string) => void, kernels: KernelChoice = 'wasm',
): Promise<TrainingEngine> {
  const blas = kernels === 'wasm' ? null : await loadNativeBlas(NATIVE_BLAS_THREADS);
  if (kernels === 'native' && blas?.gemm === null) throw new UserError(`--kernels native: no usable BLAS (${blas.reason})`);
  const nativeGemm = blas?.gemm ?? undefined;
  try {
    const engine = await createNodeWasmEngine({ threads, ...(nativeGemm ? { nativeGemm } : {}) });
    return Object.assign(engine, { native: nativeGemm !== undefined });
  } catch (error) {
    notice(`WebAssembly engine unavailable (${(error as Error).message}); training with the slower reference engine`);
    return createReferenceEngine();
  }
}
