import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionSlices, weightedMean, type ConditionScores } from '../../../src/core/metrics/index.js';

test('conditionSlices: each condition its own consecutive rows, as views; empty conditions left out; a wrong count refused', () => {
  const points = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const slices = conditionSlices(points, [2, 0, 3]);
  assert.deepEqual(slices.map((slice) => slice.condition), [0, 2]);
  assert.deepEqual(Array.from(slices[0].points), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(slices[1].points), [4, 5, 6, 7, 8, 9]);
  assert.equal(slices[1].points.buffer, points.buffer, 'a view, not a copy');
  assert.throws(() => conditionSlices(points, [2, 2]), /5 points, the rows say 4/);
});

test('weightedMean: each figure weighted by the conditions\' points', () => {
  const scores = (points: number, js64: number, oos: number): ConditionScores => ({ condition: 0, name: 'x', points, values: { js64, oos }, floors: {} });
  const mean = weightedMean([scores(1, 0.4, 0), scores(3, 0, 0.2)], (each) => each.values, ['js64', 'oos']);
  assert.ok(Math.abs(mean.js64 - 0.1) < 1e-12 && Math.abs(mean.oos - 0.15) < 1e-12, JSON.stringify(mean));
  assert.deepEqual(Object.keys(mean), ['js64', 'oos']);
});
