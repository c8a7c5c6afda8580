/**
 * The quality figures a run reports at each display interval, against its target:
 * js64 and oos for pictures (a conditional run scores each condition's points against
 * its own picture, weighted by its share of the batch), the PacGAN mode figures for
 * mixtures. Each comes with its floor: the same figure for as many exact samples.
 */
import type { Target } from '../density/target.js';
import { imageMetricFloors, imageMetrics, imageTarget, mixtureMetrics, type ImageTarget } from '../metrics/index.js';

export type MetricValues = Record<string, number>;

export interface Evaluator {
  /** Scores generated points; `rowsPerCondition` says how many consecutive rows belong to each condition. */
  evaluate(points: Float32Array, rowsPerCondition: readonly number[]): MetricValues;
  /** The figures exact samples would score, with the same rows per condition. */
  floors(rowsPerCondition: readonly number[]): MetricValues;
}

export function createEvaluator(parts: readonly Target[]): Evaluator {
  if (parts[0].kind === 'mixture') return mixtureEvaluator(parts[0]);
  const images = parts.map((part) => imageTarget(part.raster, part.rasterBox));
  return pictureEvaluator(parts, images);
}

function pictureEvaluator(parts: readonly Target[], images: readonly ImageTarget[]): Evaluator {
  const weighted = (rows: readonly number[], score: (c: number, n: number, offset: number) => { js64: number; oos: number }): MetricValues => {
    const total = rows.reduce((a, b) => a + b, 0);
    let js64 = 0;
    let oos = 0;
    let offset = 0;
    rows.forEach((n, c) => {
      const s = score(c, n, offset);
      js64 += (s.js64 * n) / total;
      oos += (s.oos * n) / total;
      offset += n;
    });
    return { js64, oos };
  };
  return {
    evaluate: (points, rows) =>
      weighted(rows, (c, n, offset) => imageMetrics(points.subarray(2 * offset, 2 * (offset + n)), images[c])),
    floors: (rows) => {
      const floors = weighted(rows, (c, n) => imageMetricFloors(images[c], n, parts[c]));
      return { js64Floor: floors.js64, oosFloor: floors.oos };
    },
  };
}

function mixtureEvaluator(target: Target): Evaluator {
  const mixture = target.mixture;
  if (mixture === null) throw new Error('mixture target without its mixture');
  return {
    evaluate: (points) => {
      const m = mixtureMetrics(points, mixture);
      return { modes: m.modes, highQuality: m.highQuality, reverseKL: m.reverseKL };
    },
    floors: () => ({}),
  };
}
