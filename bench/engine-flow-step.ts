// The engine benchmark's flow preset: gan2d's own flow-matching iteration (core/flow/flow-model.ts,
// one Adam step of the velocity network and its moving average) with the flow recipe at the small
// GAN preset's hidden layers (128, 128) and batch (512), on builtin:ring; bench/torch_flow2d.py runs
// the same iteration in PyTorch. Run alone: node dist/bench/engine-flow-step.js [iterations]  (reference engine).
import { fileURLToPath } from 'node:url';
import { builtinTarget } from '../src/core/density/builtins.js';
import { resolveFlowConfig, type FlowConfig } from '../src/core/flow/config.js';
import { createFlowModel } from '../src/core/flow/flow-model.js';
import { createReferenceEngine, type Engine } from '../src/core/nn/engine.js';

/** The flow recipe at the small GAN preset's size: what the flow/GAN ratio compares with that preset's step. */
export const FLOW_PRESET_CONFIG: Partial<FlowConfig> = { hidden: [128, 128], batchSize: 512, seed: 0, timeLimit: 0 };

/** Builds the flow preset's model on `engine`, runs `warmup` untimed iterations, then `iterations` timed ones; returns iterations per second. */
export function runFlowIterations(engine: Engine, iterations: number, warmup = 5): number {
  const model = createFlowModel(engine, resolveFlowConfig(FLOW_PRESET_CONFIG), builtinTarget('ring'), 'builtin:ring');
  for (let i = 0; i < warmup; i++) model.step();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) model.step();
  return iterations / ((performance.now() - start) / 1000);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const iterations = Number(process.argv[2] ?? 20);
  const rate = runFlowIterations(createReferenceEngine(), iterations);
  console.log(JSON.stringify({ engine: 'reference', preset: 'flow', iterations, iters_per_second: Number(rate.toFixed(2)) }));
}
