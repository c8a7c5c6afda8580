// Fused bias + activation, and the activation's backward from its output.
// Codes match ActivationCode in src/core/nn/kernels.ts.
//
// Each loop is compiled once per activation: the loops are generic over a marker type that
// stands for the activation (below), so every copy has its activation's code and nothing else.
// (Passing the code as a constant argument is not enough: the optimizer merges the copies back
// into one loop that tests the code for every vector.)
//
// Where float32 lanes cannot round like the reference (a double alpha, 1 − y² near saturation),
// the arithmetic runs in f64x2 halves with one rounding at the end, exactly as the reference
// does. Identity and ReLU, and the backward of all but LeakyReLU, match kernels-reference.ts bit
// for bit; LeakyReLU (alpha in float32, for speed: it is the seed's hidden activation) is within
// 1 ulp; ELU and sigmoid forward (float32 exp/expm1) within 2 ulp, tanh within 3.

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

// Marker types: any distinct types would do; distinct integer types are told apart at compile time.
type Identity = i8;
type Relu = u8;
type LeakyRelu = i16;
type Elu = u16;
type Tanh = i32;
type Sigmoid = u32;

/** The activation code a marker type stands for (a compile-time constant). */
// @ts-ignore: decorator
@inline
function codeOf<A>(): i32 {
  if (sizeof<A>() == 1) return isSigned<A>() ? IDENTITY : RELU;
  if (sizeof<A>() == 2) return isSigned<A>() ? LEAKY_RELU : ELU;
  return isSigned<A>() ? TANH : SIGMOID;
}

/** alpha·v with alpha a double (f64x2 splat), rounded once, as the reference computes it. */
// @ts-ignore: decorator
@inline
function timesAlpha(v: v128, alpha: v128): v128 {
  return joinHalves(f64x2.mul(lowHalf(v), alpha), f64x2.mul(highHalf(v), alpha));
}

/** act(x + b), the sum taken as exactly as the reference takes it (in double). */
// @ts-ignore: decorator
@inline
function activate<A>(x: v128, b: v128, alpha: v128, alpha32: v128): v128 {
  const act = codeOf<A>();
  const zero = f32x4.splat(0);
  // A float32 sum rounds like the double sum rounded once (double rounding is innocuous here).
  const z = f32x4.add(x, b);
  if (act == RELU) return v128.and(z, f32x4.gt(z, zero)); // NaN and −0 give +0, as z > 0 ? z : 0
  // z·alpha in float32 (alpha rounded to float32): within 1 ulp of the reference's double product.
  if (act == LEAKY_RELU) return v128.bitselect(z, f32x4.mul(z, alpha32), f32x4.gt(z, zero));
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
function slope<A>(y: v128, alpha: v128): v128 {
  const act = codeOf<A>();
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
function derivativeTimes<A>(dy: v128, y: v128, alpha: v128, alpha32: v128): v128 {
  // dy·1 and dy·0 are exact in float32 too (±0 as in double); dy·alpha is within 1 ulp.
  const zero = f32x4.splat(0);
  if (codeOf<A>() == RELU) return f32x4.mul(dy, v128.and(f32x4.splat(1), f32x4.gt(y, zero)));
  if (codeOf<A>() == LEAKY_RELU) return f32x4.mul(dy, v128.bitselect(f32x4.splat(1), alpha32, f32x4.gt(y, zero)));
  return joinHalves(
    f64x2.mul(lowHalf(dy), slope<A>(lowHalf(y), alpha)),
    f64x2.mul(highHalf(dy), slope<A>(highHalf(y), alpha)),
  );
}

/** Flat run [from, to) of x + bias pattern, where the bias repeats every 4 floats (cols 1, 2, 4). */
// @ts-ignore: decorator
@inline
function biasActivationFlat<A>(x: usize, biasPattern: v128, out: usize, from: usize, to: usize, alpha: v128, alpha32: v128): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    v128.store(out + i * 4, activate<A>(v128.load(x + i * 4), biasPattern, alpha, alpha32));
  }
  if (i < to) {
    const count = <i32>(to - i);
    storePartial(out + i * 4, activate<A>(loadPartial(x + i * 4, count), biasPattern, alpha, alpha32), count);
  }
}

// @ts-ignore: decorator
@inline
function biasActivationRows<A>(x: usize, bias: usize, cols: i32, out: usize, r0: i32, r1: i32, alpha: v128, alpha32: v128): void {
  const zero = f32x4.splat(0);
  if (cols == 1 || cols == 2 || cols == 4) {
    let pattern = zero;
    if (bias != 0) {
      if (cols == 1) pattern = v128.load32_splat(bias);
      else if (cols == 2) pattern = v128.load64_splat(bias);
      else pattern = v128.load(bias);
    }
    biasActivationFlat<A>(x, pattern, out, <usize>r0 * cols, <usize>r1 * cols, alpha, alpha32);
    return;
  }
  const body = cols & ~3;
  const tail = cols - body;
  for (let r = r0; r < r1; r++) {
    const xr = x + <usize>r * cols * 4;
    const or = out + <usize>r * cols * 4;
    for (let c = 0; c < body; c += 4) {
      const b = bias != 0 ? v128.load(bias + <usize>c * 4) : zero;
      v128.store(or + <usize>c * 4, activate<A>(v128.load(xr + <usize>c * 4), b, alpha, alpha32));
    }
    if (tail != 0) {
      const at = <usize>body * 4;
      const b = bias != 0 ? loadPartial(bias + at, tail) : zero;
      storePartial(or + at, activate<A>(loadPartial(xr + at, tail), b, alpha, alpha32), tail);
    }
  }
}

/** out[r, c] = act(x[r, c] + bias[c]) for rows [r0, r1); bias 0 means none. out may equal x. */
export function biasActivationRange(
  x: usize, bias: usize, cols: i32, act: i32, alpha: f64, out: usize, r0: i32, r1: i32,
): void {
  const a = f64x2.splat(alpha);
  const a32 = f32x4.splat(<f32>alpha);
  switch (act) {
    case RELU: biasActivationRows<Relu>(x, bias, cols, out, r0, r1, a, a32); break;
    case LEAKY_RELU: biasActivationRows<LeakyRelu>(x, bias, cols, out, r0, r1, a, a32); break;
    case ELU: biasActivationRows<Elu>(x, bias, cols, out, r0, r1, a, a32); break;
    case TANH: biasActivationRows<Tanh>(x, bias, cols, out, r0, r1, a, a32); break;
    case SIGMOID: biasActivationRows<Sigmoid>(x, bias, cols, out, r0, r1, a, a32); break;
    default: biasActivationRows<Identity>(x, bias, cols, out, r0, r1, a, a32);
  }
}

// @ts-ignore: decorator
@inline
function backwardRun<A>(dy: usize, y: usize, dx: usize, from: usize, to: usize, alpha: v128, alpha32: v128): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    v128.store(dx + i * 4, derivativeTimes<A>(v128.load(dy + i * 4), v128.load(y + i * 4), alpha, alpha32));
  }
  if (i < to) {
    const count = <i32>(to - i);
    storePartial(dx + i * 4, derivativeTimes<A>(loadPartial(dy + i * 4, count), loadPartial(y + i * 4, count), alpha, alpha32), count);
  }
}

/** dx[i] = dy[i]·act'(from y[i]) for i in [from, to). dx may equal dy. */
export function activationBackwardRange(
  dy: usize, y: usize, act: i32, alpha: f64, dx: usize, from: i32, to: i32,
): void {
  const a = f64x2.splat(alpha);
  const a32 = f32x4.splat(<f32>alpha);
  const f = <usize>from, t = <usize>to;
  switch (act) {
    case RELU: backwardRun<Relu>(dy, y, dx, f, t, a, a32); break;
    case LEAKY_RELU: backwardRun<LeakyRelu>(dy, y, dx, f, t, a, a32); break;
    case ELU: backwardRun<Elu>(dy, y, dx, f, t, a, a32); break;
    case TANH: backwardRun<Tanh>(dy, y, dx, f, t, a, a32); break;
    case SIGMOID: backwardRun<Sigmoid>(dy, y, dx, f, t, a, a32); break;
    default: if (dx != dy) memory.copy(dx + f * 4, dy + f * 4, (t - f) * 4);
  }
}
