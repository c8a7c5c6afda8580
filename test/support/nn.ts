// Shared by the nn-*.test.ts files: finite-difference gradient checks on the reference engine.
import assert from 'node:assert/strict';
import { grad } from '../../src/core/nn/autograd.js';
import { createReferenceEngine, type Engine } from '../../src/core/nn/engine.js';
import { Var } from '../../src/core/nn/tape.js';
import { Rng } from '../../src/core/rng.js';

/** float32 machine epsilon: the unit of every tolerance below. */
export const EPS32 = 2 ** -23;

export interface Input {
  rows: number;
  cols: number;
  values: number[];
}

/** An input with seeded values in [low, high), rounded to float32 (what the engine will hold). */
export function randomInput(rng: Rng, rows: number, cols: number, low = -1, high = 1): Input {
  const values = Array.from({ length: rows * cols }, () => Math.fround(low + (high - low) * rng.uniform()));
  return { rows, cols, values };
}

/** Like randomInput, but every value has |v| >= margin, so ±h never crosses a kink at 0. */
export function inputAwayFromZero(rng: Rng, rows: number, cols: number, margin = 0.1, high = 1): Input {
  const values = Array.from({ length: rows * cols }, () => {
    const magnitude = margin + (high - margin) * rng.uniform();
    return Math.fround(rng.uniform() < 0.5 ? -magnitude : magnitude);
  });
  return { rows, cols, values };
}

export type ScalarFunction = (inputs: Var[]) => Var;

/** f evaluated on fresh scratch copies of the inputs (the arena is reset first). */
export function evaluate(engine: Engine, f: ScalarFunction, inputs: readonly Input[], requiresGrad = false): { value: number; vars: Var[] } {
  engine.arena.reset();
  const vars = inputs.map((input) => Var.from(engine, input.rows, input.cols, input.values, requiresGrad));
  const out = f(vars);
  assert.equal(out.value.size, 1, 'the checked function must return a 1×1 Var');
  return { value: out.value.data[0], vars };
}

/**
 * Central differences in float64 of a float32 function. The step actually taken is the
 * difference of the float32-rounded perturbed inputs, so rounding of x ± h adds no error.
 */
export function finiteDifference(engine: Engine, f: ScalarFunction, inputs: readonly Input[], which: number, index: number, h: number): { slope: number; scale: number } {
  const perturbed = inputs.map((input) => ({ ...input, values: [...input.values] }));
  const x = inputs[which].values[index];
  const up = Math.fround(x + h), down = Math.fround(x - h);
  perturbed[which].values[index] = up;
  const fUp = evaluate(engine, f, perturbed).value;
  perturbed[which].values[index] = down;
  const fDown = evaluate(engine, f, perturbed).value;
  return { slope: (fUp - fDown) / (up - down), scale: Math.max(Math.abs(fUp), Math.abs(fDown)) };
}

export interface CheckOptions {
  /** Step of the central difference. */
  h?: number;
  /**
   * Float32 rounding budget of one evaluation, in units of EPS32·|f| (rounding accumulates over
   * the few sums in a forward pass); the difference quotient divides it by h.
   */
  roundingUlps?: number;
  /** Relative allowance for the O(h²) truncation error of the central difference. */
  truncation?: number;
}

/**
 * Compares `analytic` (one array per input) with central differences of f, element by element:
 * |fd - analytic| <= roundingUlps·EPS32·max(|f|, 1)/h + truncation·max(|analytic|, 1e-3).
 */
export function assertMatchesFiniteDifferences(
  engine: Engine, f: ScalarFunction, inputs: readonly Input[], analytic: readonly number[][], options: CheckOptions = {},
): void {
  const h = options.h ?? 1e-3;
  const roundingUlps = options.roundingUlps ?? 4;
  const truncation = options.truncation ?? 1e-4;
  inputs.forEach((input, which) => {
    assert.equal(analytic[which].length, input.values.length, `gradient ${which} has the input's size`);
    for (let i = 0; i < input.values.length; i++) {
      const { slope, scale } = finiteDifference(engine, f, inputs, which, i, h);
      const tolerance = (roundingUlps * EPS32 * Math.max(scale, 1)) / h + truncation * Math.max(Math.abs(analytic[which][i]), 1e-3);
      const error = Math.abs(slope - analytic[which][i]);
      assert.ok(
        error <= tolerance,
        `input ${which}[${i}]: tape ${analytic[which][i]}, finite difference ${slope} (error ${error.toExponential(2)} > ${tolerance.toExponential(2)})`,
      );
    }
  });
}

/** The tape's gradients of f with respect to all inputs, via grad() (the arena is reset first). */
export function tapeGradients(engine: Engine, f: ScalarFunction, inputs: readonly Input[]): number[][] {
  engine.arena.reset();
  const leaves = inputs.map((input) => Var.from(engine, input.rows, input.cols, input.values, true));
  return grad([f(leaves)], leaves).map((g) => g.toArray());
}

export function referenceEngine(): Engine {
  return createReferenceEngine({ initialBytes: 1 << 16 });
}

export { Rng };
