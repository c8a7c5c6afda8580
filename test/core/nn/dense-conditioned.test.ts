// The conditional first layer (denseConditioned via Mlp.forwardConditioned) against the plain
// MLP on the concatenated [x | one-hot] input: the same values and gradients, bit for bit, on
// the reference and the WebAssembly engines; and the one-hot builders against naive ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillGeneratorInput, fillOneHot } from '../../../src/core/gan/generator-input.js';
import { fillNormals } from '../../../src/core/gan/noise.js';
import { backward } from '../../../src/core/nn/autograd.js';
import { createReferenceEngine, type Engine } from '../../../src/core/nn/engine.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import { mul } from '../../../src/core/nn/ops/elementwise.js';
import { mean } from '../../../src/core/nn/ops/reduce.js';
import { concatColumns } from '../../../src/core/nn/ops/shape.js';
import { Var } from '../../../src/core/nn/tape.js';
import { createWasmEngine } from '../../../src/core/nn/wasm/wasm-engine.js';
import { Rng } from '../../../src/core/rng.js';

/** A one-hot matrix built the obvious way: row r has a 1 in its condition's column. */
function naiveOneHot(rowsPerCondition: readonly number[]): number[][] {
  const conditions = rowsPerCondition.length;
  const rows: number[][] = [];
  rowsPerCondition.forEach((count, c) => {
    for (let i = 0; i < count; i++) rows.push(Array.from({ length: conditions }, (_, j) => (j === c ? 1 : 0)));
  });
  return rows;
}

const SPLITS: number[][] = [[37], [20, 17], [9, 1, 12, 5, 10], [3, 4, 5, 6, 7, 1, 2, 3, 4, 2], [5, 40, 1]];

test('fillOneHot and fillGeneratorInput equal the naive one-hot beside z drawn alone', () => {
  for (const split of SPLITS) {
    const rows = split.reduce((a, b) => a + b, 0), conditions = split.length, zDim = 3;
    const oneHot = new Float32Array(rows * conditions).fill(7);
    fillOneHot(oneHot, conditions, split);
    assert.deepEqual(Array.from(oneHot), naiveOneHot(split).flat());
    const input = new Float32Array(rows * (zDim + conditions)).fill(7);
    fillGeneratorInput(input, zDim, conditions, split, new Rng(4, 1));
    const z = new Float32Array(rows * zDim);
    fillNormals(new Rng(4, 1), z);
    const expected = naiveOneHot(split).flatMap((hot, r) => [...z.subarray(r * zDim, (r + 1) * zDim), ...hot]);
    assert.deepEqual(Array.from(input), expected);
  }
});

async function checkEngine(engine: Engine): Promise<void> {
  for (const split of SPLITS) {
    for (const [k, hidden] of [[2, 11], [2, 100], [3, 9]] as const) {
      const conditions = split.length, rows = split.reduce((a, b) => a + b, 0);
      const rng = new Rng(k * 100 + conditions);
      const config = { sizes: [k + conditions, hidden, 3], hiddenActivation: 'leaky-relu' as const, hiddenAlpha: 0.1, outputActivation: 'sigmoid' as const };
      const plain = new Mlp(engine, config, new Rng(5));
      const conditional = new Mlp(engine, config, new Rng(5));
      const x = Array.from({ length: rows * k }, () => Math.fround(rng.normal()));
      const weights = Array.from({ length: rows * 3 }, () => Math.fround(rng.normal()));
      const run = (mlp: Mlp, fast: boolean) => {
        engine.arena.reset();
        const points = Var.from(engine, rows, k, x, true);
        const oneHot = Var.scratch(engine, rows, conditions);
        fillOneHot(oneHot.value.data, conditions, split);
        const output = fast ? mlp.forwardConditioned(points, oneHot, split) : mlp.forward(concatColumns([points, oneHot]));
        for (const p of mlp.parameters()) p.grad?.data.fill(0);
        backward(mean(mul(output, Var.from(engine, rows, 3, weights))));
        return {
          output: Array.from(output.value.data.subarray(0, rows * 3)),
          dx: points.grad === null ? [] : Array.from(points.grad.data.subarray(0, rows * k)),
          grads: mlp.parameters().map((p) => (p.grad === null ? [] : Array.from(p.grad.data.subarray(0, p.rows * p.cols)))),
        };
      };
      const want = run(plain, false), got = run(conditional, true);
      const what = `${engine.kernels.name}, k ${k}, hidden ${hidden}, split ${split.join(',')}`;
      assert.deepEqual(got.output, want.output, `output: ${what}`);
      assert.deepEqual(got.dx, want.dx, `dx: ${what}`);
      assert.deepEqual(got.grads, want.grads, `parameter gradients: ${what}`);
    }
  }
}

test('forwardConditioned equals forward on [x | one-hot], values and gradients bit for bit (reference engine)', async () => {
  await checkEngine(createReferenceEngine());
});

test('forwardConditioned equals forward on [x | one-hot], values and gradients bit for bit (WebAssembly engine)', async () => {
  const engine = await createWasmEngine();
  try {
    await checkEngine(engine);
  } finally {
    await engine.dispose();
  }
});
