/**
 * Jensen–Shannon divergence (natural log) between two probability vectors of the same length:
 * ½ KL(p‖m) + ½ KL(q‖m) with m = (p + q)/2, and 0·ln 0 = 0. It lies in [0, ln 2].
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannon: lengths differ (${p.length} and ${q.length})`);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = q[i];
    const m = 0.5 * (a + b);
    if (a > 0) sum += a * Math.log(a / m);
    if (b > 0) sum += b * Math.log(b / m);
  }
  return Math.min(Math.LN2, Math.max(0, 0.5 * sum));
}
