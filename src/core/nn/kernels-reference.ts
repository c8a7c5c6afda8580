/**
 * The plain TypeScript implementation of every kernel: straightforward loops, the reference
 * that the WebAssembly kernels are tested against. Arithmetic runs in doubles and is stored
 * as float32 (sums are rounded once, at the end), so they are at least as accurate as any
 * float32 kernel; compare other implementations against them with a float32 tolerance.
 */
import { activate, slopeFromOutput } from './activations.js';
import { adamBiasCorrections, type ActivationCode, type Kernels } from './kernels.js';

/** A grow-only float64 row, reused across calls: sums run in doubles and round once. */
let rowSums = new Float64Array(256);
function sumRow(length: number): Float64Array {
  if (rowSums.length < length) rowSums = new Float64Array(length);
  rowSums.fill(0, 0, length);
  return rowSums;
}

/** C = op(A)·op(B) (+ C): each output is summed in a double and rounded once. */
function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    const rowC = i * n;
    if (transB) {
      // B is n×k: C[i,j] is a dot product of A's row (or column, when transA) with B's row j.
      for (let j = 0; j < n; j++) {
        const rowB = j * k;
        let sum = 0;
        if (transA) for (let p = 0; p < k; p++) sum += a[p * m + i] * b[rowB + p];
        else for (let p = 0, rowA = i * k; p < k; p++) sum += a[rowA + p] * b[rowB + p];
        c[rowC + j] = accumulate ? c[rowC + j] + sum : sum;
      }
    } else {
      // B is k×n: C[i,:] gathers A[i,p] (A[p,i] when transA) times B's row p, streaming B.
      const row = sumRow(n);
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        const rowB = p * n;
        for (let j = 0; j < n; j++) row[j] += aip * b[rowB + j];
      }
      for (let j = 0; j < n; j++) c[rowC + j] = accumulate ? c[rowC + j] + row[j] : row[j];
    }
  }
}

/** The first columns of A·Bᵀ: the reference sums each element alone, so they are gemm's on those columns. */
function gemmFirstColumns(m: number, n: number, k: number, columns: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  if (columns > n) throw new RangeError(`gemmFirstColumns: ${columns} columns of ${n}`);
  gemm(false, true, m, columns, k, a, b, c, false);
}

function biasActivation(
  x: Float32Array, bias: Float32Array | null, rows: number, cols: number,
  act: ActivationCode, alpha: number, out: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) {
      const z = bias === null ? x[row + c] : x[row + c] + bias[c];
      out[row + c] = activate(z, act, alpha);
    }
  }
}

function activationBackward(
  dy: Float32Array, y: Float32Array, n: number, act: ActivationCode, alpha: number, dx: Float32Array,
): void {
  for (let i = 0; i < n; i++) dx[i] = dy[i] * slopeFromOutput(y[i], act, alpha);
}

function columnSums(x: Float32Array, rows: number, cols: number, out: Float32Array, accumulate: boolean): void {
  const sums = sumRow(cols);
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) sums[c] += x[row + c];
  }
  for (let c = 0; c < cols; c++) out[c] = accumulate ? out[c] + sums[c] : sums[c];
}

function sgdStep(
  param: Float32Array, grad: Float32Array, momentumBuffer: Float32Array, n: number,
  lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: boolean, firstStep: boolean,
): void {
  for (let i = 0; i < n; i++) {
    let d = grad[i] + weightDecay * param[i];
    if (momentum !== 0) {
      const buffer = firstStep ? d : momentum * momentumBuffer[i] + (1 - dampening) * d;
      momentumBuffer[i] = buffer;
      d = nesterov ? d + momentum * buffer : buffer;
    }
    param[i] -= lr * d;
  }
}

function adamStep(
  param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number,
  lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, t: number,
): void {
  const { stepSize, sqrtCorrection2 } = adamBiasCorrections(lr, beta1, beta2, t);
  for (let i = 0; i < n; i++) {
    const g = grad[i] + weightDecay * param[i];
    const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g);
    const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g);
    param[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtCorrection2 + eps);
  }
}

function rmspropStep(
  param: Float32Array, grad: Float32Array, squareAverage: Float32Array, momentumBuffer: Float32Array, n: number,
  lr: number, alpha: number, eps: number, weightDecay: number, momentum: number,
): void {
  for (let i = 0; i < n; i++) {
    const g = grad[i] + weightDecay * param[i];
    const s = (squareAverage[i] = alpha * squareAverage[i] + (1 - alpha) * g * g);
    const scaled = g / (Math.sqrt(s) + eps);
    if (momentum > 0) {
      const buffer = (momentumBuffer[i] = momentum * momentumBuffer[i] + scaled);
      param[i] -= lr * buffer;
    } else {
      param[i] -= lr * scaled;
    }
  }
}

function adadeltaStep(
  param: Float32Array, grad: Float32Array, squareAverage: Float32Array, accumulatedDelta: Float32Array, n: number,
  lr: number, rho: number, eps: number, weightDecay: number,
): void {
  for (let i = 0; i < n; i++) {
    const g = grad[i] + weightDecay * param[i];
    const s = (squareAverage[i] = rho * squareAverage[i] + (1 - rho) * g * g);
    const delta = (Math.sqrt(accumulatedDelta[i] + eps) / Math.sqrt(s + eps)) * g;
    accumulatedDelta[i] = rho * accumulatedDelta[i] + (1 - rho) * delta * delta;
    param[i] -= lr * delta;
  }
}

export const referenceKernels: Kernels = {
  name: 'reference',
  gemm,
  gemmFirstColumns,
  biasActivation,
  activationBackward,
  columnSums,
  sgdStep,
  adamStep,
  rmspropStep,
  adadeltaStep,
};
