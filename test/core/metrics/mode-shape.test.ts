// The modes' width, spread and offset: by hand on a few points, on exact samples (1, 1, 0),
// and on narrow modes that sit off their centres, where width alone reads them as wide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridMixture, ringMixture } from '../../../src/core/density/builtins.js';
import { modeShape, TRUNCATED_SQUARED_RADIUS } from '../../../src/core/metrics/mode-shape.js';
import { Rng } from '../../../src/core/rng.js';

const T = TRUNCATED_SQUARED_RADIUS;

test('the truncated constant is E[d² | d ≤ 3σ] / σ² of a 2D Gaussian, by numerical integration', () => {
  // d²/σ² = u is exponential with mean 2: ∫₀⁹ u e^(−u/2)/2 du over ∫₀⁹ e^(−u/2)/2 du.
  let moment = 0;
  let mass = 0;
  const steps = 200_000;
  for (let i = 0; i < steps; i++) {
    const u = ((i + 0.5) / steps) * 9;
    const density = Math.exp(-u / 2) / 2;
    moment += u * density;
    mass += density;
  }
  assert.ok(Math.abs(moment / mass - T) < 1e-8, `${moment / mass} vs ${T}`);
});

test('a few points by hand: two modes, one off its centre', () => {
  const mixture = { centres: Float64Array.from([0, 0, 10, 0]), sigma: 1 };
  // Mode 0: (1, 0) and (3, 0), mean (2, 0); mode 1: (10, 1) alone; (5, 5) is beyond 3σ of both.
  const shape = modeShape(Float64Array.from([1, 0, 3, 0, 10, 1, 5, 5]), mixture);
  // To the centres: 1 + 9 + 1 over 3 points; to their own means: 1 + 1 + 0; means' offsets: 2, 2, 1.
  assert.ok(Math.abs(shape.width - Math.sqrt(11 / 3 / T)) < 1e-12, `width ${shape.width}`);
  assert.ok(Math.abs(shape.spread - Math.sqrt(2 / 3 / T)) < 1e-12, `spread ${shape.spread}`);
  assert.ok(Math.abs(shape.offset - Math.sqrt(9 / 3)) < 1e-12, `offset ${shape.offset}`);
});

test('exact samples of the ring and the grid: width and spread 1, offset near 0', () => {
  for (const mixture of [ringMixture(), gridMixture()]) {
    const points = new Float32Array(2 * 40_000);
    mixture.sample(40_000, new Rng(5, 1), points);
    const shape = modeShape(points, mixture);
    assert.ok(Math.abs(shape.width - 1) < 0.02, `width ${shape.width}`);
    assert.ok(Math.abs(shape.spread - 1) < 0.02, `spread ${shape.spread}`);
    // Each mode's mean is off its centre by sampling noise alone: about √(T / n) σ with n points a mode.
    const modes = mixture.centres.length / 2;
    assert.ok(shape.offset < 3 * Math.sqrt(T / (40_000 / modes)), `offset ${shape.offset}`);
  }
});

test('narrow modes that wander: width reads them near 0.8σ, spread gives their own 0.4σ, offset the 1σ shift', () => {
  const ring = ringMixture();
  const { centres, sigma } = ring;
  const rng = new Rng(2, 3);
  const perMode = 5_000;
  const modes = centres.length / 2;
  const points = new Float64Array(2 * perMode * modes);
  for (let m = 0; m < modes; m++) {
    // Every mode 0.4σ across, its centre moved 1σ in a direction of its own.
    const angle = 2 * Math.PI * rng.uniform();
    for (let i = 0; i < perMode; i++) {
      const row = m * perMode + i;
      points[2 * row] = centres[2 * m] + sigma * (Math.cos(angle) + 0.4 * rng.normal());
      points[2 * row + 1] = centres[2 * m + 1] + sigma * (Math.sin(angle) + 0.4 * rng.normal());
    }
  }
  const shape = modeShape(points, ring);
  // Every point is within 3σ (1 + 4 × 0.4 < 3 at the 4-sd tails), so nothing is cut: E|x − mean|² = 2 (0.4σ)².
  const spread = 0.4 * Math.sqrt(2 / T);
  assert.ok(Math.abs(shape.spread - spread) < 0.01, `spread ${shape.spread} vs ${spread}`);
  assert.ok(Math.abs(shape.offset - 1) < 0.01, `offset ${shape.offset}`);
  assert.ok(shape.width > 0.8, `width ${shape.width}: the offset counted as width`);
  assert.ok(Math.abs(shape.width ** 2 - (shape.spread ** 2 + shape.offset ** 2 / T)) < 1e-9, 'width² = spread² + offset² / T');
});

test('no point within 3σ of a centre: every figure NaN; points that are not x,y pairs refused', () => {
  const ring = ringMixture();
  const shape = modeShape(Float64Array.from([0, 0, 0.1, 0.1]), ring);
  assert.ok(Number.isNaN(shape.width) && Number.isNaN(shape.spread) && Number.isNaN(shape.offset));
  assert.throws(() => modeShape(Float64Array.from([1, 0, 1]), ring), /points/);
});
