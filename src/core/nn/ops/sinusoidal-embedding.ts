/**
 * A point's sinusoidal embedding on the tape: each row [x₁ … xₙ] becomes
 * [x₁ … xₙ, sin(f₁x₁), cos(f₁x₁), … sin(f_K x₁), cos(f_K x₁), … the same for x₂ … xₙ].
 * An MLP on raw coordinates is slow to learn sharp, thin structure (its spectral bias,
 * Tancik et al. 2020); these columns hand D the high frequencies directly. Unlike features
 * computed off the tape, this one passes gradients back to its input, and through recorded
 * ops, so G's step can differentiate D at its points and R1 can differentiate ∇ₓD again.
 */
import { record, Var } from '../tape.js';
import { mul } from './elementwise.js';
import { matmul } from './matmul.js';
import { geometricFrequencies, sinusoidalFeatures, sinusoidalWidth } from '../fourier-features.js';

/** Columns of the embedding of `inputs` values at `frequencyCount` frequencies. */
export function embeddingWidth(inputs: number, frequencyCount: number): number {
  return inputs + sinusoidalWidth(inputs, frequencyCount);
}

/** The frequencies 2π · 2^k, k = 0 … count − 1: periods of 1, ½, ¼ … of the unit square. */
export function octaveFrequencies(count: number): Float64Array {
  return geometricFrequencies(count, 2 * Math.PI);
}

export function sinusoidalEmbedding(x: Var, frequencies: ArrayLike<number>): Var {
  const { engine } = x;
  const rows = x.rows, inputs = x.cols, count = frequencies.length;
  const width = embeddingWidth(inputs, count);
  const value = engine.arena.scratch(rows, width);
  const out = value.data;
  const source = x.value.data;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) out[r * width + i] = source[r * inputs + i];
  }
  sinusoidalFeatures(source, rows, inputs, frequencies, out, width, inputs);
  return record(engine, value, [x], (g, ctx) => {
    // ∂out/∂x per column (1, f·cos, −f·sin), a constant read off the forward's own sin and cos
    // columns (no trigonometry again); then each input's columns summed by a 0/1 matrix.
    const slope = engine.arena.scratch(rows, width);
    const forward = value.data; // read again: the arena may have moved its memory since the forward pass
    const d = slope.data;
    for (let r = 0; r < rows; r++) {
      const row = r * width;
      for (let i = 0; i < inputs; i++) {
        d[row + i] = 1;
        let column = row + inputs + 2 * count * i;
        for (let k = 0; k < count; k++) {
          d[column] = frequencies[k] * forward[column + 1];
          d[column + 1] = -frequencies[k] * forward[column];
          column += 2;
        }
      }
    }
    const gather = engine.arena.scratch(width, inputs);
    gather.data.fill(0);
    for (let i = 0; i < inputs; i++) {
      gather.data[i * inputs + i] = 1;
      for (let c = 0; c < 2 * count; c++) gather.data[(inputs + 2 * count * i + c) * inputs + i] = 1;
    }
    ctx.emit(0, matmul(mul(g, Var.constant(engine, slope)), Var.constant(engine, gather)));
  });
}
