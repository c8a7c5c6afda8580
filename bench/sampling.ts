// Sampling throughput of the exact picture sampler on examples/binary.png, one core,
// against the seed demo's Python sampler (about 130,000 samples/s on this machine).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from '../src/core/density/target.js';
import { Rng } from '../src/core/rng.js';
import { loadTarget } from '../src/node/target.js';

const PYTHON_SEED_SAMPLES_PER_SECOND = 130_000;
const SAMPLES = 1_000_000;
const RUNS = 15;

/** The sampler's rate in points/s: the best of `runs` draws of `points` points into one array, in this process. */
export function bestSamplingRate(target: Target, points: number, runs: number): number {
  const out = new Float32Array(2 * points);
  const rng = new Rng(1);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    target.sample(points, rng, out);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return points / best;
}

export async function run(): Promise<void> {
  const picture = join(fileURLToPath(import.meta.url), '..', '..', '..', 'examples', 'binary.png');
  const target = await loadTarget(picture);
  const rate = bestSamplingRate(target, SAMPLES, RUNS);
  console.log(`sampling examples/binary.png (${target.raster.width}x${target.raster.height}): ${SAMPLES.toLocaleString('en-US')} samples, best of ${RUNS} runs, one core`);
  console.log(`  ${(rate / 1e6).toFixed(1)} million samples/s; ${(rate / PYTHON_SEED_SAMPLES_PER_SECOND).toFixed(0)}x the seed's Python sampler (130,000 samples/s)`);
}
