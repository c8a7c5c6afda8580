/**
 * Spectral normalisation's state for a stack of weights (Miyato et al. 2018): per weight W
 * (in×out) a unit vector u (out) kept from step to step and v (in), the power iteration's
 * estimates of W's top right and left singular vectors. Each powerStep() improves them by one
 * iteration on the current W (the paper runs one per training step, since W moves little
 * between steps); normalised(i) is W / (vᵀ·W·u), which every forward uses, so a network
 * evaluated between steps (D's drawn surface, a checkpoint's D) is the same function training saw.
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { Engine } from './engine.js';
import { spectralNormalise } from './ops/spectral-norm.js';
import { loadTensor } from './serialize.js';
import { Var } from './tape.js';
import type { Tensor } from './tensor.js';

/** One weight's vectors as plain data, for a checkpoint (float32 values, exact in JSON). */
export interface SpectralNormVectors {
  u: number[];
  v: number[];
}

/** PyTorch's floor on a norm before dividing by it (F.normalize's eps). */
const NORM_FLOOR = 1e-12;

/** out = m·x (transpose false: m is rows×cols, x cols long) or mᵀ·x (x rows long), normalised; in doubles, stored as float32. */
function normalisedProduct(m: Tensor, x: Float32Array, transpose: boolean, out: Float32Array): void {
  const { rows, cols } = m;
  const w = m.data;
  const result = new Float64Array(transpose ? cols : rows);
  if (transpose) {
    for (let i = 0; i < rows; i++) {
      const xi = x[i];
      for (let j = 0; j < cols; j++) result[j] += w[i * cols + j] * xi;
    }
  } else {
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += w[i * cols + j] * x[j];
      result[i] = s;
    }
  }
  let norm = 0;
  for (const value of result) norm += value * value;
  norm = Math.max(Math.sqrt(norm), NORM_FLOOR);
  for (let i = 0; i < result.length; i++) out[i] = result[i] / norm;
}

export class SpectralNorm {
  private readonly u: Var[];
  private readonly v: Var[];

  /**
   * u starts as a random unit vector (drawn from `rng`, after whatever the caller drew before)
   * and v as W·u normalised, so σ = ‖W·u‖ > 0 before any step: a positive lower bound of the
   * largest singular value, never a division by a random sign.
   */
  constructor(engine: Engine, private readonly weights: readonly Var[], rng: Rng) {
    this.u = weights.map((weight) => Var.constant(engine, engine.arena.persistent(weight.cols, 1)));
    this.v = weights.map((weight) => Var.constant(engine, engine.arena.persistent(weight.rows, 1)));
    weights.forEach((weight, i) => {
      const u = this.u[i].value.data;
      let norm = 0;
      for (let j = 0; j < u.length; j++) {
        u[j] = rng.normal();
        norm += u[j] * u[j];
      }
      norm = Math.max(Math.sqrt(norm), NORM_FLOOR);
      for (let j = 0; j < u.length; j++) u[j] /= norm;
      normalisedProduct(weight.value, u, false, this.v[i].value.data);
    });
  }

  get layerCount(): number {
    return this.weights.length;
  }

  /** One power iteration on every weight: v ← W·u / ‖W·u‖, then u ← Wᵀ·v / ‖Wᵀ·v‖. */
  powerStep(): void {
    this.weights.forEach((weight, i) => {
      normalisedProduct(weight.value, this.u[i].value.data, false, this.v[i].value.data);
      normalisedProduct(weight.value, this.v[i].value.data, true, this.u[i].value.data);
    });
  }

  /** Weight i divided by its estimated σ (recorded when grad mode is on and W requires grad). */
  normalised(i: number): Var {
    return spectralNormalise(this.weights[i], this.u[i], this.v[i]);
  }

  /** The estimate σ = vᵀ·W·u of weight i, in doubles (for tests and diagnostics). */
  sigma(i: number): number {
    const w = this.weights[i].value;
    const u = this.u[i].value.data, v = this.v[i].value.data;
    let sigma = 0;
    for (let r = 0; r < w.rows; r++) {
      for (let c = 0; c < w.cols; c++) sigma += v[r] * w.data[r * w.cols + c] * u[c];
    }
    return sigma;
  }

  state(): SpectralNormVectors[] {
    return this.u.map((u, i) => ({ u: u.value.toArray(), v: this.v[i].value.toArray() }));
  }

  /** Replaces the vectors with saved ones; a UserError when they do not fit these weights. */
  load(state: readonly SpectralNormVectors[]): void {
    if (!Array.isArray(state) || state.length !== this.weights.length) {
      throw new UserError(`spectral norm: expected vectors for ${this.weights.length} layers`);
    }
    state.forEach((vectors, i) => {
      loadTensor(this.u[i].value, vectors?.u, `spectral norm: layer ${i} u`);
      loadTensor(this.v[i].value, vectors?.v, `spectral norm: layer ${i} v`);
    });
  }
}
