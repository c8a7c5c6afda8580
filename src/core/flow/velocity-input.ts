/**
 * The velocity network's input row for a point u (in the flow's coordinates) at time t:
 * [u, Fourier features of u, t, sinusoidal features of t], then, in a conditional run, the
 * condition's one-hot columns (added by the first layer itself: Mlp.forwardConditioned).
 * Both feature sets use frequencies π/2 · 2^k (core/nn/fourier-features.ts).
 */
import { geometricFrequencies, sinusoidalFeatures, sinusoidalWidth } from '../nn/fourier-features.js';

const LOWEST_FREQUENCY = Math.PI / 2;

export interface VelocityInputShape {
  fourierFeatures: number;
  timeFeatures: number;
}

/** Columns of the input row, before any one-hot columns. */
export function velocityInputWidth(shape: VelocityInputShape): number {
  return 2 + sinusoidalWidth(2, shape.fourierFeatures) + 1 + sinusoidalWidth(1, shape.timeFeatures);
}

export interface VelocityInputWriter {
  readonly width: number;
  /** Writes `rows` input rows into out: points (x, y interleaved), and one time per row or one for all. */
  write(points: ArrayLike<number>, times: ArrayLike<number> | number, rows: number, out: Float32Array): void;
}

export function velocityInputWriter(shape: VelocityInputShape): VelocityInputWriter {
  const pointFrequencies = geometricFrequencies(shape.fourierFeatures, LOWEST_FREQUENCY);
  const timeFrequencies = geometricFrequencies(shape.timeFeatures, LOWEST_FREQUENCY);
  const width = velocityInputWidth(shape);
  const timeColumn = 2 + sinusoidalWidth(2, shape.fourierFeatures);
  let timeScratch = new Float64Array(0);
  return {
    width,
    write(points, times, rows, out) {
      if (timeScratch.length < rows) timeScratch = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        const t = typeof times === 'number' ? times : times[r];
        timeScratch[r] = t;
        out[r * width] = points[2 * r];
        out[r * width + 1] = points[2 * r + 1];
        out[r * width + timeColumn] = t;
      }
      sinusoidalFeatures(points, rows, 2, pointFrequencies, out, width, 2);
      sinusoidalFeatures(timeScratch, rows, 1, timeFrequencies, out, width, timeColumn + 1);
    },
  };
}
