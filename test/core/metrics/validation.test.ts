import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ringMixture } from '../../../src/core/density/builtins.js';
import { UserError } from '../../../src/core/errors.js';
import { imageMetricFloors } from '../../../src/core/metrics/image-floors.js';
import { imageMetrics, js64, oos } from '../../../src/core/metrics/image-metrics.js';
import { imageTarget } from '../../../src/core/metrics/image-target.js';
import { mixtureMetrics } from '../../../src/core/metrics/mixture-metrics.js';
import { precisionRecall } from '../../../src/core/metrics/precision-recall.js';
import { slicedWasserstein1 } from '../../../src/core/metrics/sliced-wasserstein.js';

function refuses(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.match(error.message, message);
    assert.ok(!error.message.includes('\n'), 'one line');
    return true;
  });
}

const square = imageTarget({ width: 1, height: 1, values: new Float32Array([1]) });
const ring = ringMixture();
const good = new Float32Array(40).fill(0.5);

function withBadRow(row: number, axis: 0 | 1, value: number): Float32Array {
  const points = new Float32Array(40).fill(0.5);
  points[2 * row + axis] = value;
  return points;
}

test('every metric refuses empty samples, odd lengths, NaN and infinite rows, naming the row', () => {
  const metrics: [string, (s: Float32Array) => unknown][] = [
    ['mixture', (s) => mixtureMetrics(s, ring)],
    ['js64', (s) => js64(s, square)],
    ['oos', (s) => oos(s, square)],
    ['image', (s) => imageMetrics(s, square)],
  ];
  for (const [, run] of metrics) {
    refuses(() => run(new Float32Array(0)), /^samples: no points/);
    refuses(() => run(new Float32Array(5)), /^samples: length 5 is odd/);
    refuses(() => run(withBadRow(17, 1, NaN)), /^samples: row 17 is NaN \(y = NaN\)$/);
    refuses(() => run(withBadRow(3, 0, -Infinity)), /^samples: row 3 is infinite \(x = -Infinity\)$/);
  }
  refuses(() => slicedWasserstein1(good, withBadRow(0, 0, Infinity)), /^second point set: row 0 is infinite/);
  refuses(() => slicedWasserstein1(new Float32Array(0), good), /^first point set: no points/);
  refuses(() => precisionRecall(withBadRow(19, 1, NaN), good), /^real: row 19 is NaN/);
  refuses(() => precisionRecall(good, withBadRow(2, 0, NaN)), /^generated: row 2 is NaN/);
});

test('options out of range are refused by name', () => {
  refuses(() => slicedWasserstein1(good, good, { projections: 0 }), /^projections: must be a positive integer/);
  refuses(() => slicedWasserstein1(good, good, { seed: 0.5 }), /^seed: must be an integer/);
  refuses(() => precisionRecall(good, good, { k: 2.5 }), /^k: must be a positive integer/);
  refuses(() => precisionRecall(new Float32Array(6), good), /^real: 3 points; k = 3 nearest neighbours need at least 4$/);
  refuses(() => precisionRecall(good, new Float32Array(2), { k: 1 }), /^generated: 1 points; k = 1/);
  refuses(() => mixtureMetrics(good, { centres: new Float64Array(0), sigma: 1 }), /^mixture: centres must be non-empty/);
  refuses(() => mixtureMetrics(good, { centres: new Float64Array(2), sigma: 0 }), /^mixture: sigma must be a positive number/);
});

test('rasters and boxes that cannot be a density are refused', () => {
  refuses(() => imageTarget({ width: 2, height: 2, values: new Float32Array(3) }), /^density: 3 values for a 2×2 raster/);
  refuses(() => imageTarget({ width: 0, height: 2, values: new Float32Array(0) }), /^density: size must be positive integers/);
  refuses(() => imageTarget({ width: 2, height: 1, values: new Float32Array([0, 0]) }), /^density: has no mass/);
  refuses(() => imageTarget({ width: 2, height: 2, values: new Float32Array([1, 1, -1, 1]) }), /^density: value at row 1, column 0 is -1/);
  refuses(() => imageTarget({ width: 1, height: 1, values: new Float64Array([NaN]) }), /^density: value at row 0, column 0 is NaN/);
  refuses(() => imageTarget({ width: 1, height: 1, values: new Float32Array([1]) }, { xMin: -1, xMax: 1, yMin: 0, yMax: 1 }), /^raster box: must be a non-empty rectangle inside \[0,1\]²/);
  refuses(() => imageTarget({ width: 1, height: 1, values: new Float32Array([1]) }, { xMin: 0.5, xMax: 0.5, yMin: 0, yMax: 1 }), /^raster box/);
});

test('floors refuse too few exact samples, a bad count, and a sampler that writes nothing', () => {
  refuses(() => imageMetricFloors(square, 100, new Float32Array(100)), /^exact samples: 50 points, fewer than the 100 a floor needs/);
  refuses(() => imageMetricFloors(square, 0, new Float32Array(100)), /^floor sample count: must be a positive integer/);
  refuses(() => imageMetricFloors(square, 10, { sample: () => undefined }), /^exact sampler output: row 0 is NaN/);
});
