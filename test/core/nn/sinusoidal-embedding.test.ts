// The sinusoidal embedding on the tape (ops/sinusoidal-embedding.ts) and the MLP that sees
// points through it (embedded-mlp.ts): its columns against Math.sin/cos, its gradient against
// central differences, and R1's second-order gradient through it (what D's step differentiates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grad } from '../../../src/core/nn/autograd.js';
import { bandWeight, EmbeddedMlp } from '../../../src/core/nn/embedded-mlp.js';
import * as ops from '../../../src/core/nn/ops/index.js';
import { embeddingWidth, octaveFrequencies, sinusoidalEmbedding } from '../../../src/core/nn/ops/sinusoidal-embedding.js';
import { Var } from '../../../src/core/nn/tape.js';
import { assertMatchesFiniteDifferences, randomInput, referenceEngine, Rng, tapeGradients, type ScalarFunction } from '../../support/nn.js';

const engine = referenceEngine();

test('the embedding: each coordinate, then its sin and cos at each frequency, coordinate after coordinate', () => {
  const frequencies = octaveFrequencies(3);
  assert.deepEqual([...frequencies], [2 * Math.PI, 4 * Math.PI, 8 * Math.PI]);
  assert.equal(embeddingWidth(2, 3), 14);
  engine.arena.reset();
  const x = Var.from(engine, 2, 2, [0.1, 0.7, 0.25, 0.5]);
  const out = sinusoidalEmbedding(x, frequencies).toArray();
  assert.equal(out.length, 2 * 14);
  const [x0, y0] = [Math.fround(0.1), Math.fround(0.7)];
  const expected = [x0, y0,
    ...[...frequencies].flatMap((f) => [Math.sin(f * x0), Math.cos(f * x0)]),
    ...[...frequencies].flatMap((f) => [Math.sin(f * y0), Math.cos(f * y0)])];
  expected.forEach((v, i) => assert.ok(Math.abs(out[i] - v) < 1e-6, `column ${i}: ${out[i]} vs ${v}`));
  // The second row: x = 1/4 gives sin(π/2) = 1, cos(π/2) = 0 at the lowest frequency.
  assert.ok(Math.abs(out[14 + 2] - 1) < 1e-6 && Math.abs(out[14 + 3]) < 1e-6);
});

test('its gradient matches central differences', () => {
  const frequencies = octaveFrequencies(4);
  const weights = randomInput(new Rng(5), 1, embeddingWidth(2, 4));
  // A weighted sum of the columns, so every column's gradient counts.
  const f: ScalarFunction = ([x]) => ops.sum(ops.mul(sinusoidalEmbedding(x, frequencies), Var.from(engine, 1, weights.cols, weights.values)));
  const points = randomInput(new Rng(6), 5, 2, 0, 1);
  assertMatchesFiniteDifferences(engine, f, [points], tapeGradients(engine, f, [points]), { h: 1e-3, truncation: 1e-3 });
});

test('R1 through an embedded MLP: its gradient in the weights matches central differences', () => {
  const rng = new Rng(9);
  const d = new EmbeddedMlp(engine, { sizes: [embeddingWidth(2, 3), 6, 1], hiddenActivation: 'tanh', outputActivation: 'identity' }, rng, octaveFrequencies(3));
  const points = randomInput(rng, 6, 2, 0, 1);
  const params = d.parameters().map((p) => ({ rows: p.rows, cols: p.cols, values: p.toArray() }));
  const f: ScalarFunction = (weights) => {
    const x = Var.from(engine, points.rows, points.cols, points.values, true);
    // D's layers on the weights given (Var leaves), through the embedding, then R1 from grad(createGraph).
    let h = sinusoidalEmbedding(x, d.frequencies);
    h = ops.dense(h, weights[0], weights[1], 'tanh', 0);
    h = ops.dense(h, weights[2], weights[3], 'identity', 0);
    const [gradient] = grad([h], [x], { createGraph: true });
    return ops.mean(ops.rowSums(ops.square(gradient)));
  };
  const analytic = tapeGradients(engine, f, params);
  assert.ok(analytic.some((g) => g.some((v) => Math.abs(v) > 1e-3)), 'the penalty depends on the weights');
  assertMatchesFiniteDifferences(engine, f, params, analytic, { truncation: 1e-3 });
  // The class runs the same layers: its output equals the hand-built one.
  engine.arena.reset();
  const x = Var.from(engine, points.rows, points.cols, points.values);
  const byClass = d.forward(x).toArray();
  const byHand = ops.dense(ops.dense(sinusoidalEmbedding(x, d.frequencies), d.weights[0], d.biases[0], 'tanh', 0), d.weights[1], d.biases[1], 'identity', 0).toArray();
  assert.deepEqual(byClass, byHand);
});

test('opening bands coarse to fine: the weights of a half-cosine window, and the columns they scale', () => {
  assert.equal(bandWeight(0, 0), 0);
  assert.equal(bandWeight(1, 0), 1);
  assert.ok(Math.abs(bandWeight(2.5, 2) - 0.5) < 1e-15);
  assert.ok(Math.abs(bandWeight(1.25, 1) - (1 - Math.SQRT1_2) / 2) < 1e-15);
  assert.equal(bandWeight(1.9, 2), 0);
  assert.equal(bandWeight(3, 1), 1);
  const rng = new Rng(12);
  const d = new EmbeddedMlp(engine, { sizes: [embeddingWidth(2, 3), 5, 1], hiddenActivation: 'tanh', outputActivation: 'identity' }, rng, octaveFrequencies(3));
  const points = randomInput(rng, 4, 2, 0, 1);
  const byHand = (open: number): number[] => {
    engine.arena.reset();
    const embedded = sinusoidalEmbedding(Var.from(engine, 4, 2, points.values), d.frequencies).toArray();
    // Columns per row: x, y, then x's 3 bands (sin, cos), then y's.
    const windowed = embedded.map((v, i) => {
      const column = i % 14;
      return column < 2 ? v : v * bandWeight(open, ((column - 2) % 6) >> 1);
    });
    const input = Var.from(engine, 4, 14, windowed);
    return ops.dense(ops.dense(input, d.weights[0], d.biases[0], 'tanh', 0), d.weights[1], d.biases[1], 'identity', 0).toArray();
  };
  const byClass = (open: number): number[] => {
    d.setOpenBands(open);
    engine.arena.reset();
    return d.forward(Var.from(engine, 4, 2, points.values)).toArray();
  };
  for (const open of [0, 1.5, 2.75]) {
    const [a, b] = [byClass(open), byHand(open)];
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-6, `open ${open}, row ${i}: ${v} vs ${b[i]}`));
  }
  // All open is the plain embedding, bit for bit; more than all is all; fewer than none is none.
  assert.deepEqual(byClass(3), byHand(3));
  assert.deepEqual(byClass(7), byClass(3));
  assert.deepEqual(byClass(-1), byClass(0));
  assert.equal(d.openBands, 0);
});

test('R1 through a half-open embedding: its gradient in the weights matches central differences', () => {
  const rng = new Rng(14);
  const frequencies = octaveFrequencies(3);
  const points = randomInput(rng, 6, 2, 0, 1);
  const params = [randomInput(rng, 14, 6), randomInput(rng, 1, 6), randomInput(rng, 6, 1), randomInput(rng, 1, 1)];
  // 1.6 bands open: band 0 whole, band 1 at bandWeight(1.6, 1), band 2 shut.
  const window = Array.from({ length: 14 }, (_, column) => (column < 2 ? 1 : bandWeight(1.6, ((column - 2) % 6) >> 1)));
  const f: ScalarFunction = ([w1, b1, w2, b2]) => {
    const x = Var.from(engine, points.rows, points.cols, points.values, true);
    const embedded = ops.mul(sinusoidalEmbedding(x, frequencies), Var.from(engine, 1, 14, window));
    const out = ops.dense(ops.dense(embedded, w1, b1, 'tanh', 0), w2, b2, 'identity', 0);
    const [gradient] = grad([out], [x], { createGraph: true });
    return ops.mean(ops.rowSums(ops.square(gradient)));
  };
  const analytic = tapeGradients(engine, f, params);
  assert.ok(analytic[0].slice(12 * 6).every((v) => v === 0), 'the shut band\'s weights get no gradient (y\'s band 2 columns are rows 12-13)');
  assert.ok(analytic.some((g) => g.some((v) => Math.abs(v) > 1e-3)), 'the penalty depends on the weights');
  assertMatchesFiniteDifferences(engine, f, params, analytic, { truncation: 1e-3 });
});
