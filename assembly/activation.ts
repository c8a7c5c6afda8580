// Fused bias + activation, and the activation's backward from its output.
// Codes match ActivationCode in src/core/nn/kernels.ts. Each loop is specialised per activation
// (the switch sits outside the loops; binaryen folds the constant code into each copy).
//
// Where float32 lanes cannot round like the reference (a double alpha, 1 − y² near saturation),
// the arithmetic runs in f64x2 halves with one rounding at the end, exactly as the reference
// does: identity, ReLU, LeakyReLU forward and every backward match kernels-reference.ts bit for
// bit. ELU, tanh and sigmoid forward use float32 exp/expm1 (within 2 ulp of the reference).

import {
  expm1NonPositive, expNonPositive, highHalf, joinHalves, loadPartial, lowHalf, storePartial, twoSumError,
} from './vector-math';

export const IDENTITY = 0;
export const RELU = 1;
export const LEAKY_RELU = 2;
export const ELU = 3;
export const TANH = 4;
export const SIGMOID = 5;

const SIGN_MASK: i32 = 0x80000000;

/** alpha·v with alpha a double (f64x2 splat), rounded once, as the reference computes it. */
// @ts-ignore: decorator
@inline
function timesAlpha(v: v128, alpha: v128): v128 {
  return joinHalves(f64x2.mul(lowHalf(v), alpha), f64x2.mul(highHalf(v), alpha));
}

/** act(x + b), the sum taken as exactly as the reference takes it (in double). */
// @ts-ignore: decorator
@inline
function activate(x: v128, b: v128, act: i32, alpha: v128): v128 {
  const zero = f32x4.splat(0);
  // A float32 sum rounds like the double sum rounded once (double rounding is innocuous here).
  const z = f32x4.add(x, b);
  if (act == RELU) return v128.and(z, f32x4.gt(z, zero)); // NaN and −0 give +0, as z > 0 ? z : 0
  if (act == LEAKY_RELU) {
    const low = f64x2.add(lowHalf(x), lowHalf(b));
    const high = f64x2.add(highHalf(x), highHalf(b));
    return v128.bitselect(z, joinHalves(f64x2.mul(low, alpha), f64x2.mul(high, alpha)), f32x4.gt(z, zero));
  }
  if (act == ELU || act == TANH || act == SIGMOID) {
    // These amplify the relative error of their argument (σ(z) near z = −20 by 20×), so the
    // sum's rounding error goes into exp/expm1 as a correction term.
    const error = twoSumError(x, b, z);
    const negative = f32x4.lt(z, zero);
    if (act == ELU) {
      const tail = expm1NonPositive(f32x4.min(z, zero), v128.and(error, negative));
      return v128.bitselect(z, timesAlpha(tail, alpha), f32x4.gt(z, zero));
    }
    // |z + error| = |z| − lowOfMinusAbs: the correction to −|z|, the argument of exp below.
    const lowOfMinusAbs = v128.bitselect(error, f32x4.neg(error), negative);
    if (act == TANH) {
      // tanh|z| = −t / (2 + t) with t = expm1(−2|z|): no cancellation near 0, exactly ±1 far out.
      const t = expm1NonPositive(f32x4.mul(f32x4.abs(z), f32x4.splat(-2)), f32x4.add(lowOfMinusAbs, lowOfMinusAbs));
      const magnitude = f32x4.div(f32x4.sub(zero, t), f32x4.add(t, f32x4.splat(2))); // 0 − t: +0 at z = ±0
      return v128.or(magnitude, v128.and(z, i32x4.splat(SIGN_MASK)));
    }
    // σ(z) = 1/(1+e) for z >= 0, e/(1+e) below, with e = exp(−|z|) <= 1 (never overflows).
    const e = expNonPositive(f32x4.neg(f32x4.abs(z)), lowOfMinusAbs);
    const numerator = v128.bitselect(f32x4.splat(1), e, f32x4.ge(z, zero));
    return f32x4.div(numerator, f32x4.add(e, f32x4.splat(1)));
  }
  return z;
}

/** act'(y) from the output y, on f64x2 lanes, as slopeFromOutput in activations.ts. */
// @ts-ignore: decorator
@inline
function slope(y: v128, act: i32, alpha: v128): v128 {
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  if (act == RELU) return v128.and(one, f64x2.gt(y, zero));
  if (act == LEAKY_RELU) return v128.bitselect(one, alpha, f64x2.gt(y, zero));
  if (act == ELU) return v128.bitselect(one, f64x2.add(y, alpha), f64x2.gt(y, zero));
  if (act == TANH) return f64x2.sub(one, f64x2.mul(y, y));
  if (act == SIGMOID) return f64x2.mul(y, f64x2.sub(one, y));
  return one;
}

/** dy·act'(y) in double, rounded once. */
// @ts-ignore: decorator
@inline
function derivativeTimes(dy: v128, y: v128, act: i32, alpha: v128): v128 {
  return joinHalves(
    f64x2.mul(lowHalf(dy), slope(lowHalf(y), act, alpha)),
    f64x2.mul(highHalf(dy), slope(highHalf(y), act, alpha)),
  );
}

/** Flat run [from, to) of x + bias pattern, where the bias repeats every 4 floats (cols 1, 2, 4). */
// @ts-ignore: decorator
@inline
function biasActivationFlat(x: usize, biasPattern: v128, out: usize, from: usize, to: usize, act: i32, alpha: v128): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    v128.store(out + i * 4, activate(v128.load(x + i * 4), biasPattern, act, alpha));
  }
  if (i < to) {
    const count = <i32>(to - i);
    storePartial(out + i * 4, activate(loadPartial(x + i * 4, count), biasPattern, act, alpha), count);
  }
}

// @ts-ignore: decorator
@inline
function biasActivationRows(
  x: usize, bias: usize, cols: i32, out: usize, r0: i32, r1: i32, act: i32, alpha: v128,
): void {
  const zero = f32x4.splat(0);
  if (cols == 1 || cols == 2 || cols == 4) {
    let pattern = zero;
    if (bias != 0) {
      if (cols == 1) pattern = v128.load32_splat(bias);
      else if (cols == 2) pattern = v128.load64_splat(bias);
      else pattern = v128.load(bias);
    }
    biasActivationFlat(x, pattern, out, <usize>r0 * cols, <usize>r1 * cols, act, alpha);
    return;
  }
  const body = cols & ~3;
  const tail = cols - body;
  for (let r = r0; r < r1; r++) {
    const xr = x + <usize>r * cols * 4;
    const or = out + <usize>r * cols * 4;
    for (let c = 0; c < body; c += 4) {
      const b = bias != 0 ? v128.load(bias + <usize>c * 4) : zero;
      v128.store(or + <usize>c * 4, activate(v128.load(xr + <usize>c * 4), b, act, alpha));
    }
    if (tail != 0) {
      const at = <usize>body * 4;
      const b = bias != 0 ? loadPartial(bias + at, tail) : zero;
      storePartial(or + at, activate(loadPartial(xr + at, tail), b, act, alpha), tail);
    }
  }
}

/** out[r, c] = act(x[r, c] + bias[c]) for rows [r0, r1); bias 0 means none. out may equal x. */
export function biasActivationRange(
  x: usize, bias: usize, cols: i32, act: i32, alpha: f64, out: usize, r0: i32, r1: i32,
): void {
  const a = f64x2.splat(alpha);
  switch (act) {
    case RELU: biasActivationRows(x, bias, cols, out, r0, r1, RELU, a); break;
    case LEAKY_RELU: biasActivationRows(x, bias, cols, out, r0, r1, LEAKY_RELU, a); break;
    case ELU: biasActivationRows(x, bias, cols, out, r0, r1, ELU, a); break;
    case TANH: biasActivationRows(x, bias, cols, out, r0, r1, TANH, a); break;
    case SIGMOID: biasActivationRows(x, bias, cols, out, r0, r1, SIGMOID, a); break;
    default: biasActivationRows(x, bias, cols, out, r0, r1, IDENTITY, a);
  }
}

// @ts-ignore: decorator
@inline
function backwardRun(dy: usize, y: usize, dx: usize, from: usize, to: usize, act: i32, alpha: v128): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    v128.store(dx + i * 4, derivativeTimes(v128.load(dy + i * 4), v128.load(y + i * 4), act, alpha));
  }
  if (i < to) {
    const count = <i32>(to - i);
    storePartial(dx + i * 4, derivativeTimes(loadPartial(dy + i * 4, count), loadPartial(y + i * 4, count), act, alpha), count);
  }
}

/** dx[i] = dy[i]·act'(from y[i]) for i in [from, to). dx may equal dy. */
export function activationBackwardRange(
  dy: usize, y: usize, act: i32, alpha: f64, dx: usize, from: i32, to: i32,
): void {
  const a = f64x2.splat(alpha);
  const f = <usize>from, t = <usize>to;
  switch (act) {
    case RELU: backwardRun(dy, y, dx, f, t, RELU, a); break;
    case LEAKY_RELU: backwardRun(dy, y, dx, f, t, LEAKY_RELU, a); break;
    case ELU: backwardRun(dy, y, dx, f, t, ELU, a); break;
    case TANH: backwardRun(dy, y, dx, f, t, TANH, a); break;
    case SIGMOID: backwardRun(dy, y, dx, f, t, SIGMOID, a); break;
    default: if (dx != dy) memory.copy(dx + f * 4, dy + f * 4, (t - f) * 4);
  }
}
