// The classic lesson, shortened: on two discs, a conditional GAN (one disc per condition)
// leaves far less mass between them than a plain GAN on the same picture, which bridges
// the discs. The full-length run (defaults, 2000 iterations) is documented in docs/readme-train.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGanTarget } from '../src/cli/train-setup.js';
import { resolveTrainConfig } from '../src/core/gan/config.js';
import { createEvaluator } from '../src/core/gan/evaluation.js';
import { targetParts } from '../src/core/gan/gan-target.js';
import { requestRows } from '../src/core/gan/generator-input.js';
import { createTrainer } from '../src/core/gan/trainer.js';
import { createNodeWasmEngine } from '../src/node/threads.js';

async function outOfSupport(input: string, seed: number): Promise<number> {
  const target = await loadGanTarget(input, false, () => undefined);
  const engine = await createNodeWasmEngine({ threads: 1 });
  try {
    const trainer = createTrainer(engine, resolveTrainConfig({ iterations: 400, batchSize: 500, seed }), target, input);
    for (let i = 0; i < 400; i++) trainer.step();
    const rows = requestRows(4000, trainer.target.masses);
    const points = trainer.generateRows(rows);
    return createEvaluator(targetParts(target)).evaluate(points, rows).oos;
  } finally {
    await engine.dispose();
  }
}

test('conditioning on the disc removes the bridge a plain GAN leaves between two discs', async () => {
  const seeds = [1, 2];
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const conditional = mean(await Promise.all(seeds.map((seed) => outOfSupport('examples/binary/', seed))));
  const plain = mean(await Promise.all(seeds.map((seed) => outOfSupport('examples/binary.png', seed))));
  assert.ok(plain > 0.05, `the plain GAN bridges the discs: oos ${plain}`);
  assert.ok(conditional < plain / 2, `conditional oos ${conditional} vs plain ${plain}`);
});
