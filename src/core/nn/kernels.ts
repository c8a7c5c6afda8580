/**
 * The hot kernels of the engine, as one interface with two implementations:
 * a plain TypeScript reference (kernels-reference.ts) that tests trust, and a
 * WebAssembly SIMD one (wasm/) that training uses. Both take Float32Array views
 * into the engine's memory (see arena.ts); the WebAssembly implementation reads a
 * view's byteOffset as its pointer, so every array passed in must be a view of the
 * same memory the kernels were instantiated with.
 *
 * All matrices are row-major. Outputs may not alias inputs unless a kernel says so.
 */

/** Activation codes, shared with the WebAssembly side (keep the numbers stable). */
export const ActivationCode = {
  identity: 0,
  relu: 1,
  leakyRelu: 2, // alpha = negative slope
  elu: 3, // alpha = scale of the negative part
  tanh: 4,
  sigmoid: 5,
} as const;
export type ActivationCode = (typeof ActivationCode)[keyof typeof ActivationCode];

/**
 * Adam's bias corrections at step t (t >= 1): the step size lr / (1 − β1^t) and √(1 − β2^t).
 * Every adamStep uses these, so the implementations agree bit for bit on them (the WebAssembly
 * one receives them: Math.pow has no WebAssembly twin).
 */
export function adamBiasCorrections(lr: number, beta1: number, beta2: number, t: number): { stepSize: number; sqrtCorrection2: number } {
  return { stepSize: lr / (1 - beta1 ** t), sqrtCorrection2: Math.sqrt(1 - beta2 ** t) };
}

export interface Kernels {
  /** Which implementation this is, for benchmarks and error messages. */
  readonly name: string;

  /**
   * C[m×n] = op(A)·op(B), plus the old C when `accumulate`.
   * op(A) is m×k: A is stored m×k, or k×m when transA. op(B) is k×n: B is stored k×n, or n×k when transB.
   */
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number,
    a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean,
  ): void;

  /**
   * C[m×columns] = the first `columns` columns of A·Bᵀ (A m×k, B n×k), each element exactly
   * as gemm(false, true, m, n, k, …) computes it: the input gradient of a layer whose last
   * inputs need none (denseConditioned's one-hot columns), without the work of the others.
   * Where the gemm of m×n×k would go to a NativeGemm, the library's product of the wanted
   * columns (whose rounding is the library's).
   */
  gemmFirstColumns(m: number, n: number, k: number, columns: number, a: Float32Array, b: Float32Array, c: Float32Array): void;

  /** out[r, c] = act(x[r, c] + bias[c]) (no bias when null). `out` may alias `x`. */
  biasActivation(
    x: Float32Array, bias: Float32Array | null, rows: number, cols: number,
    act: ActivationCode, alpha: number, out: Float32Array,
  ): void;

  /** dx[i] = dy[i] · act'(·) evaluated from the activation's OUTPUT y[i] (all our activations allow it). `dx` may alias `dy`. */
  activationBackward(
    dy: Float32Array, y: Float32Array, n: number, act: ActivationCode, alpha: number, dx: Float32Array,
  ): void;

  /** out[c] = Σ_r x[r, c], plus the old out when `accumulate` (bias gradients). */
  columnSums(x: Float32Array, rows: number, cols: number, out: Float32Array, accumulate: boolean): void;

  /** torch.optim.SGD, one step over n parameters. `firstStep` starts the momentum buffer from the gradient. */
  sgdStep(
    param: Float32Array, grad: Float32Array, momentumBuffer: Float32Array, n: number,
    lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: boolean, firstStep: boolean,
  ): void;

  /** torch.optim.Adam (not AdamW), step t >= 1 (bias corrections use t). */
  adamStep(
    param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number,
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, t: number,
  ): void;

  /** torch.optim.RMSprop (not centered); momentumBuffer is unused when momentum is 0. */
  rmspropStep(
    param: Float32Array, grad: Float32Array, squareAverage: Float32Array, momentumBuffer: Float32Array, n: number,
    lr: number, alpha: number, eps: number, weightDecay: number, momentum: number,
  ): void;

  /** torch.optim.Adadelta. */
  adadeltaStep(
    param: Float32Array, grad: Float32Array, squareAverage: Float32Array, accumulatedDelta: Float32Array, n: number,
    lr: number, rho: number, eps: number, weightDecay: number,
  ): void;
}
