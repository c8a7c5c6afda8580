// The optimizer steps (torch.optim semantics) over parameter ranges [from, to).
//
// They run in f64x2 lanes in exactly the order of the reference kernels (double arithmetic,
// one rounding to float32 per stored value), so they match kernels-reference.ts bit for bit.
// The cost is irrelevant next to the matrix products: a step touches each parameter once.

// @ts-ignore: decorator
@inline
function load2(p: usize, count: usize): v128 {
  return f64x2.promote_low_f32x4(count == 2 ? v128.load64_zero(p) : v128.load32_zero(p));
}

// @ts-ignore: decorator
@inline
function store2(p: usize, v: v128, count: usize): void {
  const narrow = f32x4.demote_f64x2_zero(v);
  if (count == 2) v128.store64_lane(p, narrow, 0);
  else v128.store32_lane(p, narrow, 0);
}

// @ts-ignore: decorator
@inline
function mul(a: v128, b: v128): v128 {
  return f64x2.mul(a, b);
}

// @ts-ignore: decorator
@inline
function add(a: v128, b: v128): v128 {
  return f64x2.add(a, b);
}

// @ts-ignore: decorator
@inline
function splat(x: f64): v128 {
  return f64x2.splat(x);
}

export function sgdRange(
  param: usize, grad: usize, momentumBuffer: usize, from: i32, to: i32,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, nesterov: bool, firstStep: bool,
): void {
  const vLr = splat(lr), vMomentum = splat(momentum), vKeep = splat(1 - dampening), vDecay = splat(weightDecay);
  for (let i = <usize>from; i < <usize>to; i += 2) {
    const count = min<usize>(2, <usize>to - i);
    const o = i * 4;
    const p = load2(param + o, count);
    let d = add(load2(grad + o, count), mul(vDecay, p));
    if (momentum != 0) {
      const buffer = firstStep ? d : add(mul(vMomentum, load2(momentumBuffer + o, count)), mul(vKeep, d));
      store2(momentumBuffer + o, buffer, count);
      d = nesterov ? add(d, mul(vMomentum, buffer)) : buffer;
    }
    store2(param + o, f64x2.sub(p, mul(vLr, d)), count);
  }
}

/** stepSize = lr / (1 − β1^t) and correction2 = √(1 − β2^t) come from the caller (adamBiasCorrections in src/core/nn/kernels.ts). */
export function adamRange(
  param: usize, grad: usize, m: usize, v: usize, from: i32, to: i32,
  stepSize: f64, correction2: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
): void {
  const vStep = splat(stepSize), vCorrection = splat(correction2), vEps = splat(eps), vDecay = splat(weightDecay);
  const vBeta1 = splat(beta1), vKeep1 = splat(1 - beta1), vBeta2 = splat(beta2), vKeep2 = splat(1 - beta2);
  for (let i = <usize>from; i < <usize>to; i += 2) {
    const count = min<usize>(2, <usize>to - i);
    const o = i * 4;
    const p = load2(param + o, count);
    const g = add(load2(grad + o, count), mul(vDecay, p));
    const mi = add(mul(vBeta1, load2(m + o, count)), mul(vKeep1, g));
    const vi = add(mul(vBeta2, load2(v + o, count)), mul(mul(vKeep2, g), g));
    store2(m + o, mi, count);
    store2(v + o, vi, count);
    const denominator = add(f64x2.div(f64x2.sqrt(vi), vCorrection), vEps);
    store2(param + o, f64x2.sub(p, f64x2.div(mul(vStep, mi), denominator)), count);
  }
}

export function rmspropRange(
  param: usize, grad: usize, squareAverage: usize, momentumBuffer: usize, from: i32, to: i32,
  lr: f64, alpha: f64, eps: f64, weightDecay: f64, momentum: f64,
): void {
  const vLr = splat(lr), vAlpha = splat(alpha), vKeep = splat(1 - alpha), vEps = splat(eps);
  const vDecay = splat(weightDecay), vMomentum = splat(momentum);
  for (let i = <usize>from; i < <usize>to; i += 2) {
    const count = min<usize>(2, <usize>to - i);
    const o = i * 4;
    const p = load2(param + o, count);
    const g = add(load2(grad + o, count), mul(vDecay, p));
    const s = add(mul(vAlpha, load2(squareAverage + o, count)), mul(mul(vKeep, g), g));
    store2(squareAverage + o, s, count);
    const scaled = f64x2.div(g, add(f64x2.sqrt(s), vEps));
    if (momentum > 0) {
      const buffer = add(mul(vMomentum, load2(momentumBuffer + o, count)), scaled);
      store2(momentumBuffer + o, buffer, count);
      store2(param + o, f64x2.sub(p, mul(vLr, buffer)), count);
    } else {
      store2(param + o, f64x2.sub(p, mul(vLr, scaled)), count);
    }
  }
}

export function adadeltaRange(
  param: usize, grad: usize, squareAverage: usize, accumulatedDelta: usize, from: i32, to: i32,
  lr: f64, rho: f64, eps: f64, weightDecay: f64,
): void {
  const vLr = splat(lr), vRho = splat(rho), vKeep = splat(1 - rho), vEps = splat(eps), vDecay = splat(weightDecay);
  for (let i = <usize>from; i < <usize>to; i += 2) {
    const count = min<usize>(2, <usize>to - i);
    const o = i * 4;
    const p = load2(param + o, count);
    const g = add(load2(grad + o, count), mul(vDecay, p));
    const s = add(mul(vRho, load2(squareAverage + o, count)), mul(mul(vKeep, g), g));
    store2(squareAverage + o, s, count);
    const accumulated = load2(accumulatedDelta + o, count);
    const delta = mul(f64x2.div(f64x2.sqrt(add(accumulated, vEps)), f64x2.sqrt(add(s, vEps))), g);
    store2(accumulatedDelta + o, add(mul(vRho, accumulated), mul(mul(vKeep, delta), delta)), count);
    store2(param + o, f64x2.sub(p, mul(vLr, delta)), count);
  }
}
