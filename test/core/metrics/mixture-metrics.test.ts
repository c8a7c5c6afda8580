import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridMixture, ringMixture } from '../../../src/core/density/builtins.js';
import { mixtureMetrics } from '../../../src/core/metrics/mixture-metrics.js';
import { Rng } from '../../../src/core/rng.js';

/** `copies` samples at each centre, with an optional offset (dx, dy) from it. */
function atCentres(centres: Float64Array, copies: number, dx = 0, dy = 0): Float64Array {
  const k = centres.length / 2;
  const out = new Float64Array(2 * k * copies);
  for (let c = 0; c < copies; c++) {
    for (let m = 0; m < k; m++) {
      out[2 * (c * k + m)] = centres[2 * m] + dx;
      out[2 * (c * k + m) + 1] = centres[2 * m + 1] + dy;
    }
  }
  return out;
}

test('samples exactly at the centres: every mode, 100% HQ, reverse KL 0', () => {
  for (const mixture of [ringMixture(), gridMixture()]) {
    const k = mixture.centres.length / 2;
    const result = mixtureMetrics(atCentres(mixture.centres, 3), mixture);
    assert.equal(result.modes, k);
    assert.equal(result.highQuality, 1);
    assert.ok(Math.abs(result.reverseKL) < 1e-12, `rKL ${result.reverseKL}`);
    assert.deepEqual(result.perMode, new Array(k).fill(3));
  }
});

test('the ring and grid centres are the ones docs/design.md defines', () => {
  const ring = ringMixture();
  assert.equal(ring.sigma, 0.01);
  assert.equal(ring.centres.length, 16);
  for (let i = 0; i < 8; i++) {
    assert.ok(Math.abs(ring.centres[2 * i] - Math.cos((2 * Math.PI * i) / 8)) < 1e-15);
    assert.ok(Math.abs(ring.centres[2 * i + 1] - Math.sin((2 * Math.PI * i) / 8)) < 1e-15);
  }
  const grid = gridMixture();
  assert.equal(grid.sigma, 0.05);
  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) seen.add(`${grid.centres[2 * i]},${grid.centres[2 * i + 1]}`);
  for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) assert.ok(seen.has(`${x},${y}`));
});

test('all samples on one mode: 1 mode, reverse KL = ln K', () => {
  for (const mixture of [ringMixture(), gridMixture()]) {
    const k = mixture.centres.length / 2;
    const sigma = mixture.sigma;
    // 100 samples scattered within 2σ of mode 3.
    const rng = new Rng(5);
    const samples = new Float32Array(200);
    for (let i = 0; i < 100; i++) {
      const angle = 2 * Math.PI * rng.uniform();
      const radius = 2 * sigma * rng.uniform();
      samples[2 * i] = mixture.centres[6] + radius * Math.cos(angle);
      samples[2 * i + 1] = mixture.centres[7] + radius * Math.sin(angle);
    }
    const result = mixtureMetrics(samples, mixture);
    assert.equal(result.modes, 1);
    assert.equal(result.highQuality, 1);
    assert.ok(Math.abs(result.reverseKL - Math.log(k)) < 1e-12);
    assert.equal(result.perMode[3], 100);
  }
});

test('half the samples far away: HQ 50%, modes and reverse KL from the HQ half only', () => {
  const ring = ringMixture();
  const near = atCentres(ring.centres, 2);
  const samples = new Float64Array(2 * near.length);
  samples.set(near);
  for (let i = near.length; i < samples.length; i += 2) {
    samples[i] = 10; // far from every centre
    samples[i + 1] = -3;
  }
  const result = mixtureMetrics(samples, ring);
  assert.equal(result.highQuality, 0.5);
  assert.equal(result.modes, 8);
  assert.ok(Math.abs(result.reverseKL) < 1e-12);
});

test('reverse KL of an uneven histogram, by hand', () => {
  const ring = ringMixture();
  // 3 HQ samples on mode 0, 1 on mode 1, 1 not HQ (4σ from mode 2).
  const c = ring.centres;
  const samples = new Float64Array([c[0], c[1], c[0] + 0.01, c[1], c[0], c[1] - 0.02, c[2], c[3], c[4] + 0.04, c[5]]);
  const result = mixtureMetrics(samples, ring);
  assert.equal(result.modes, 2);
  assert.equal(result.highQuality, 4 / 5);
  assert.deepEqual(result.perMode, [3, 1, 0, 0, 0, 0, 0, 0]);
  const expected = 0.75 * Math.log(8 * 0.75) + 0.25 * Math.log(8 * 0.25);
  assert.ok(Math.abs(result.reverseKL - expected) < 1e-12);
});

test('the 3σ boundary is inclusive', () => {
  const grid = gridMixture(); // has a centre at (0, 0)
  const radius = 3 * grid.sigma;
  assert.equal(mixtureMetrics(new Float64Array([radius, 0]), grid).highQuality, 1);
  assert.equal(mixtureMetrics(new Float64Array([0, -radius]), grid).highQuality, 1);
  assert.equal(mixtureMetrics(new Float64Array([radius * 1.0001, 0]), grid).highQuality, 0);
});

test('no HQ sample: 0 modes, HQ 0, reverse KL = ln K (its maximum)', () => {
  const grid = gridMixture();
  const result = mixtureMetrics(new Float32Array([1, 1, -3, 3.3, 100, 100]), grid);
  assert.equal(result.modes, 0);
  assert.equal(result.highQuality, 0);
  assert.equal(result.reverseKL, Math.log(25));
  assert.deepEqual(result.perMode, new Array(25).fill(0));
});

test('exact samples of the mixture: HQ = P(χ²₂ ≤ 9) = 1 − e^−4.5, all modes, tiny reverse KL', () => {
  const n = 20000;
  const expectedHQ = 1 - Math.exp(-4.5); // 0.98889: the "perfect generator" figure of docs/design.md
  const standardError = Math.sqrt((expectedHQ * (1 - expectedHQ)) / n);
  for (const mixture of [ringMixture(), gridMixture()]) {
    const samples = new Float32Array(2 * n);
    mixture.sample(n, new Rng(11), samples);
    const result = mixtureMetrics(samples, mixture);
    assert.ok(Math.abs(result.highQuality - expectedHQ) < 5 * standardError, `HQ ${result.highQuality}`);
    assert.equal(result.modes, mixture.centres.length / 2);
    // A multinomial histogram's KL to uniform is about (K − 1)/(2 n_HQ): ~0.0002 (ring), ~0.0006 (grid).
    const k = mixture.centres.length / 2;
    assert.ok(result.reverseKL < (5 * (k - 1)) / (2 * n), `rKL ${result.reverseKL}`);
  }
});
