import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ringMixture } from '../../../src/core/density/builtins.js';
import { PointTree } from '../../../src/core/metrics/point-tree.js';
import { precisionRecall } from '../../../src/core/metrics/precision-recall.js';
import { Rng } from '../../../src/core/rng.js';

/** Kynkäänniemi et al. by the definition, O(n²). */
function bruteForce(real: Float32Array, generated: Float32Array, k: number): { precision: number; recall: number } {
  const d2 = (a: Float32Array, i: number, b: Float32Array, j: number): number =>
    (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2;
  const radii = (s: Float32Array): number[] => {
    const n = s.length / 2;
    return Array.from({ length: n }, (_, i) => {
      const others = [];
      for (let j = 0; j < n; j++) if (j !== i) others.push(d2(s, i, s, j));
      return others.sort((u, v) => u - v)[k - 1];
    });
  };
  const share = (query: Float32Array, set: Float32Array, r: number[]): number => {
    let inside = 0;
    for (let i = 0; i < query.length / 2; i++) {
      let hit = false;
      for (let j = 0; j < set.length / 2 && !hit; j++) hit = d2(query, i, set, j) <= r[j];
      if (hit) inside++;
    }
    return inside / (query.length / 2);
  };
  return { precision: share(generated, real, radii(real)), recall: share(real, generated, radii(generated)) };
}

/** Ring-mixture samples with a share of uniform clutter; rounded to a coarse lattice (so ties and duplicates occur) unless `exact`. */
function clutteredRing(n: number, seed: number, clutter: number, exact = false): Float32Array {
  const out = new Float32Array(2 * n);
  const rng = new Rng(seed);
  ringMixture().sample(n, rng, out);
  for (let i = 0; i < n; i++) {
    if (rng.uniform() < clutter) {
      out[2 * i] = 3 * rng.uniform() - 1.5;
      out[2 * i + 1] = 3 * rng.uniform() - 1.5;
    }
  }
  return exact ? out : out.map((v) => Math.round(v * 200) / 200);
}

test('precision and recall by hand (k = 1)', () => {
  // Real: the unit square's corners, each ball of radius 1 (its nearest other corner).
  const real = new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]);
  // (0.5,0.5) inside; (2.5,0) is 1.5 from (1,0): outside; (1,2) is exactly 1 from (1,1): inside.
  const generated = new Float32Array([0.5, 0.5, 2.5, 0, 1, 2]);
  // Generated radii: 1.58, 2.06, 1.58; every corner is 0.71 from (0.5, 0.5): recall 1.
  const result = precisionRecall(real, generated, { k: 1 });
  assert.equal(result.precision, 2 / 3);
  assert.equal(result.recall, 1);
});

test('identical sets score 1 and 1; far-apart sets 0 and 0', () => {
  const a = clutteredRing(2000, 1, 0.1);
  assert.deepEqual(precisionRecall(a, a), { precision: 1, recall: 1 });
  const far = a.map((v) => v + 100);
  assert.deepEqual(precisionRecall(a, far), { precision: 0, recall: 0 });
});

test('k-d tree results equal the brute-force definition (clustered data, ties, unequal sizes, several k)', () => {
  for (const [n, m, k] of [[600, 400, 3], [300, 900, 5], [50, 50, 1]]) {
    const real = clutteredRing(n, n, 0.05);
    const generated = clutteredRing(m, m + 1, 0.3).map((v) => v * 1.05);
    assert.deepEqual(precisionRecall(real, generated, { k }), bruteForce(real, generated, k), `${n}/${m}/k=${k}`);
  }
});

test('a mode-collapsed generator: high precision, low recall', () => {
  const real = clutteredRing(4000, 7, 0, true);
  // All generated points on mode 0, at (1, 0).
  const collapsed = new Float32Array(2 * 4000);
  const sigma = ringMixture().sigma;
  const rng = new Rng(9);
  for (let i = 0; i < 4000; i++) {
    collapsed[2 * i] = 1 + sigma * rng.normal();
    collapsed[2 * i + 1] = sigma * rng.normal();
  }
  const { precision, recall } = precisionRecall(real, collapsed);
  assert.ok(precision > 0.95, `precision ${precision}`);
  assert.ok(recall > 0.1 && recall < 0.15, `recall ${recall} (one mode of 8 is 0.125)`);
});

test('duplicates: k+1 copies of a point make a ball of radius 0 that contains exactly that point', () => {
  const real = new Float32Array([2, 2, 2, 2, 2, 2, 2, 2]);
  assert.equal(precisionRecall(real, new Float32Array([2, 2, 2, 2, 2, 2, 2, 2]), { k: 3 }).precision, 1);
  const offset = new Float32Array([2, 2.001, 2, 2.001, 2, 2.001, 2, 2.001]);
  assert.deepEqual(precisionRecall(real, offset, { k: 3 }), { precision: 0, recall: 0 });
});

test('the point tree finds k-th nearest distances with many equal coordinates', () => {
  const n = 1000;
  const points = new Float64Array(2 * n);
  const rng = new Rng(12);
  for (let i = 0; i < n; i++) {
    points[2 * i] = i < 700 ? 0.5 : rng.int(4);
    points[2 * i + 1] = i < 700 ? 0.5 : rng.int(3);
  }
  const tree = new PointTree(points);
  for (const [x, y, k] of [[0.5, 0.5, 700], [0.5, 0.5, 701], [3.2, 1.9, 4], [-1, -1, 1000]]) {
    const all = Array.from({ length: n }, (_, i) => (points[2 * i] - x) ** 2 + (points[2 * i + 1] - y) ** 2).sort((a, b) => a - b);
    assert.equal(tree.kthNearestSquared(x, y, k), all[k - 1]);
  }
});
