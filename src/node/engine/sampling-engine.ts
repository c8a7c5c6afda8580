/**
 * The engine that draws a saved model's points for `generate`, `eval` and the benches'
 * further draws: WebAssembly on one thread, never the native BLAS, so one seed gives the same
 * points on every machine. A flow integrates its ODE, dozens of network passes a point, which
 * the reference engine took two minutes for at 20,000 points; it stays the fallback where
 * WebAssembly is missing.
 */
import { createReferenceEngine, type Engine } from '../../core/nn/engine.js';
import { createNodeWasmEngine } from './threads.js';

export async function withSamplingEngine<T>(use: (engine: Engine) => T | Promise<T>): Promise<T> {
  let engine: Engine & { dispose?: () => Promise<void> };
  try {
    engine = await createNodeWasmEngine({ threads: 1 });
  } catch {
    engine = createReferenceEngine();
  }
  try {
    return await use(engine);
  } finally {
    await engine.dispose?.();
  }
}
