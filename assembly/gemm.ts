// C[m×n] = op(A)·op(B) (+ C): row-major, f32, WebAssembly SIMD.
//
// Blocked like GotoBLAS, but only op(B) is packed: a panel of PANEL_DEPTH×PANEL_WIDTH of op(B)
// is copied into strips of 8 columns (zero-padded), so all four transpose forms share one
// micro-kernel that reads B sequentially. A is read in place: 4 row pointers and a step along k
// (4 bytes when A is m×k, m·4 bytes when A is stored k×m).
//
// C with 1–3 columns (network outputs, the gradient of 2D inputs) or 1–3 rows (the weight
// gradient of a 2D input layer) has kernels of its own: the 4×8 tile would waste most of its
// lanes, and packing B would cost as much as the product.
//
// Determinism: which kernel computes C depends on the shape alone, and each computes every C
// element in a fixed order (the 4×8 tile: the sum over p = 0, 1, …, k−1 in order, from 0 or
// the old C, carried through C between panels). So splitting C over threads by rows or by
// columns gives bit-identical results.

import { PANEL_A_ROWS, PANEL_DEPTH, PANEL_WIDTH, panel, panelA } from './scratch';
import { loadPartial, storePartial } from './vector-math';

/** Copies op(B)[pc..pc+kc, jc..jc+nc] into strips of 8 columns × kc rows, zero past nc. */
function packB(transB: bool, b: usize, n: i32, k: i32, pc: i32, kc: i32, jc: i32, nc: i32, out: usize): void {
  for (let s = 0; s < nc; s += 8) {
    const cols = min(8, nc - s);
    const strip = out + <usize>s * kc * 4;
    if (!transB) {
      // B is k×n: a strip row is 8 consecutive floats of a B row.
      let src = b + (<usize>pc * n + jc + s) * 4;
      let dst = strip;
      const step = <usize>n * 4;
      if (cols == 8) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          src += step;
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let q = 0; q < 8; q++) store<f32>(dst + <usize>q * 4, q < cols ? load<f32>(src + <usize>q * 4) : 0);
          src += step;
          dst += 32;
        }
      }
    } else {
      // B is n×k: strip column q is a run of kc consecutive floats of B row jc+s+q.
      for (let q = 0; q < 8; q++) {
        let dst = strip + <usize>q * 4;
        if (q < cols) {
          let src = b + (<usize>(jc + s + q) * k + pc) * 4;
          for (let p = 0; p < kc; p++) {
            store<f32>(dst, load<f32>(src));
            src += 4;
            dst += 32;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(dst, 0);
            dst += 32;
          }
        }
      }
    }
  }
}

/**
 * Copies op(A) rows [i0, i1) × p in [pc, pc+kc) of A stored k×m into tiles of 4 rows: tile t
 * holds, for each p, the 4 floats op(A)[i0+4t .. i0+4t+3, p] (rows past i1 repeat the last).
 */
function packTransposedA(a: usize, m: i32, pc: i32, kc: i32, i0: i32, i1: i32, out: usize): void {
  const tileBytes = <usize>kc * 16;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    let src = a + (<usize>pc * m + i) * 4;
    let dst = out + <usize>((i - i0) >> 2) * tileBytes;
    for (let p = 0; p < kc; p++) {
      v128.store(dst, v128.load(src));
      src += <usize>m * 4;
      dst += 16;
    }
  }
  if (i < i1) {
    const rows = i1 - i;
    let src = a + (<usize>pc * m + i) * 4;
    let dst = out + <usize>((i - i0) >> 2) * tileBytes;
    for (let p = 0; p < kc; p++) {
      const last = load<f32>(src + <usize>(rows - 1) * 4);
      store<f32>(dst, load<f32>(src));
      store<f32>(dst, rows > 1 ? load<f32>(src, 4) : last, 4);
      store<f32>(dst, rows > 2 ? load<f32>(src, 8) : last, 8);
      store<f32>(dst, last, 12);
      src += <usize>m * 4;
      dst += 16;
    }
  }
}

/** `count` floats at p as a vector (zeros past them): all 4, none, or a partial vector. */
// @ts-ignore: decorator
@inline
function loadUpTo4(p: usize, count: i32): v128 {
  return count >= 4 ? v128.load(p) : count <= 0 ? f32x4.splat(0) : loadPartial(p, count);
}

/** Stores the first `count` lanes of v at p (all 4, none, or some). */
// @ts-ignore: decorator
@inline
function storeUpTo4(p: usize, v: v128, count: i32): void {
  if (count >= 4) v128.store(p, v);
  else if (count > 0) storePartial(p, v, count);
}

/**
 * The 4×8 register tile: C[rows×cols] (+)= Σ_p a_r[p]·strip[p], C rows ldc bytes apart. Only
 * the first `rows` (1..4) rows and `cols` (1..8) columns of C are read and written; the kernel
 * is inlined with the constants 4 and 8 for whole tiles, where the edge tests fold away.
 */
// @ts-ignore: decorator
@inline
function kernel4x8(
  a0: usize, a1: usize, a2: usize, a3: usize, aStep: usize,
  bp: usize, kc: i32, c: usize, ldc: usize, loadC: bool, rows: i32, cols: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (loadC) {
    c00 = loadUpTo4(c, cols); c01 = loadUpTo4(c + 16, cols - 4);
    if (rows > 1) { c10 = loadUpTo4(c + ldc, cols); c11 = loadUpTo4(c + ldc + 16, cols - 4); }
    if (rows > 2) { c20 = loadUpTo4(c + 2 * ldc, cols); c21 = loadUpTo4(c + 2 * ldc + 16, cols - 4); }
    if (rows > 3) { c30 = loadUpTo4(c + 3 * ldc, cols); c31 = loadUpTo4(c + 3 * ldc + 16, cols - 4); }
  }
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load32_splat(a0);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a1);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a2);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a3);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a0 += aStep; a1 += aStep; a2 += aStep; a3 += aStep;
    bp += 32;
  }
  storeUpTo4(c, c00, cols); storeUpTo4(c + 16, c01, cols - 4);
  if (rows > 1) { storeUpTo4(c + ldc, c10, cols); storeUpTo4(c + ldc + 16, c11, cols - 4); }
  if (rows > 2) { storeUpTo4(c + 2 * ldc, c20, cols); storeUpTo4(c + 2 * ldc + 16, c21, cols - 4); }
  if (rows > 3) { storeUpTo4(c + 3 * ldc, c30, cols); storeUpTo4(c + 3 * ldc + 16, c31, cols - 4); }
}

/** Widest C for which the narrow kernels below beat the 4×8 tile (whose strips are 8 wide). */
const NARROW_MAX: i32 = 3;

/**
 * Dot products of rows: out(r, j) (+)= dot(X row r, Y row j) for rows r in [r0, r1) and all
 * `others` rows j of Y, where X and Y rows hold k contiguous floats and out(r, j) is at
 * c + r·rowStride + j·otherStride. Narrow C (n <= 3: X = A, Y = Bᵀ) and short C (m <= 3 with B
 * stored n×k: X = B, Y = A, C transposed) both come here. 4 rows at a time, k in vector
 * lanes, the lanes summed in a fixed order, then the k tail.
 */
function dotRows(
  k: i32, x: usize, r0: i32, r1: i32, y: usize, others: i32,
  c: usize, rowStride: usize, otherStride: usize, accumulate: bool,
): void {
  const body = k & ~3;
  const ld = <usize>k * 4;
  for (let i = r0; i < r1; i += 4) {
    const rows = min(4, r1 - i);
    const a0 = x + <usize>i * ld;
    const a1 = x + <usize>min(i + 1, r1 - 1) * ld;
    const a2 = x + <usize>min(i + 2, r1 - 1) * ld;
    const a3 = x + <usize>min(i + 3, r1 - 1) * ld;
    for (let j = 0; j < others; j++) {
      const b = y + <usize>j * ld;
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      for (let p = 0; p < body; p += 4) {
        const o = <usize>p * 4;
        const bv = v128.load(b + o);
        s0 = f32x4.add(s0, f32x4.mul(v128.load(a0 + o), bv));
        s1 = f32x4.add(s1, f32x4.mul(v128.load(a1 + o), bv));
        s2 = f32x4.add(s2, f32x4.mul(v128.load(a2 + o), bv));
        s3 = f32x4.add(s3, f32x4.mul(v128.load(a3 + o), bv));
      }
      // Transpose-and-add: lane r of `sums` is (l0 + l1) + (l2 + l3) of row r's accumulator.
      const t01 = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 2, 6), v128.shuffle<f32>(s0, s1, 1, 5, 3, 7));
      const t23 = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 2, 6), v128.shuffle<f32>(s2, s3, 1, 5, 3, 7));
      let sums = f32x4.add(v128.shuffle<f32>(t01, t23, 0, 1, 4, 5), v128.shuffle<f32>(t01, t23, 2, 3, 6, 7));
      for (let p = body; p < k; p++) {
        const o = <usize>p * 4;
        const bv = v128.load32_splat(b + o);
        let av = f32x4.replace_lane(f32x4.splat(0), 0, load<f32>(a0 + o));
        av = f32x4.replace_lane(av, 1, load<f32>(a1 + o));
        av = f32x4.replace_lane(av, 2, load<f32>(a2 + o));
        av = f32x4.replace_lane(av, 3, load<f32>(a3 + o));
        sums = f32x4.add(sums, f32x4.mul(av, bv));
      }
      const cp = c + <usize>i * rowStride + <usize>j * otherStride;
      for (let r = 0; r < rows; r++) {
        let value: f32 = 0;
        if (r == 0) value = f32x4.extract_lane(sums, 0);
        else if (r == 1) value = f32x4.extract_lane(sums, 1);
        else if (r == 2) value = f32x4.extract_lane(sums, 2);
        else value = f32x4.extract_lane(sums, 3);
        const at = cp + <usize>r * rowStride;
        store<f32>(at, accumulate ? load<f32>(at) + value : value);
      }
    }
  }
}

/**
 * Short C (m <= 3) with B stored k×n (NN, TN): C[i, j..] (+)= Σ_p op(A)[i, p]·B[p, j..] for
 * columns [j0, j1), two rows of C at a time, B read straight from its rows (no packing, which
 * would cost as much as the product here). p in order from the old C or 0: the same
 * arithmetic per element as the 4×8 tile.
 */
function shortRows(transA: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, accumulate: bool, j0: i32, j1: i32): void {
  const aStepP: usize = transA ? <usize>m * 4 : 4; // op(A)[i, p] at a + i·aStepI + p·aStepP
  const aStepI: usize = transA ? 4 : <usize>k * 4;
  const ldb = <usize>n * 4;
  const ldc = <usize>n * 4;
  for (let i = 0; i < m; i += 2) {
    const rows = min(2, m - i);
    const a0 = a + <usize>i * aStepI;
    const a1 = a + <usize>(i + rows - 1) * aStepI;
    const c0 = c + <usize>i * ldc;
    const c1 = c0 + <usize>(rows - 1) * ldc;
    let j = j0;
    for (; j + 16 <= j1; j += 16) {
      const o = <usize>j * 4;
      let x0 = f32x4.splat(0), x1 = f32x4.splat(0), x2 = f32x4.splat(0), x3 = f32x4.splat(0);
      let y0 = f32x4.splat(0), y1 = f32x4.splat(0), y2 = f32x4.splat(0), y3 = f32x4.splat(0);
      if (accumulate) {
        x0 = v128.load(c0 + o); x1 = v128.load(c0 + o, 16); x2 = v128.load(c0 + o, 32); x3 = v128.load(c0 + o, 48);
        y0 = v128.load(c1 + o); y1 = v128.load(c1 + o, 16); y2 = v128.load(c1 + o, 32); y3 = v128.load(c1 + o, 48);
      }
      let bp = b + o, p0 = a0, p1 = a1;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp), b1 = v128.load(bp, 16), b2 = v128.load(bp, 32), b3 = v128.load(bp, 48);
        const s = v128.load32_splat(p0);
        x0 = f32x4.add(x0, f32x4.mul(s, b0)); x1 = f32x4.add(x1, f32x4.mul(s, b1));
        x2 = f32x4.add(x2, f32x4.mul(s, b2)); x3 = f32x4.add(x3, f32x4.mul(s, b3));
        const t = v128.load32_splat(p1);
        y0 = f32x4.add(y0, f32x4.mul(t, b0)); y1 = f32x4.add(y1, f32x4.mul(t, b1));
        y2 = f32x4.add(y2, f32x4.mul(t, b2)); y3 = f32x4.add(y3, f32x4.mul(t, b3));
        bp += ldb; p0 += aStepP; p1 += aStepP;
      }
      // With one row left, c1 = c0 and the second row's identical values are stored first.
      v128.store(c1 + o, y0); v128.store(c1 + o, y1, 16); v128.store(c1 + o, y2, 32); v128.store(c1 + o, y3, 48);
      v128.store(c0 + o, x0); v128.store(c0 + o, x1, 16); v128.store(c0 + o, x2, 32); v128.store(c0 + o, x3, 48);
    }
    for (; j < j1; j += 4) {
      const o = <usize>j * 4;
      const count = min(4, j1 - j);
      let x = accumulate ? loadUpTo4(c0 + o, count) : f32x4.splat(0);
      let y = accumulate ? loadUpTo4(c1 + o, count) : f32x4.splat(0);
      let bp = b + o, p0 = a0, p1 = a1;
      for (let p = 0; p < k; p++) {
        const bv = loadUpTo4(bp, count);
        x = f32x4.add(x, f32x4.mul(v128.load32_splat(p0), bv));
        y = f32x4.add(y, f32x4.mul(v128.load32_splat(p1), bv));
        bp += ldb; p0 += aStepP; p1 += aStepP;
      }
      storeUpTo4(c1 + o, y, count);
      storeUpTo4(c0 + o, x, count);
    }
  }
}

/**
 * Narrow C with A stored k×m (TN, TT): C[i.., j] (+)= Σ_p A[p, i..]·op(B)[p, j], rows of C in
 * vector lanes, p in order: the same arithmetic per element as the 4×8 tile.
 */
function narrowColumns(
  transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, accumulate: bool, i0: i32, i1: i32,
): void {
  const lda = <usize>m * 4;
  const ldc = <usize>n * 4;
  // op(B)[p, j]: B[p, j] (TN, B k×n) or B[j, p] (TT, B n×k).
  const bStepP: usize = transB ? 4 : <usize>n * 4;
  const bStepJ: usize = transB ? <usize>k * 4 : 4;
  for (let j = 0; j < n; j++) {
    const bj = b + <usize>j * bStepJ;
    let i = i0;
    for (; i + 16 <= i1; i += 16) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      let ap = a + <usize>i * 4;
      let bp = bj;
      for (let p = 0; p < k; p++) {
        const bv = v128.load32_splat(bp);
        s0 = f32x4.add(s0, f32x4.mul(v128.load(ap), bv));
        s1 = f32x4.add(s1, f32x4.mul(v128.load(ap, 16), bv));
        s2 = f32x4.add(s2, f32x4.mul(v128.load(ap, 32), bv));
        s3 = f32x4.add(s3, f32x4.mul(v128.load(ap, 48), bv));
        ap += lda;
        bp += bStepP;
      }
      const cp = c + <usize>i * ldc + <usize>j * 4;
      storeColumn(cp, ldc, s0, accumulate);
      storeColumn(cp + 4 * ldc, ldc, s1, accumulate);
      storeColumn(cp + 8 * ldc, ldc, s2, accumulate);
      storeColumn(cp + 12 * ldc, ldc, s3, accumulate);
    }
    for (; i + 4 <= i1; i += 4) {
      let s = f32x4.splat(0);
      let ap = a + <usize>i * 4;
      let bp = bj;
      for (let p = 0; p < k; p++) {
        s = f32x4.add(s, f32x4.mul(v128.load(ap), v128.load32_splat(bp)));
        ap += lda;
        bp += bStepP;
      }
      storeColumn(c + <usize>i * ldc + <usize>j * 4, ldc, s, accumulate);
    }
    for (; i < i1; i++) {
      let s: f32 = 0;
      let ap = a + <usize>i * 4;
      let bp = bj;
      for (let p = 0; p < k; p++) {
        s += load<f32>(ap) * load<f32>(bp);
        ap += lda;
        bp += bStepP;
      }
      const at = c + <usize>i * ldc + <usize>j * 4;
      store<f32>(at, accumulate ? load<f32>(at) + s : s);
    }
  }
}

/** Writes the 4 lanes of v down a column of C (rows ldc bytes apart), adding to it when accumulating. */
// @ts-ignore: decorator
@inline
function storeColumn(cp: usize, ldc: usize, v: v128, accumulate: bool): void {
  if (accumulate) {
    store<f32>(cp, load<f32>(cp) + f32x4.extract_lane(v, 0));
    store<f32>(cp + ldc, load<f32>(cp + ldc) + f32x4.extract_lane(v, 1));
    store<f32>(cp + 2 * ldc, load<f32>(cp + 2 * ldc) + f32x4.extract_lane(v, 2));
    store<f32>(cp + 3 * ldc, load<f32>(cp + 3 * ldc) + f32x4.extract_lane(v, 3));
  } else {
    store<f32>(cp, f32x4.extract_lane(v, 0));
    store<f32>(cp + ldc, f32x4.extract_lane(v, 1));
    store<f32>(cp + 2 * ldc, f32x4.extract_lane(v, 2));
    store<f32>(cp + 3 * ldc, f32x4.extract_lane(v, 3));
  }
}

/**
 * C[i, j] (m×columns) = Σ_p A[i, p]·B[j, p] (A m×k, B rows of k floats), p in order from 0: the
 * arithmetic of the 4×8 tile and of smallKRows per element, for a C too narrow for 8-column
 * strips. Rows in vector lanes: each 4×4 block of A is transposed in registers, and two columns
 * of C share it.
 */
function inOrderDotRows(m: i32, k: i32, columns: i32, a: usize, b: usize, c: usize): void {
  const body = k & ~3;
  const ld = <usize>k * 4;
  const ldc = <usize>columns * 4;
  for (let i = 0; i < m; i += 4) {
    const rows = min(4, m - i);
    // Rows past m repeat the last one: computed, never stored.
    const a0 = a + <usize>i * ld;
    const a1 = a + <usize>min(i + 1, m - 1) * ld;
    const a2 = a + <usize>min(i + 2, m - 1) * ld;
    const a3 = a + <usize>min(i + 3, m - 1) * ld;
    for (let j = 0; j < columns; j += 2) {
      const pair = min(2, columns - j);
      const b0 = b + <usize>j * ld;
      const b1 = b + <usize>(j + pair - 1) * ld;
      let s = f32x4.splat(0), t = f32x4.splat(0);
      for (let p = 0; p < body; p += 4) {
        const o = <usize>p * 4;
        const r0 = v128.load(a0 + o), r1 = v128.load(a1 + o), r2 = v128.load(a2 + o), r3 = v128.load(a3 + o);
        const low01 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), low23 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
        const high01 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7), high23 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
        const x0 = v128.shuffle<f32>(low01, low23, 0, 1, 4, 5); // A[i..i+3, p]
        const x1 = v128.shuffle<f32>(low01, low23, 2, 3, 6, 7);
        const x2 = v128.shuffle<f32>(high01, high23, 0, 1, 4, 5);
        const x3 = v128.shuffle<f32>(high01, high23, 2, 3, 6, 7);
        s = f32x4.add(s, f32x4.mul(x0, v128.load32_splat(b0 + o)));
        t = f32x4.add(t, f32x4.mul(x0, v128.load32_splat(b1 + o)));
        s = f32x4.add(s, f32x4.mul(x1, v128.load32_splat(b0 + o + 4)));
        t = f32x4.add(t, f32x4.mul(x1, v128.load32_splat(b1 + o + 4)));
        s = f32x4.add(s, f32x4.mul(x2, v128.load32_splat(b0 + o + 8)));
        t = f32x4.add(t, f32x4.mul(x2, v128.load32_splat(b1 + o + 8)));
        s = f32x4.add(s, f32x4.mul(x3, v128.load32_splat(b0 + o + 12)));
        t = f32x4.add(t, f32x4.mul(x3, v128.load32_splat(b1 + o + 12)));
      }
      for (let p = body; p < k; p++) {
        const o = <usize>p * 4;
        let x = f32x4.replace_lane(f32x4.splat(0), 0, load<f32>(a0 + o));
        x = f32x4.replace_lane(x, 1, load<f32>(a1 + o));
        x = f32x4.replace_lane(x, 2, load<f32>(a2 + o));
        x = f32x4.replace_lane(x, 3, load<f32>(a3 + o));
        s = f32x4.add(s, f32x4.mul(x, v128.load32_splat(b0 + o)));
        t = f32x4.add(t, f32x4.mul(x, v128.load32_splat(b1 + o)));
      }
      const cp = c + <usize>i * ldc + <usize>j * 4;
      storeLanes(cp, ldc, s, rows);
      if (pair == 2) storeLanes(cp + 4, ldc, t, rows);
    }
  }
}

/** The first `rows` (1..4) lanes of v down a column of C, rows ldc bytes apart. */
// @ts-ignore: decorator
@inline
function storeLanes(cp: usize, ldc: usize, v: v128, rows: i32): void {
  store<f32>(cp, f32x4.extract_lane(v, 0));
  if (rows > 1) store<f32>(cp + ldc, f32x4.extract_lane(v, 1));
  if (rows > 2) store<f32>(cp + 2 * ldc, f32x4.extract_lane(v, 2));
  if (rows > 3) store<f32>(cp + 3 * ldc, f32x4.extract_lane(v, 3));
}

/**
 * The first `columns` columns of C = A·Bᵀ (A m×k, B n×k, C m×columns), each element in the
 * bits gemmRange(false, true, m, n, k, …) gives it: the kernel that the whole product's shape
 * takes sums each element in an order that does not depend on n, so it is repeated here on
 * the wanted columns alone (dotRows), or the order is (p = 0, 1, … from 0: inOrderDotRows).
 */
export function firstColumnsRange(m: i32, n: i32, k: i32, columns: i32, a: usize, b: usize, c: usize): void {
  if (m <= 0 || columns <= 0) return;
  if (k == 0) {
    memory.fill(c, 0, <usize>m * columns * 4);
    return;
  }
  // As gemmRange chooses: narrow, then small k, then short, then the tile.
  if (isNarrow(n, k) || (!isSmallK(n, k) && isShort(m, false, true))) {
    dotRows(k, a, 0, m, b, columns, c, <usize>columns * 4, 4, false);
    return;
  }
  inOrderDotRows(m, k, columns, a, b, c);
}

/** Whether C takes the narrow kernels: a function of the shape alone, never of a thread's range. */
export function isNarrow(n: i32, k: i32): bool {
  return n <= NARROW_MAX && <i64>n * k <= <i64>PANEL_DEPTH * PANEL_WIDTH;
}

/**
 * Deepest product for the small-k kernel (first layers: 2D points or z, plus a few condition
 * inputs: k = 7 for 5 conditions).
 */
const SMALL_K_MAX: i32 = 8;

/** Whether C takes the small-k kernel: a function of the shape alone (and n·k fits the panel). */
export function isSmallK(n: i32, k: i32): bool {
  return k <= SMALL_K_MAX && <i64>n * k <= <i64>PANEL_DEPTH * PANEL_WIDTH;
}

// Marker types for the depth k of smallKRows (compiled once per k: a runtime k would leave
// every branch, or worse every load, in the inner loop).
type Depth1 = u8;
type Depth2 = u16;
type Depth3 = i8;
type Depth4 = u32;
type Depth5 = i16;
type Depth6 = i32;
type Depth7 = u64;
type Depth8 = i64;

// @ts-ignore: decorator
@inline
function depthOf<K>(): i32 {
  if (isSigned<K>()) return sizeof<K>() == 1 ? 3 : sizeof<K>() == 2 ? 5 : sizeof<K>() == 4 ? 6 : 8;
  return sizeof<K>() == 8 ? 7 : <i32>sizeof<K>();
}

/**
 * C rows [i0, i1) × columns [j0, j1) for k <= 8: each output vector is (C or 0) + a_0·b_0 + …
 * in order, the same arithmetic as the 4×8 tile, but with the k values of op(A)'s row held in
 * registers and op(B)'s k rows (`rowsOfB`, k×n) read from L1: these products are all stores.
 */
// @ts-ignore: decorator
@inline
function smallKRows<K>(
  aStepI: usize, aStepP: usize, n: i32, a: usize, rowsOfB: usize, c: usize, accumulate: bool,
  i0: i32, i1: i32, j0: i32, j1: i32,
): void {
  const k = depthOf<K>();
  const ldb = <usize>n * 4;
  const b0 = rowsOfB, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
  const b4 = b3 + ldb, b5 = b4 + ldb, b6 = b5 + ldb, b7 = b6 + ldb;
  const zero = f32x4.splat(0);
  for (let i = i0; i < i1; i++) {
    const ai = a + <usize>i * aStepI;
    const x0 = v128.load32_splat(ai);
    let x1 = zero, x2 = zero, x3 = zero, x4 = zero, x5 = zero, x6 = zero, x7 = zero;
    if (k > 1) x1 = v128.load32_splat(ai + aStepP);
    if (k > 2) x2 = v128.load32_splat(ai + 2 * aStepP);
    if (k > 3) x3 = v128.load32_splat(ai + 3 * aStepP);
    if (k > 4) x4 = v128.load32_splat(ai + 4 * aStepP);
    if (k > 5) x5 = v128.load32_splat(ai + 5 * aStepP);
    if (k > 6) x6 = v128.load32_splat(ai + 6 * aStepP);
    if (k > 7) x7 = v128.load32_splat(ai + 7 * aStepP);
    const row = c + <usize>i * ldb;
    let j = j0;
    for (; j + 4 <= j1; j += 4) {
      const o = <usize>j * 4;
      let v = accumulate ? v128.load(row + o) : zero;
      v = f32x4.add(v, f32x4.mul(x0, v128.load(b0 + o)));
      if (k > 1) v = f32x4.add(v, f32x4.mul(x1, v128.load(b1 + o)));
      if (k > 2) v = f32x4.add(v, f32x4.mul(x2, v128.load(b2 + o)));
      if (k > 3) v = f32x4.add(v, f32x4.mul(x3, v128.load(b3 + o)));
      if (k > 4) v = f32x4.add(v, f32x4.mul(x4, v128.load(b4 + o)));
      if (k > 5) v = f32x4.add(v, f32x4.mul(x5, v128.load(b5 + o)));
      if (k > 6) v = f32x4.add(v, f32x4.mul(x6, v128.load(b6 + o)));
      if (k > 7) v = f32x4.add(v, f32x4.mul(x7, v128.load(b7 + o)));
      v128.store(row + o, v);
    }
    if (j < j1) {
      const o = <usize>j * 4;
      const count = j1 - j;
      let v = accumulate ? loadPartial(row + o, count) : zero;
      v = f32x4.add(v, f32x4.mul(x0, loadPartial(b0 + o, count)));
      if (k > 1) v = f32x4.add(v, f32x4.mul(x1, loadPartial(b1 + o, count)));
      if (k > 2) v = f32x4.add(v, f32x4.mul(x2, loadPartial(b2 + o, count)));
      if (k > 3) v = f32x4.add(v, f32x4.mul(x3, loadPartial(b3 + o, count)));
      if (k > 4) v = f32x4.add(v, f32x4.mul(x4, loadPartial(b4 + o, count)));
      if (k > 5) v = f32x4.add(v, f32x4.mul(x5, loadPartial(b5 + o, count)));
      if (k > 6) v = f32x4.add(v, f32x4.mul(x6, loadPartial(b6 + o, count)));
      if (k > 7) v = f32x4.add(v, f32x4.mul(x7, loadPartial(b7 + o, count)));
      storePartial(row + o, v, count);
    }
  }
}

function smallK(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, accumulate: bool,
  i0: i32, i1: i32, j0: i32, j1: i32,
): void {
  let rowsOfB = b;
  if (transB) {
    // B is n×k: its columns [j0, j1) become k rows (a few KiB).
    rowsOfB = panel();
    for (let j = j0; j < j1; j++) {
      for (let p = 0; p < k; p++) store<f32>(rowsOfB + (<usize>p * n + j) * 4, load<f32>(b + (<usize>j * k + p) * 4));
    }
  }
  const aStepP: usize = transA ? <usize>m * 4 : 4; // op(A)[i, p] at a + i·aStepI + p·aStepP
  const aStepI: usize = transA ? 4 : <usize>k * 4;
  if (k == 1) smallKRows<Depth1>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else if (k == 2) smallKRows<Depth2>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else if (k == 3) smallKRows<Depth3>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else if (k == 4) smallKRows<Depth4>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else if (k == 5) smallKRows<Depth5>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else if (k == 6) smallKRows<Depth6>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else if (k == 7) smallKRows<Depth7>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
  else smallKRows<Depth8>(aStepI, aStepP, n, a, rowsOfB, c, accumulate, i0, i1, j0, j1);
}

/**
 * Tallest C for which shortRows (B stored k×n: NN, TN) beats the 4×8 tile: weight gradients
 * of first layers whose input is a point or z plus a few condition columns (m = 7 for 5
 * conditions). shortRows sums in the tile's order, so either kernel gives the same bits.
 */
const SHORT_ROWS_MAX: i32 = 8;

/** Whether C takes the short kernels (m <= 3, not both transposed; m <= 8 with B k×n): a function of the shape alone. */
export function isShort(m: i32, transA: bool, transB: bool): bool {
  return transB ? m <= NARROW_MAX && !transA : m <= SHORT_ROWS_MAX;
}

/** Rows [i0, i1) of a narrow C (n <= NARROW_MAX, whole rows). */
function narrowRange(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, accumulate: bool, i0: i32, i1: i32,
): void {
  if (transA) {
    narrowColumns(transB, m, n, k, a, b, c, accumulate, i0, i1);
  } else if (transB) {
    dotRows(k, a, i0, i1, b, n, c, <usize>n * 4, 4, accumulate);
  } else {
    // B is k×n: its n columns, made rows (n·k floats, a few KiB).
    const bt = panel();
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) store<f32>(bt + (<usize>j * k + p) * 4, load<f32>(b + (<usize>p * n + j) * 4));
    }
    dotRows(k, a, i0, i1, bt, n, c, <usize>n * 4, 4, accumulate);
  }
}

/**
 * C rows [i0, i1) × columns [j0, j1) of C = op(A)·op(B) (+ C). The part of the product one
 * thread computes; the whole product is gemmRange(…, 0, m, 0, n).
 */
export function gemmRange(
  transA: bool, transB: bool, m: i32, n: i32, k: i32,
  a: usize, b: usize, c: usize, accumulate: bool,
  i0: i32, i1: i32, j0: i32, j1: i32,
): void {
  if (i0 >= i1 || j0 >= j1) return;
  const ldc = <usize>n * 4;
  if (k == 0) {
    if (!accumulate) {
      for (let i = i0; i < i1; i++) memory.fill(c + <usize>i * ldc + <usize>j0 * 4, 0, <usize>(j1 - j0) * 4);
    }
    return;
  }
  if (isNarrow(n, k)) {
    // Narrow C is only ever split by rows (jobs.ts), so [j0, j1) is all of it.
    narrowRange(transA, transB, m, n, k, a, b, c, accumulate, i0, i1);
    return;
  }
  if (isSmallK(n, k)) {
    smallK(transA, transB, m, n, k, a, b, c, accumulate, i0, i1, j0, j1);
    return;
  }
  if (isShort(m, transA, transB)) {
    // Short C is only ever split by columns (jobs.ts), so [i0, i1) is all of it.
    if (transB) dotRows(k, b, j0, j1, a, m, c, 4, <usize>n * 4, accumulate);
    else shortRows(transA, m, n, k, a, b, c, accumulate, j0, j1);
    return;
  }
  const packed = panel();
  const packedA = panelA();
  for (let jc = j0; jc < j1; jc += PANEL_WIDTH) {
    const nc = min(PANEL_WIDTH, j1 - jc);
    for (let pc = 0; pc < k; pc += PANEL_DEPTH) {
      const kc = min(PANEL_DEPTH, k - pc);
      packB(transB, b, n, k, pc, kc, jc, nc, packed);
      const loadC = accumulate || pc > 0;
      if (transA) {
        // A is k×m: its rows i..i+3 at one p are 16 bytes, the next p m·4 bytes on (a new page
        // every few steps). Copy blocks of A into tiles of 4 rows × kc, contiguous, first.
        for (let ib = i0; ib < i1; ib += PANEL_A_ROWS) {
          const ie = min(i1, ib + PANEL_A_ROWS);
          packTransposedA(a, m, pc, kc, ib, ie, packedA);
          for (let i = ib; i < ie; i += 4) {
            const rows = min(4, ie - i);
            const a0 = packedA + <usize>(i - ib) * kc * 4;
            for (let s = 0; s < nc; s += 8) {
              const cols = min(8, nc - s);
              const bp = packed + <usize>s * kc * 4;
              const cp = c + <usize>i * ldc + <usize>(jc + s) * 4;
              if (rows == 4 && cols == 8) kernel4x8(a0, a0 + 4, a0 + 8, a0 + 12, 16, bp, kc, cp, ldc, loadC, 4, 8);
              else kernel4x8(a0, a0 + 4, a0 + 8, a0 + 12, 16, bp, kc, cp, ldc, loadC, rows, cols);
            }
          }
        }
        continue;
      }
      for (let i = i0; i < i1; i += 4) {
        const rows = min(4, i1 - i);
        // Rows past the range repeat the last one: computed, never stored.
        const r1 = min(i + 1, i1 - 1), r2 = min(i + 2, i1 - 1), r3 = min(i + 3, i1 - 1);
        const base = a + <usize>pc * 4;
        const lda = <usize>k * 4;
        const a0 = base + <usize>i * lda, a1 = base + <usize>r1 * lda, a2 = base + <usize>r2 * lda, a3 = base + <usize>r3 * lda;
        for (let s = 0; s < nc; s += 8) {
          const cols = min(8, nc - s);
          const bp = packed + <usize>s * kc * 4;
          const cp = c + <usize>i * ldc + <usize>(jc + s) * 4;
          if (rows == 4 && cols == 8) kernel4x8(a0, a1, a2, a3, 4, bp, kc, cp, ldc, loadC, 4, 8);
          else kernel4x8(a0, a1, a2, a3, 4, bp, kc, cp, ldc, loadC, rows, cols);
        }
      }
    }
  }
}
