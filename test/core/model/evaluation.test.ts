// The training's evaluator on a folder: each picture's points against its own picture, the
// whole as their mean weighted by points; references computed from the metrics directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEvaluator } from '../../../src/core/model/evaluation.js';
import {
  farOos, imageMetricFloors, imageMetrics, imageTarget, mixtureMetrics, modeShape, TRUNCATED_SQUARED_RADIUS,
} from '../../../src/core/metrics/index.js';
import { builtinTarget } from '../../../src/core/density/builtins.js';
import { Rng } from '../../../src/core/rng.js';
import { band } from '../../support/band-targets.js';

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual}, expected ${expected}`);

test('a folder\'s evaluator: figures picture by picture against each one\'s own picture, the whole their weighted mean', () => {
  const parts = [band('left', 0, 8), band('right', 8, 16)];
  const rows = [300, 100];
  // In the pictures' unit square: the left picture's points half on its half (x < 0.5), the right picture's all on the left half, out of its support.
  const rng = new Rng(5, 1);
  const points = new Float32Array(2 * 400);
  for (let i = 0; i < 400; i++) {
    points[2 * i] = (i < 150 || i >= 300 ? 0 : 0.5) + 0.49 * rng.uniform();
    points[2 * i + 1] = rng.uniform();
  }
  const evaluator = createEvaluator(parts);
  const { values: together, conditions } = evaluator.evaluateByCondition(points, rows);
  assert.deepEqual(conditions.map((c) => [c.condition, c.name, c.points]), [[0, 'left', 300], [1, 'right', 100]]);
  const offsets = [0, 300];
  conditions.forEach((scores, c) => {
    const own = points.slice(2 * offsets[c], 2 * (offsets[c] + rows[c]));
    const image = imageTarget(parts[c].raster, parts[c].rasterBox);
    const { js64, oos } = imageMetrics(own, image);
    close(scores.values.js64, js64, `${scores.name} js64`);
    close(scores.values.oos, oos, `${scores.name} oos`);
    close(scores.values.farOos, farOos(own, image), `${scores.name} far oos`);
    const floors = imageMetricFloors(image, rows[c], parts[c]);
    close(scores.floors.js64, floors.js64, `${scores.name} js64 floor`);
  });
  assert.ok(Math.abs(conditions[0].values.oos - 0.5) < 0.1, `left: about half out, ${conditions[0].values.oos}`);
  close(conditions[1].values.oos, 1, 'right: every point out');
  const whole = evaluator.evaluate(points, rows);
  for (const name of ['js64', 'oos', 'farOos']) {
    close(whole[name], 0.75 * conditions[0].values[name] + 0.25 * conditions[1].values[name], name);
    close(together[name], whole[name], `${name}, scored with the pictures' own`);
  }
  const floors = evaluator.floors(rows);
  close(floors.js64, 0.75 * conditions[0].floors.js64 + 0.25 * conditions[1].floors.js64, 'js64 floor');
  close(floors.oos, 0.75 * conditions[0].floors.oos + 0.25 * conditions[1].floors.oos, 'oos floor');
  // A condition without rows is left out of both.
  const onlyRight = evaluator.evaluateByCondition(points.subarray(600), [0, 100]).conditions;
  assert.deepEqual(onlyRight.map((c) => c.name), ['right']);
  close(evaluator.evaluate(points.subarray(600), [0, 100]).oos, 1, 'the right picture alone');
});

test('a plain picture\'s evaluator has no conditions to list', () => {
  const evaluator = createEvaluator([band('left', 0, 8)]);
  const points = new Float32Array([0.25, 0.5, 0.25, 0.75]);
  const { values, conditions } = evaluator.evaluateByCondition(points, [2]);
  assert.deepEqual(conditions, []);
  assert.deepEqual(values, evaluator.evaluate(points, [2]));
});

test('a mixture\'s evaluator: the PacGAN figures and the modes\' spread, as the metrics give them; no spread without a blob', () => {
  const ring = builtinTarget('ring');
  const mixture = ring.mixture!;
  const evaluator = createEvaluator([ring]);
  // Narrow blobs: every point a quarter of σ from its centre, so every mode 0.25σ in each direction.
  const points = new Float32Array(2 * 800);
  const rng = new Rng(4, 4);
  for (let i = 0; i < 800; i++) {
    const m = i % 8;
    points[2 * i] = mixture.centres[2 * m] + 0.25 * mixture.sigma * rng.normal();
    points[2 * i + 1] = mixture.centres[2 * m + 1] + 0.25 * mixture.sigma * rng.normal();
  }
  const values = evaluator.evaluate(points, [800]);
  const pacgan = mixtureMetrics(points, mixture);
  assert.deepEqual(values, {
    modes: pacgan.modes, highQuality: pacgan.highQuality, reverseKL: pacgan.reverseKL, modeSpread: modeShape(points, mixture).spread,
  });
  assert.ok(Math.abs(values.modeSpread - 0.25 * Math.sqrt(2 / TRUNCATED_SQUARED_RADIUS)) < 0.02, `spread ${values.modeSpread}`);
  const nowhere = evaluator.evaluate(Float32Array.from([0, 0, 0.1, 0]), [2]);
  assert.equal(nowhere.highQuality, 0);
  assert.ok(!('modeSpread' in nowhere), 'no high-quality point: no spread, rather than NaN in metrics.jsonl');
});
