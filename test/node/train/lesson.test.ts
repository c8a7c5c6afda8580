// The classic lesson, shortened: on two discs, a conditional GAN (one disc per condition)
// leaves far less mass between them than a plain GAN on the same picture, which bridges
// the discs. The full-length runs (defaults, 2000 iterations, seeds 1–5) are in the README's "The classic lesson".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTrainingTarget } from '../../../src/node/train/setup.js';
import { resolveTrainConfig } from '../../../src/core/gan/config.js';
import { createEvaluator } from '../../../src/core/model/evaluation.js';
import { targetParts } from '../../../src/core/model/target.js';
import { requestRows } from '../../../src/core/model/condition-split.js';
import { createTrainer } from '../../../src/core/gan/trainer.js';
import { createNodeWasmEngine } from '../../../src/node/engine/threads.js';

async function strays(input: string, seed: number): Promise<{ oos: number; farOos: number }> {
  const target = await loadTrainingTarget(input, false, () => undefined);
  const engine = await createNodeWasmEngine({ threads: 1 });
  try {
    const trainer = createTrainer(engine, resolveTrainConfig({ iterations: 400, batchSize: 500, seed }), target, input);
    for (let i = 0; i < 400; i++) trainer.step();
    const rows = requestRows(4000, trainer.target.masses);
    const points = trainer.generateRows(rows);
    const { oos, farOos } = createEvaluator(targetParts(target)).evaluate(points, rows);
    return { oos, farOos };
  } finally {
    await engine.dispose();
  }
}

test('conditioning on the disc removes the bridge a plain GAN leaves between two discs', async () => {
  const seeds = [1, 2];
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const conditional = await Promise.all(seeds.map((seed) => strays('examples/binary/', seed)));
  const plain = await Promise.all(seeds.map((seed) => strays('examples/binary.png', seed)));
  const oos = { conditional: mean(conditional.map((s) => s.oos)), plain: mean(plain.map((s) => s.oos)) };
  const far = { conditional: mean(conditional.map((s) => s.farOos)), plain: mean(plain.map((s) => s.farOos)) };
  assert.ok(oos.plain > 0.05, `the plain GAN bridges the discs: oos ${oos.plain}`);
  assert.ok(oos.conditional < oos.plain / 2, `conditional oos ${oos.conditional} vs plain ${oos.plain}`);
  // The bridge is far from both discs; what the conditional GAN leaves is mostly near their edges.
  assert.ok(far.plain > 0.6 * oos.plain, `most of the plain GAN's strays are far: ${far.plain} of ${oos.plain}`);
  assert.ok(far.conditional < far.plain / 3, `conditional far oos ${far.conditional} vs plain ${far.plain}`);
});
