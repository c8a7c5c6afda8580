import { UserError } from '../errors.js';
import { Rng } from '../rng.js';
import { imageMetrics, type ImageMetrics } from './image-metrics.js';
import type { ImageTarget } from './image-target.js';
import { validatePoints, validatePositiveInteger, type Points } from './points.js';

/** Something that draws exact samples from the target density: the density module's Target is one. */
export interface ExactSampler {
  /** Writes n exact samples as interleaved (x, y) into out[offset .. offset + 2n). */
  sample(n: number, rng: Rng, out: Float32Array, offset?: number): void;
}

export interface FloorOptions {
  /** Seed of the floor's random stream (default 0), so the floor is the same on every run. */
  seed?: number;
  /** Independent batches of `count` exact samples to average over (default 4; sampler sources only). */
  repeats?: number;
}

export interface ImageFloors extends ImageMetrics {
  /** How many batches of exact samples were averaged. */
  batches: number;
}

/** The random stream the floors draw from, apart from any stream the trainer uses. */
const FLOOR_STREAM = 0xf1007;

// Floors are cached per (target, source, count, seed, repeats); the weak maps let targets and samplers be collected.
const cache = new WeakMap<ImageTarget, WeakMap<object, Map<string, ImageFloors>>>();

/**
 * The floors of js64 and oos: each metric's mean over batches of `count` EXACT samples from the
 * true density, i.e. what a perfect generator scores with that many samples (finite-sample noise
 * alone). `source` is either a sampler (the density module's Target), drawn from with a fixed
 * seed, or precomputed exact samples, split into as many disjoint batches of `count` as they
 * hold (at least one). Cached, so asking again for the same target, source and count is free.
 */
export function imageMetricFloors(
  target: ImageTarget,
  count: number,
  source: ExactSampler | Points,
  options: FloorOptions = {},
): ImageFloors {
  validatePositiveInteger(count, 'floor sample count');
  const seed = options.seed ?? 0;
  const repeats = options.repeats ?? 4;
  validatePositiveInteger(repeats, 'floor repeats');
  if (!Number.isInteger(seed)) throw new UserError(`floor seed: must be an integer (got ${seed})`);

  let bySource = cache.get(target);
  if (!bySource) cache.set(target, (bySource = new WeakMap()));
  let byKey = bySource.get(source);
  if (!byKey) bySource.set(source, (byKey = new Map()));
  const key = `${count}/${seed}/${repeats}`;
  const cached = byKey.get(key);
  if (cached) return cached;

  const floors = isSampler(source)
    ? floorsFromSampler(target, count, source, seed, repeats)
    : floorsFromSamples(target, count, source);
  byKey.set(key, floors);
  return floors;
}

function floorsFromSampler(target: ImageTarget, count: number, sampler: ExactSampler, seed: number, repeats: number): ImageFloors {
  const rng = new Rng(seed, FLOOR_STREAM);
  const batches: ImageMetrics[] = [];
  const samples = new Float32Array(2 * count);
  for (let r = 0; r < repeats; r++) {
    samples.fill(NaN); // a sampler that writes too little is then refused, not silently averaged
    sampler.sample(count, rng, samples, 0);
    validatePoints(samples, 'exact sampler output');
    batches.push(imageMetrics(samples, target));
  }
  return average(batches);
}

function floorsFromSamples(target: ImageTarget, count: number, samples: Points): ImageFloors {
  const available = Math.floor(samples.length / (2 * count));
  if (available < 1) {
    throw new UserError(`exact samples: ${Math.floor(samples.length / 2)} points, fewer than the ${count} a floor needs`);
  }
  const batches: ImageMetrics[] = [];
  for (let b = 0; b < available; b++) {
    batches.push(imageMetrics(samples.subarray(2 * count * b, 2 * count * (b + 1)), target));
  }
  return average(batches);
}

function isSampler(source: ExactSampler | Points): source is ExactSampler {
  return typeof (source as Partial<ExactSampler>).sample === 'function';
}

function average(batches: ImageMetrics[]): ImageFloors {
  let js = 0;
  let out = 0;
  for (const b of batches) {
    js += b.js64;
    out += b.oos;
  }
  return Object.freeze({ js64: js / batches.length, oos: out / batches.length, batches: batches.length });
}
