/**
 * The quality figures a run reports at each display interval, against its target:
 * js64, oos and far oos for pictures (a conditional run scores each condition's points against
 * its own picture, weighted by its share of the batch), the PacGAN mode figures for
 * mixtures. Each comes with its floor: the same figure for as many exact samples.
 */
import type { Target } from '../density/target.js';
import { farOos, imageMetricFloors, imageMetrics, imageTarget, mixtureMetrics, type ImageTarget } from '../metrics/index.js';

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
  // Each condition's figures, weighted by its share of the rows.
  const weighted = (rows: readonly number[], score: (c: number, n: number, offset: number) => MetricValues): MetricValues => {
    const total = rows.reduce((a, b) => a + b, 0);
    const sum: MetricValues = {};
    let offset = 0;
    rows.forEach((n, c) => {
      for (const [name, value] of Object.entries(score(c, n, offset))) sum[name] = (sum[name] ?? 0) + (value * n) / total;
      offset += n;
    });
    return sum;
  };
  return {
    evaluate: (points, rows) =>
      weighted(rows, (c, n, offset) => {
        const own = points.subarray(2 * offset, 2 * (offset + n));
        return { ...imageMetrics(own, images[c]), farOos: farOos(own, images[c]) };
      }),
    floors: (rows) => {
      const floors = weighted(rows, (c, n) => {
        const { js64, oos } = imageMetricFloors(images[c], n, parts[c]);
        return { js64, oos };
      });
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
