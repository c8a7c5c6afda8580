// The reference kernels against direct float64 formulas (the WebAssembly kernels are tested against these).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activate, ACTIVATION_NAMES, activationCode } from '../../../src/core/nn/activations.js';
import { referenceKernels as kernels } from '../../../src/core/nn/kernels-reference.js';
import { EPS32, Rng } from '../../support/nn.js';

const rng = new Rng(77);
const random = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
const near = (got: number, want: number, scale: number, what: string) =>
  assert.ok(Math.abs(got - want) <= 2 * EPS32 * Math.max(scale, Math.abs(want)), `${what}: ${got} vs ${want}`);

for (const transA of [false, true]) for (const transB of [false, true]) for (const accumulate of [false, true]) {
  test(`gemm transA=${transA} transB=${transB} accumulate=${accumulate}`, () => {
    const [m, n, k] = [5, 7, 3];
    const a = random(m * k), b = random(k * n), c = random(m * n), before = Float32Array.from(c);
    kernels.gemm(transA, transB, m, n, k, a, b, c, accumulate);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let sum = accumulate ? before[i * n + j] : 0, scale = Math.abs(sum);
      for (let p = 0; p < k; p++) {
        const term = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
        sum += term;
        scale += Math.abs(term);
      }
      near(c[i * n + j], sum, scale, `C[${i},${j}]`);
    }
  });
}

for (const name of ACTIVATION_NAMES) {
  const code = activationCode(name);
  test(`biasActivation and activationBackward: ${name}`, () => {
    const [rows, cols, alpha] = [4, 3, 0.3];
    const x = random(rows * cols), bias = random(cols), out = new Float32Array(rows * cols);
    kernels.biasActivation(x, bias, rows, cols, code, alpha, out);
    const z = (i: number) => x[i] + bias[i % cols];
    out.forEach((y, i) => near(y, activate(Math.fround(z(i)), code, alpha), 1, `y[${i}]`));
    // In place (out aliases x), without bias.
    const inPlace = Float32Array.from(x);
    kernels.biasActivation(inPlace, null, rows, cols, code, alpha, inPlace);
    inPlace.forEach((y, i) => near(y, activate(x[i], code, alpha), 1, `in place y[${i}]`));
    // dx = dy · act'(x) from the output; act' by a float64 central difference of the formula.
    const dy = random(rows * cols), dx = new Float32Array(rows * cols);
    kernels.activationBackward(dy, inPlace, rows * cols, code, alpha, dx);
    dx.forEach((v, i) => {
      const h = 1e-6;
      const slope = (activate(x[i] + h, code, alpha) - activate(x[i] - h, code, alpha)) / (2 * h);
      assert.ok(Math.abs(v - dy[i] * slope) <= 1e-5 * Math.max(1, Math.abs(dy[i])), `dx[${i}]: ${v} vs ${dy[i] * slope}`);
    });
  });
}

test('columnSums, fresh and accumulating', () => {
  const [rows, cols] = [6, 4];
  const x = random(rows * cols), out = random(cols), before = Float32Array.from(out);
  for (const accumulate of [true, false]) {
    if (!accumulate) out.set(before);
    kernels.columnSums(x, rows, cols, out, accumulate);
    for (let c = 0; c < cols; c++) {
      let sum = accumulate ? before[c] : 0;
      for (let r = 0; r < rows; r++) sum += x[r * cols + c];
      near(out[c], sum, rows, `out[${c}]`);
    }
  }
});
