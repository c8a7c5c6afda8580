// Spectral normalisation: the power iteration's σ against the largest singular value found
// other ways, the normalised weight's gradients against finite differences (to second order,
// as R1 needs), and the Mlp option against its own weights divided by σ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/core/errors.js';
import { grad } from '../../../src/core/nn/autograd.js';
import { Mlp, type MlpConfig } from '../../../src/core/nn/mlp.js';
import * as ops from '../../../src/core/nn/ops/index.js';
import { spectralNormalise } from '../../../src/core/nn/ops/spectral-norm.js';
import { SpectralNorm } from '../../../src/core/nn/spectral-norm.js';
import { Var } from '../../../src/core/nn/tape.js';
import {
  assertMatchesFiniteDifferences, type Input, randomInput, referenceEngine, Rng, type ScalarFunction, tapeGradients,
} from '../../support/nn.js';

const engine = referenceEngine();

/** A persistent weight holding `values` (rows × cols, row-major), as an Mlp's parameter would. */
function weight(rows: number, cols: number, values: readonly number[]): Var {
  const w = Var.parameter(engine, rows, cols);
  w.value.data.set(values);
  return w;
}

/** σ after `steps` power steps from the state's random start. */
function poweredSigma(w: Var, steps: number, seed = 1): number {
  const norm = new SpectralNorm(engine, [w], new Rng(seed));
  for (let i = 0; i < steps; i++) norm.powerStep();
  return norm.sigma(0);
}

/** WᵀW (cols × cols) in doubles. */
function gram(rows: number, cols: number, w: ArrayLike<number>): number[][] {
  const a = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) for (let r = 0; r < rows; r++) a[i][j] += w[r * cols + i] * w[r * cols + j];
  return a;
}

/** The largest eigenvalue of a symmetric 3×3 matrix in closed form (the trigonometric solution of its characteristic cubic). */
function largestEigenvalue3(a: number[][]): number {
  const p1 = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
  const q = (a[0][0] + a[1][1] + a[2][2]) / 3;
  const p2 = (a[0][0] - q) ** 2 + (a[1][1] - q) ** 2 + (a[2][2] - q) ** 2 + 2 * p1;
  const p = Math.sqrt(p2 / 6);
  const b = a.map((row, i) => row.map((x, j) => (x - (i === j ? q : 0)) / p));
  const det = b[0][0] * (b[1][1] * b[2][2] - b[1][2] * b[2][1]) - b[0][1] * (b[1][0] * b[2][2] - b[1][2] * b[2][0]) +
    b[0][2] * (b[1][0] * b[2][1] - b[1][1] * b[2][0]);
  const phi = Math.acos(Math.min(1, Math.max(-1, det / 2))) / 3;
  return q + 2 * p * Math.cos(phi);
}

/** The largest singular value by a long power iteration on WᵀW in doubles (a start of ones, not the state's). */
function largestSingularValue(rows: number, cols: number, w: ArrayLike<number>): number {
  const a = gram(rows, cols, w);
  let x = new Array<number>(cols).fill(1);
  let lambda = 0;
  for (let step = 0; step < 5000; step++) {
    const y = a.map((row) => row.reduce((s, value, j) => s + value * x[j], 0));
    const norm = Math.hypot(...y);
    lambda = y.reduce((s, value, j) => s + value * x[j], 0) / x.reduce((s, value) => s + value * value, 0);
    x = y.map((value) => value / norm);
  }
  return Math.sqrt(lambda);
}

test('2×2: σ after many power steps is the largest singular value in closed form', () => {
  const values = [2, 1, 0.5, -1];
  // WᵀW has trace ‖W‖²_F and determinant det(W)²: its larger eigenvalue is (t + √(t² − 4d)) / 2.
  const t = values.reduce((s, x) => s + x * x, 0);
  const d = (values[0] * values[3] - values[1] * values[2]) ** 2;
  const expected = Math.sqrt((t + Math.sqrt(t * t - 4 * d)) / 2);
  engine.arena.reset();
  const sigma = poweredSigma(weight(2, 2, values), 100);
  assert.ok(Math.abs(sigma - expected) <= 1e-6 * expected, `σ ${sigma}, expected ${expected}`);
});

test('3×3: σ after many power steps is √ of WᵀW\'s largest eigenvalue from its characteristic cubic', () => {
  const values = [0.9, -0.4, 0.3, 0.2, 1.1, -0.7, -0.5, 0.6, 0.8].map(Math.fround);
  const expected = Math.sqrt(largestEigenvalue3(gram(3, 3, values)));
  const sigma = poweredSigma(weight(3, 3, values), 300);
  assert.ok(Math.abs(sigma - expected) <= 1e-6 * expected, `σ ${sigma}, expected ${expected}`);
  // The closed form itself agrees with the float64 power iteration.
  assert.ok(Math.abs(largestSingularValue(3, 3, values) - expected) <= 1e-9 * expected);
});

for (const [rows, cols] of [[6, 4], [4, 6], [1, 5], [5, 1], [64, 64]] as const) {
  test(`${rows}×${cols}: σ after many power steps matches a float64 power iteration, and W/σ has norm 1`, () => {
    const w = randomInput(new Rng(rows * 100 + cols), rows, cols);
    const expected = largestSingularValue(rows, cols, w.values);
    const parameter = weight(rows, cols, w.values);
    const norm = new SpectralNorm(engine, [parameter], new Rng(7));
    // Before any step σ = ‖W·u‖: positive and at most the largest singular value.
    assert.ok(norm.sigma(0) > 0 && norm.sigma(0) <= expected * (1 + 1e-6), `initial σ ${norm.sigma(0)} vs ${expected}`);
    for (let i = 0; i < 500; i++) norm.powerStep();
    assert.ok(Math.abs(norm.sigma(0) - expected) <= 1e-5 * expected, `σ ${norm.sigma(0)}, expected ${expected}`);
    engine.arena.reset();
    const normalised = norm.normalised(0).toArray();
    assert.ok(Math.abs(largestSingularValue(rows, cols, normalised) - 1) <= 1e-5);
  });
}

test("a power step never decreases σ's estimate", () => {
  const w = randomInput(new Rng(11), 8, 5);
  const norm = new SpectralNorm(engine, [weight(8, 5, w.values)], new Rng(3));
  let previous = norm.sigma(0);
  for (let i = 0; i < 20; i++) {
    norm.powerStep();
    // Each step's Rayleigh quotient ‖Wᵀv‖ grows towards σ_max (up to float32 rounding of the vectors).
    assert.ok(norm.sigma(0) >= previous * (1 - 1e-6), `step ${i}: ${norm.sigma(0)} < ${previous}`);
    previous = norm.sigma(0);
  }
});

/** Unit vectors (not singular vectors: the op is defined for any u, v with vᵀWu ≠ 0). */
function unit(rng: Rng, length: number): Input {
  const values = Array.from({ length }, () => rng.normal());
  const norm = Math.hypot(...values);
  return { rows: length, cols: 1, values: values.map((x) => Math.fround(x / norm)) };
}

/** Σ out ⊙ c for fixed c, so every output counts. */
function weightedSum(out: Var, seed: number): Var {
  const rng = new Rng(seed, 99);
  const c = Array.from({ length: out.value.size }, () => rng.uniform() * 2 - 1);
  return ops.sum(ops.mul(out, Var.from(out.engine, out.rows, out.cols, c)));
}

const vectorRng = new Rng(5);
const [u3, v4] = [unit(vectorRng, 3), unit(vectorRng, 4)];
const constant = (input: Input): Var => Var.from(engine, input.rows, input.cols, input.values);

test('the normalised weight in a layer: gradients of x and W against finite differences (u, v constant)', () => {
  const f: ScalarFunction = ([x, w]) =>
    weightedSum(ops.dense(x, spectralNormalise(w, constant(u3), constant(v4)), null, 'tanh'), 1);
  const inputs = [randomInput(new Rng(21), 5, 4), randomInput(new Rng(22), 4, 3)];
  assertMatchesFiniteDifferences(engine, f, inputs, tapeGradients(engine, f, inputs));
});

test('the normalised weight\'s gradient is (G − ⟨G, W/σ⟩·v·uᵀ) / σ', () => {
  const w = randomInput(new Rng(23), 4, 3);
  const g = randomInput(new Rng(24), 4, 3);
  engine.arena.reset();
  const wVar = Var.from(engine, 4, 3, w.values, true);
  const normalised = spectralNormalise(wVar, constant(u3), constant(v4));
  const [got] = grad([ops.sum(ops.mul(normalised, constant(g)))], [wVar]);
  let sigma = 0;
  for (let r = 0; r < 4; r++) for (let c = 0; c < 3; c++) sigma += v4.values[r] * w.values[r * 3 + c] * u3.values[c];
  let inner = 0;
  for (let i = 0; i < 12; i++) inner += g.values[i] * w.values[i] / sigma;
  got.toArray().forEach((value, i) => {
    const r = Math.floor(i / 3), c = i % 3;
    const expected = (g.values[i] - inner * v4.values[r] * u3.values[c]) / sigma;
    assert.ok(Math.abs(value - expected) <= 1e-5 * Math.max(1, Math.abs(expected)), `[${r}, ${c}]: ${value} vs ${expected}`);
  });
});

test('R1 through a spectrally normalised D: second order against differences of the first-order gradient', () => {
  const points = randomInput(new Rng(31), 6, 2);
  const vectors = [unit(vectorRng, 5), unit(vectorRng, 2), unit(vectorRng, 1), unit(vectorRng, 5)];
  const f: ScalarFunction = ([w0, b0, w1, b1]) => {
    const x = Var.from(engine, points.rows, points.cols, points.values, true);
    const h = ops.dense(x, spectralNormalise(w0, constant(vectors[0]), constant(vectors[1])), b0, 'tanh');
    const out = ops.dense(h, spectralNormalise(w1, constant(vectors[2]), constant(vectors[3])), b1, 'identity');
    const [gradient] = grad([out], [x], { createGraph: true });
    return ops.mean(ops.rowSums(ops.square(gradient)));
  };
  const rng = new Rng(32);
  const inputs = [randomInput(rng, 2, 5), randomInput(rng, 1, 5), randomInput(rng, 5, 1), randomInput(rng, 1, 1)];
  assertMatchesFiniteDifferences(engine, f, inputs, tapeGradients(engine, f, inputs), { roundingUlps: 16 });
});

const CONFIG: MlpConfig = { sizes: [2, 6, 5, 1], hiddenActivation: 'leaky-relu', outputActivation: 'identity' };

test('an Mlp with spectralNorm draws the same weights, then computes the plain Mlp on W/σ', () => {
  const plain = new Mlp(engine, CONFIG, new Rng(9));
  const normed = new Mlp(engine, { ...CONFIG, spectralNorm: true }, new Rng(9));
  assert.equal(plain.spectralNorm, null);
  assert.deepEqual(normed.toJSON(), plain.toJSON());
  const norm = normed.spectralNorm!;
  for (let i = 0; i < 3; i++) norm.powerStep();
  // The plain network given each weight divided by σ (in doubles, then float32) computes what the normalised one does.
  plain.weights.forEach((w, layer) => {
    const sigma = norm.sigma(layer);
    w.value.data.set(normed.weights[layer].toArray().map((x) => x / sigma));
  });
  engine.arena.reset();
  const x = Var.from(engine, 4, 2, [0.1, -0.3, 0.7, 0.2, -1, 0.5, 0.4, 0.4]);
  const got = normed.forward(x).toArray();
  const expected = plain.forward(x).toArray();
  got.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) <= 1e-5 * Math.max(1, Math.abs(expected[i])), `${value} vs ${expected[i]}`));
});

test('the vectors round-trip through state() and load(); a wrong size is refused', () => {
  const a = new Mlp(engine, { ...CONFIG, spectralNorm: true }, new Rng(4));
  const b = new Mlp(engine, { ...CONFIG, spectralNorm: true }, new Rng(5));
  a.spectralNorm!.powerStep();
  b.load(a.toJSON());
  b.spectralNorm!.load(JSON.parse(JSON.stringify(a.spectralNorm!.state())));
  assert.deepEqual(b.spectralNorm!.state(), a.spectralNorm!.state());
  engine.arena.reset();
  const x = Var.from(engine, 2, 2, [0.3, 0.1, -0.2, 0.9]);
  assert.deepEqual(b.forward(x).toArray(), a.forward(x).toArray());
  const state = a.spectralNorm!.state();
  state[1].v.pop();
  assert.throws(() => b.spectralNorm!.load(state), (error: unknown) => error instanceof UserError && /layer 1 v/.test(error.message));
  assert.throws(() => b.spectralNorm!.load(state.slice(0, 2)), UserError);
});
