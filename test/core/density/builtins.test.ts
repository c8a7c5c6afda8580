import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import { builtinNames, builtinPartTargets, builtinTarget, gridMixture, ringMixture } from '../../../src/core/density/builtins.js';
import { erfc, GaussianMixture, normalIntervalMass } from '../../../src/core/density/gaussian-mixture.js';
import { gridMass } from '../../../src/core/density/grid.js';
import { drawPicture, drawPictureParts, PICTURES } from '../../../src/core/density/pictures.js';

test('erfc agrees with reference values to 1.2e-7 relative', () => {
  // erfc at 0, 0.5, 1, 2, 3, 5 and -1 (values from the series, to 16 digits).
  const references: [number, number][] = [
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [-1, 1.8427007929497148],
  ];
  for (const [z, value] of references) assert.ok(Math.abs(erfc(z) / value - 1) < 1.2e-7, `erfc(${z}) = ${erfc(z)}`);
  assert.ok(Math.abs(normalIntervalMass(-1.959963984540054, 1.959963984540054) - 0.95) < 1e-7);
});

test('a Gaussian mixture sample matches its exact pixel masses (chi-square over a 12x12 raster plus outside)', () => {
  const mixture = new GaussianMixture([[0, 0], [1, 1], [1.5, -0.5]], 0.3);
  const box = { xMin: -1, xMax: 2.5, yMin: -1.5, yMax: 2 };
  const raster = mixture.rasterize(box, 12, 12);
  const n = 200_000;
  const out = new Float32Array(2 * n);
  mixture.sample(n, new Rng(11), out);
  const counts = new Float64Array(145);
  for (let i = 0; i < n; i++) {
    const col = Math.floor(((out[2 * i] - box.xMin) / (box.xMax - box.xMin)) * 12);
    const row = Math.floor(((box.yMax - out[2 * i + 1]) / (box.yMax - box.yMin)) * 12);
    counts[col >= 0 && col < 12 && row >= 0 && row < 12 ? row * 12 + col : 144]++;
  }
  const inside = gridMass(raster);
  assert.ok(inside > 0.95 && inside < 1);
  const expected = [...Array.from(raster.values, (p) => p * n), (1 - inside) * n];
  let chi = 0;
  for (let i = 0; i < 145; i++) chi += (counts[i] - expected[i]) ** 2 / expected[i];
  const df = 144;
  assert.ok(chi < df + 5 * Math.sqrt(2 * df), `chi-square ${chi.toFixed(1)}`);
});

/** Share of samples within 3 sigma of their nearest centre, and how many samples each centre got. */
function qualityShare(mixture: GaussianMixture, n: number, seed: number): { hq: number; perMode: number[] } {
  const out = new Float32Array(2 * n);
  mixture.sample(n, new Rng(seed), out);
  const perMode = new Array(mixture.components).fill(0);
  let hq = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let nearest = 0;
    for (let k = 0; k < mixture.components; k++) {
      const d = Math.hypot(out[2 * i] - mixture.centres[2 * k], out[2 * i + 1] - mixture.centres[2 * k + 1]);
      if (d < best) [best, nearest] = [d, k];
    }
    perMode[nearest]++;
    if (best <= 3 * mixture.sigma) hq++;
  }
  return { hq: hq / n, perMode };
}

test('builtin:ring and builtin:grid are the PacGAN mixtures: 98.9% within 3 sigma, modes equally filled', () => {
  const ring = ringMixture();
  assert.equal(ring.components, 8);
  assert.equal(ring.sigma, 0.01);
  assert.ok(Math.abs(ring.centres[2] - Math.SQRT1_2) < 1e-15 && Math.abs(ring.centres[3] - Math.SQRT1_2) < 1e-15);
  const grid = gridMixture();
  assert.equal(grid.components, 25);
  assert.equal(grid.sigma, 0.05);
  assert.deepEqual(Array.from(grid.centres.subarray(0, 4)), [-4, -4, -4, -2]);
  // A 2D standard normal lies within radius 3 with probability 1 - exp(-9/2) = 0.98889.
  const p = 1 - Math.exp(-4.5);
  for (const mixture of [ring, grid]) {
    const n = 40_000;
    const { hq, perMode } = qualityShare(mixture, n, 3);
    assert.ok(Math.abs(hq - p) < 5 * Math.sqrt((p * (1 - p)) / n), `HQ ${hq}`);
    const share = 1 / mixture.components;
    for (const count of perMode) assert.ok(Math.abs(count / n - share) < 5 * Math.sqrt((share * (1 - share)) / n));
  }
});

test('builtin targets: mixtures in their own bounds with a raster view; pictures in the unit square', () => {
  assert.deepEqual(builtinNames().slice(0, 2), ['ring', 'grid']);
  const ring = builtinTarget('ring');
  assert.equal(ring.kind, 'mixture');
  assert.deepEqual(ring.bounds, { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 });
  assert.ok(Math.abs(gridMass(ring.raster) - 1) < 1e-5); // all the mass is inside the bounds
  const binary = builtinTarget('binary');
  assert.equal(binary.kind, 'picture');
  assert.equal(binary.name, 'builtin:binary');
  assert.deepEqual(binary.bounds, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
  assert.equal(binary.raster.width, 256);
  assert.throws(() => builtinTarget('nope'), /unknown builtin/);
});

test('binary: the two discs of the seed demo, with the right areas and places', () => {
  const [big, small] = drawPictureParts('binary');
  const area = (mass: number): number => mass / (256 * 256);
  assert.ok(Math.abs(area(gridMass(big)) - Math.PI * 0.176 ** 2) < 2e-4);
  assert.ok(Math.abs(area(gridMass(small)) - Math.PI * 0.111 ** 2) < 2e-4);
  // Samples of the whole fall in the big disc with probability r1² / (r1² + r2²).
  const n = 50_000;
  const out = new Float32Array(2 * n);
  builtinTarget('binary').sample(n, new Rng(8), out);
  let inBig = 0;
  for (let i = 0; i < n; i++) if (Math.hypot(out[2 * i] - 0.34, out[2 * i + 1] - 0.637) < 0.18) inBig++;
  const p = 0.176 ** 2 / (0.176 ** 2 + 0.111 ** 2);
  assert.ok(Math.abs(inBig / n - p) < 5 * Math.sqrt((p * (1 - p)) / n) + 0.002, `share ${inBig / n} vs ${p}`);
});

test('every picture is 8-bit quantised, has mass, and its parts make up the whole', () => {
  for (const name of Object.keys(PICTURES)) {
    const whole = drawPicture(name);
    for (const v of whole.values) assert.equal(v, Math.fround(Math.round(v * 255) / 255));
    assert.ok(gridMass(whole) > 100, name);
    const parts = drawPictureParts(name);
    assert.ok(parts.length >= (PICTURES[name].conditional ? 2 : 1), name);
    // The whole is the union of the parts: pixelwise the maximum.
    for (let i = 0; i < whole.values.length; i++) {
      assert.equal(whole.values[i], Math.max(...parts.map((p) => p.values[i])), `${name} pixel ${i}`);
    }
    if (PICTURES[name].conditional) assert.equal(builtinPartTargets(name).length, parts.length);
  }
});

test('zig touches the left edge; vortex arms and binary discs are disjoint', () => {
  const zig = drawPicture('zig');
  let leftColumn = 0;
  for (let row = 0; row < 256; row++) leftColumn += zig.values[row * 256];
  assert.ok(leftColumn > 0);
  for (const name of ['binary', 'vortex']) {
    const parts = drawPictureParts(name);
    for (let i = 0; i < 256 * 256; i++) assert.ok(parts.filter((p) => p.values[i] > 0).length <= 1, `${name} parts overlap at ${i}`);
  }
});
