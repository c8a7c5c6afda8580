// exp and expm1 on f32x4 lanes for non-positive arguments (all the activations need), plus
// loads and stores of a partial vector so that tails run through the same vector code as the
// body: an element's value then never depends on where a thread's range starts or ends.

const LOG2E: f32 = 1.4426950408889634;
// ln 2 split so that k·LN2_HI is exact for |k| < 2^8 (Cody–Waite reduction).
const LN2_HI: f32 = 0.693145751953125;
const LN2_LO: f32 = 1.428606765330187e-6;
// Below this, exp(x) is 0 in f32 even as a subnormal.
const EXP_FLOOR: f32 = -104.0;

/** k = round(x / ln 2), as floats. */
// @ts-ignore: decorator
@inline
function nearestMultipleOfLn2(x: v128): v128 {
  return f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
}

/** r = x − k·ln 2, |r| <= ln2/2 (Cody–Waite: k·LN2_HI is exact). */
// @ts-ignore: decorator
@inline
function reducedArgument(x: v128, kf: v128): v128 {
  return f32x4.sub(f32x4.sub(x, f32x4.mul(kf, f32x4.splat(LN2_HI))), f32x4.mul(kf, f32x4.splat(LN2_LO)));
}

/** expm1(r) for |r| <= ln2/2 by its Taylor series to r^7 (truncation < 2^-26 relative). */
// @ts-ignore: decorator
@inline
function expm1Reduced(r: v128): v128 {
  let q = f32x4.add(f32x4.splat(1.0 / 720.0), f32x4.mul(r, f32x4.splat(1.0 / 5040.0)));
  q = f32x4.add(f32x4.splat(1.0 / 120.0), f32x4.mul(r, q));
  q = f32x4.add(f32x4.splat(1.0 / 24.0), f32x4.mul(r, q));
  q = f32x4.add(f32x4.splat(1.0 / 6.0), f32x4.mul(r, q));
  q = f32x4.add(f32x4.splat(0.5), f32x4.mul(r, q));
  return f32x4.add(r, f32x4.mul(f32x4.mul(r, r), q));
}

/** 2^k for integral float lanes k in [-252, 0], as the product of two normal powers (reaches subnormals). */
// @ts-ignore: decorator
@inline
function powerOfTwo(kf: v128): v128 {
  const k = i32x4.trunc_sat_f32x4_s(kf);
  const half = i32x4.shr_s(k, 1);
  const rest = i32x4.sub(k, half);
  const bias = i32x4.splat(127);
  const s1 = i32x4.shl(i32x4.add(half, bias), 23);
  const s2 = i32x4.shl(i32x4.add(rest, bias), 23);
  return f32x4.mul(s1, s2);
}

/**
 * exp(x + low) for lanes x <= 0, where `low` is a correction far below x's last place (the
 * rounding error of the sum that produced x; see twoSumError). It enters after the range
 * reduction, so the result is as accurate as if x had been exact.
 */
// @ts-ignore: decorator
@inline
export function expNonPositive(x: v128, low: v128): v128 {
  const clamped = f32x4.max(x, f32x4.splat(EXP_FLOOR));
  const kf = nearestMultipleOfLn2(clamped);
  const p = expm1Reduced(f32x4.add(reducedArgument(clamped, kf), low));
  return f32x4.mul(f32x4.add(p, f32x4.splat(1)), powerOfTwo(kf));
}

/** exp(x + low) − 1 for lanes x <= 0 (low as for expNonPositive), accurate also near 0. */
// @ts-ignore: decorator
@inline
export function expm1NonPositive(x: v128, low: v128): v128 {
  const clamped = f32x4.max(x, f32x4.splat(EXP_FLOOR));
  const kf = nearestMultipleOfLn2(clamped);
  const p = expm1Reduced(f32x4.add(reducedArgument(clamped, kf), low));
  const scale = powerOfTwo(kf);
  // 2^k·(1 + p) − 1 = 2^k·p + (2^k − 1): exactly p when k = 0, so no cancellation near x = 0.
  return f32x4.add(f32x4.mul(scale, p), f32x4.sub(scale, f32x4.splat(1)));
}

/** The exact rounding error of sum = a + b (Knuth's TwoSum): a + b = sum + error exactly. */
// @ts-ignore: decorator
@inline
export function twoSumError(a: v128, b: v128, sum: v128): v128 {
  const bPart = f32x4.sub(sum, a);
  const aPart = f32x4.sub(sum, bPart);
  return f32x4.add(f32x4.sub(a, aPart), f32x4.sub(b, bPart));
}

/** The first `count` (1..3) floats at p in the low lanes, zeros above. */
// @ts-ignore: decorator
@inline
export function loadPartial(p: usize, count: i32): v128 {
  let v = f32x4.replace_lane(f32x4.splat(0), 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** Stores the low `count` (1..3) lanes of v at p. */
// @ts-ignore: decorator
@inline
export function storePartial(p: usize, v: v128, count: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/** Lanes 0–1 of a float vector, widened to f64x2. */
// @ts-ignore: decorator
@inline
export function lowHalf(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

/** Lanes 2–3 of a float vector, widened to f64x2. */
// @ts-ignore: decorator
@inline
export function highHalf(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/** Two f64x2 halves rounded back into one float vector. */
// @ts-ignore: decorator
@inline
export function joinHalves(low: v128, high: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5);
}
