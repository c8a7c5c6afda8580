import { record, type Var } from '../tape.js';

/**
 * op(a)·op(b), where op transposes when asked: a is m×k (k×m when transA), b is k×n
 * (n×k when transB). Its gradients are matmuls again, in the transpose forms that avoid
 * materialising any transpose.
 */
export function matmul(a: Var, b: Var, transA = false, transB = false): Var {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const kb = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (k !== kb) {
    throw new RangeError(`matmul: inner sizes differ (${m}×${k} · ${kb}×${n}, transA ${transA}, transB ${transB})`);
  }
  const { engine } = a;
  const value = engine.arena.scratch(m, n);
  engine.kernels.gemm(transA, transB, m, n, k, a.value.data, b.value.data, value.data, false);
  return record(engine, value, [a, b], (g, ctx) => {
    // C = op(A)·op(B): dop(A) = g·op(B)ᵀ, dop(B) = op(A)ᵀ·g, transposed back to the stored layout.
    if (ctx.needs(0)) ctx.emit(0, transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB));
    if (ctx.needs(1)) ctx.emit(1, transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false));
  });
}
