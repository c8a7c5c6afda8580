// The ODE solvers against flows with closed-form solutions: the straight flow between two
// Gaussians (where the exact velocity field is known) and a linear ODE, each solver's error
// shrinking at its order as the steps double.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integrate, ODE_SOLVERS, stepTimes, type OdeSolverName } from '../../../src/core/flow/ode.js';

const ORDERS: Record<OdeSolverName, number> = { euler: 1, midpoint: 2, heun: 2, rk4: 4 };

/**
 * Rectified flow from N(0, 1) to N(m, s²) in 1D: x_t = (1 − t)x₀ + t·x₁ has variance
 * σ_t² = (1 − t)² + t²s², and the marginal velocity E[x₁ − x₀ | x_t = x] is
 * m + (x − t·m)·(t·s² − (1 − t)) / σ_t². Its flow carries x₀ to the quantile-matched m + s·x₀.
 */
function gaussianFlow(m: number, s: number) {
  return (x: Float64Array, t: number, out: Float64Array): void => {
    const variance = (1 - t) ** 2 + t * t * s * s;
    const slope = (t * s * s - (1 - t)) / variance;
    for (let i = 0; i < x.length; i++) out[i] = m + (x[i] - t * m) * slope;
  };
}

function errorAfter(solver: OdeSolverName, steps: number, m: number, s: number, starts: readonly number[]): number {
  const x = Float64Array.from(starts);
  integrate(solver, gaussianFlow(m, s), x, steps);
  return Math.max(...starts.map((x0, i) => Math.abs(x[i] - (m + s * x0))));
}

test('every solver carries noise to the quantile-matched target point of the Gaussian flow, at its order or better', () => {
  const starts = [-2, -0.5, 0.3, 1.7];
  for (const solver of ODE_SOLVERS) {
    const coarse = errorAfter(solver, 8, 1.5, 0.4, starts);
    const fine = errorAfter(solver, 16, 1.5, 0.4, starts);
    const order = Math.log2(coarse / fine);
    // At least its order (the midpoint rule gains one on this field, whose velocity is affine in x).
    assert.ok(order > ORDERS[solver] - 0.3, `${solver}: observed order ${order.toFixed(2)}, expected ${ORDERS[solver]}`);
    assert.ok(errorAfter(solver, 256, 1.5, 0.4, starts) < (solver === 'euler' ? 1e-2 : 1e-5), `${solver} converges`);
  }
});

test('step times: even, or quadratic 1 − (1 − k/N)², from 0 to exactly 1, shrinking toward 1', () => {
  assert.deepEqual([...stepTimes('uniform', 4)], [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual([...stepTimes('quadratic', 4)], [0, 1 - 0.5625, 0.75, 1 - 0.0625, 1]);
  const times = stepTimes('quadratic', 7);
  for (let k = 1; k < 7; k++) assert.ok(times[k + 1] - times[k] < times[k] - times[k - 1]);
});

test('a narrow Gaussian (s 0.014): 16 even midpoint steps shrink its spread, 16 quadratic ones keep it within 2%', () => {
  // The quantile-matched end of x₀ = 1 is m + s: the spread the solver leaves, as a fraction of s.
  const s = 0.014;
  const spread = (spacing: 'uniform' | 'quadratic'): number => {
    const x = Float64Array.of(1);
    integrate('midpoint', gaussianFlow(0, s), x, 16, undefined, spacing);
    return x[0] / s;
  };
  assert.ok(spread('uniform') < 0.65, `even steps: ${spread('uniform')}`);
  assert.ok(Math.abs(spread('quadratic') - 1) < 0.02, `quadratic steps: ${spread('quadratic')}`);
  // Every solver still converges on the quadratic grid.
  for (const solver of ODE_SOLVERS) {
    const x = Float64Array.of(-2, 0.3, 1.7);
    integrate(solver, gaussianFlow(1.5, 0.4), x, 256, undefined, 'quadratic');
    [-2, 0.3, 1.7].forEach((x0, i) => assert.ok(Math.abs(x[i] - (1.5 + 0.4 * x0)) < (solver === 'euler' ? 2e-2 : 1e-4), `${solver} ${x[i]}`));
  }
});

test('a linear ODE dx/dt = a·x + b·t reaches its exact value at t = 1, at each order', () => {
  // x(t) = (x₀ + b/a²)·e^{at} − b·t/a − b/a².
  const a = -1.3, b = 0.7;
  const exact = (x0: number): number => (x0 + b / (a * a)) * Math.exp(a) - b / a - b / (a * a);
  const field = (x: Float64Array, t: number, out: Float64Array): void => {
    for (let i = 0; i < x.length; i++) out[i] = a * x[i] + b * t;
  };
  for (const solver of ODE_SOLVERS) {
    const error = (steps: number): number => {
      const x = Float64Array.of(0.8, -1.1);
      integrate(solver, field, x, steps);
      return Math.max(Math.abs(x[0] - exact(0.8)), Math.abs(x[1] - exact(-1.1)));
    };
    const order = Math.log2(error(10) / error(20));
    assert.ok(Math.abs(order - ORDERS[solver]) < 0.3, `${solver}: observed order ${order.toFixed(2)}`);
  }
});

test('a float32 batch is integrated in place; steps must be a whole number', () => {
  const x = Float32Array.of(1, 2);
  integrate('euler', (_x, _t, out) => out.fill(1), x, 4);
  assert.deepEqual([...x], [2, 3]);
  assert.throws(() => integrate('rk4', () => undefined, new Float32Array(1), 0), RangeError);
});
