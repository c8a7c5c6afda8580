/**
 * Fixed-step solvers for dx/dt = v(x, t) from t = 0 to t = 1, on a whole batch at once (every
 * point shares the time): how a flow turns noise into points. Euler is first order, the
 * midpoint and Heun's methods second, the classical Runge–Kutta fourth: with `steps` steps of
 * h = 1/steps, the error at t = 1 shrinks as h^order, at 1, 2, 2 and 4 evaluations of v a step.
 */

export const ODE_SOLVERS = ['euler', 'midpoint', 'heun', 'rk4'] as const;
export type OdeSolverName = (typeof ODE_SOLVERS)[number];

export type Vector = Float32Array | Float64Array;

/** Writes v(x, t) into out (same length as x); must not keep x or out. */
export type VelocityField<V extends Vector> = (x: V, t: number, out: V) => void;

/** Evaluations of the velocity per step. */
export const EVALUATIONS_PER_STEP: Record<OdeSolverName, number> = { euler: 1, midpoint: 2, heun: 2, rk4: 4 };

/** out = x + h · k, elementwise. */
function stepAlong<V extends Vector>(x: V, h: number, k: V, out: V): void {
  for (let i = 0; i < x.length; i++) out[i] = x[i] + h * k[i];
}

/**
 * Integrates x (changed in place) from t = 0 to 1 in `steps` equal steps; `afterStep`, when
 * given, sees x after each step s (at t = (s + 1) / steps), e.g. to record trajectories.
 */
export function integrate<V extends Vector>(
  solver: OdeSolverName, velocity: VelocityField<V>, x: V, steps: number, afterStep?: (step: number, x: V) => void,
): void {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`integrate: steps must be a whole number >= 1, got ${steps}`);
  const h = 1 / steps;
  const scratch = (): V => x.slice() as V;
  const k1 = scratch();
  const k2 = solver === 'euler' ? k1 : scratch();
  const k3 = solver === 'rk4' ? scratch() : k1;
  const k4 = solver === 'rk4' ? scratch() : k1;
  const probe = solver === 'euler' ? k1 : scratch();
  for (let s = 0; s < steps; s++) {
    const t = s * h;
    velocity(x, t, k1);
    switch (solver) {
      case 'euler':
        stepAlong(x, h, k1, x);
        break;
      case 'midpoint':
        stepAlong(x, h / 2, k1, probe);
        velocity(probe, t + h / 2, k2);
        stepAlong(x, h, k2, x);
        break;
      case 'heun':
        stepAlong(x, h, k1, probe);
        velocity(probe, t + h, k2);
        for (let i = 0; i < x.length; i++) x[i] += (h / 2) * (k1[i] + k2[i]);
        break;
      case 'rk4':
        stepAlong(x, h / 2, k1, probe);
        velocity(probe, t + h / 2, k2);
        stepAlong(x, h / 2, k2, probe);
        velocity(probe, t + h / 2, k3);
        stepAlong(x, h, k3, probe);
        velocity(probe, t + h, k4);
        for (let i = 0; i < x.length; i++) x[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        break;
    }
    afterStep?.(s, x);
  }
}
