import { isOutOfSupport, JS_BINS, type ImageTarget } from './image-target.js';
import { jensenShannon } from './jensen-shannon.js';
import { validatePoints, type Points } from './points.js';

export interface ImageMetrics {
  /** Jensen–Shannon divergence (natural log) between the generated and true 64×64 histograms over [0,1]², plus an "outside" bin of true mass 0. */
  js64: number;
  /** Out-of-support share: generated samples outside [0,1]² or on a pixel below 2% of the image's maximum. */
  oos: number;
}

/** Jensen–Shannon divergence (natural log) between the generated and true 64×64 histograms over [0,1]², plus an "outside" bin of true mass 0. */
export function js64(samples: Points, target: ImageTarget): number {
  const count = validatePoints(samples, 'samples');
  return js64Unchecked(samples, count, target);
}

/** Out-of-support share: generated samples outside [0,1]² or on a pixel below 2% of the image's maximum. */
export function oos(samples: Points, target: ImageTarget): number {
  const count = validatePoints(samples, 'samples');
  return oosUnchecked(samples, count, target);
}

/** Both image metrics, validating the samples once. */
export function imageMetrics(samples: Points, target: ImageTarget): ImageMetrics {
  const count = validatePoints(samples, 'samples');
  return { js64: js64Unchecked(samples, count, target), oos: oosUnchecked(samples, count, target) };
}

function js64Unchecked(samples: Points, count: number, target: ImageTarget): number {
  const outsideBin = JS_BINS * JS_BINS;
  const histogram = new Float64Array(outsideBin + 1);
  for (let i = 0; i < count; i++) {
    const x = samples[2 * i];
    const y = samples[2 * i + 1];
    // The square is closed: x = 1 or y = 1 falls in the last cell, not outside.
    if (x >= 0 && x <= 1 && y >= 0 && y <= 1) {
      const ix = Math.min(JS_BINS - 1, Math.floor(x * JS_BINS));
      const iy = Math.min(JS_BINS - 1, Math.floor(y * JS_BINS));
      histogram[iy * JS_BINS + ix]++;
    } else {
      histogram[outsideBin]++;
    }
  }
  for (let b = 0; b < histogram.length; b++) histogram[b] /= count;
  return jensenShannon(histogram, target.masses);
}

function oosUnchecked(samples: Points, count: number, target: ImageTarget): number {
  let out = 0;
  for (let i = 0; i < count; i++) if (isOutOfSupport(target, samples[2 * i], samples[2 * i + 1])) out++;
  return out / count;
}
