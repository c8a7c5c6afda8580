/**
 * `gan2d sample <picture|builtin:NAME> -n N -o out.png|out.csv|out.npy|out.json`: exact samples
 * of a target, as a figure (the density beside a scatter), a CSV (header x,y), a NumPy array
 * (float32, shape (n, 2)) or a JSON object {"target", "seed", "n", "x": [...], "y": [...]}. In
 * CSV and JSON, numbers are the shortest decimals that read back to the same float32.
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import type { Target } from '../core/density/target.js';
import { BLOCK_ROWS, type SamplesBlock } from '../core/samples/block.js';
import { formatFloat32 } from '../core/samples/float32-decimal.js';
import { assertOutputFolder, writeFileAtomic } from '../node/files.js';
import { writeSampleBlocks } from '../node/samples/write.js';
import { loadTarget } from '../node/target.js';

/** 50 million samples is 400 MB of float32 pairs: enough for any figure or test. */
const MAX_SAMPLES = 50_000_000;
const FORMATS = ['.png', '.csv', '.npy', '.json'] as const;
type Format = (typeof FORMATS)[number];

interface SampleOptions {
  n: string;
  output?: string;
  seed: string;
  stretch?: boolean;
}

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('draw exact samples from a picture density or a builtin (figure, CSV, NumPy .npy or JSON)')
    .argument('<target>', 'a picture (PNG, JPEG, WebP, GIF) or builtin:NAME (e.g. builtin:ring, builtin:binary)')
    .option('-n, --n <count>', 'number of samples', '10000')
    .option('-o, --output <file>', 'where to write: .png (figure), .csv (x,y), .npy (float32, shape (n, 2)) or .json ({"x":[...],"y":[...]})')
    .option('--seed <integer>', 'random seed', '1')
    .option('--stretch', 'fill the unit square instead of keeping the picture aspect ratio')
    .action(async (spec: string, options: SampleOptions) => runSample(spec, options));
}

async function runSample(spec: string, options: SampleOptions): Promise<void> {
  const n = parseCount(options.n);
  const seed = parseSeed(options.seed);
  if (!options.output) throw new UserError('option -o/--output is required (a .png, .csv, .npy or .json file)');
  const output = options.output;
  const format = outputFormat(output);
  assertOutputFolder(output);
  if (statSync(output, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`output ${output}: is a folder, expected a file name`);

  const target = await loadTarget(spec, {
    stretch: options.stretch === true,
    onNotice: (message) => process.stderr.write(`gan2d: ${message}\n`),
  });
  const rng = new Rng(seed);
  if (format === '.csv' || format === '.npy') {
    writeSampleBlocks(output, n, false, sampledBlocks(target, n, rng));
    return;
  }
  const samples = new Float32Array(2 * n);
  target.sample(n, rng, samples);

  if (format === '.png') {
    // Imported here: the figure needs the canvas library, which the data formats do not.
    const { encodeCanvasPng } = await import('../node/image/encode.js');
    const { drawSampleFigure } = await import('../node/image/sample-figure.js');
    const caption = `${n.toLocaleString('en-US')} samples, seed ${seed}`;
    writeFileAtomic(output, await encodeCanvasPng(drawSampleFigure({ target, samples, caption })));
  } else {
    writeFileAtomic(output, samplesJson(samples, { target: spec, seed, n }));
  }
}

/**
 * n samples, BLOCK_ROWS at a time in one reused array: the same points as one call for all n
 * (Target.sample continues the stream), without touching n points' worth of fresh memory.
 */
function* sampledBlocks(target: Target, n: number, rng: Rng): Generator<SamplesBlock> {
  const points = new Float32Array(2 * Math.min(n, BLOCK_ROWS));
  for (let done = 0; done < n; done += BLOCK_ROWS) {
    const rows = Math.min(BLOCK_ROWS, n - done);
    target.sample(rows, rng, points);
    yield { points: points.subarray(0, 2 * rows) };
  }
}

function parseCount(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1)) throw new UserError(`option -n: expected a positive integer, got "${text}"`);
  if (n > MAX_SAMPLES) throw new UserError(`option -n: ${n} is more than the limit of ${MAX_SAMPLES} samples`);
  return n;
}

function parseSeed(text: string): number {
  const seed = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(seed)) throw new UserError(`option --seed: expected a non-negative integer, got "${text}"`);
  return seed;
}

function outputFormat(path: string): Format {
  const extension = extname(path).toLowerCase();
  const format = FORMATS.find((f) => f === extension);
  if (!format) {
    throw new UserError(`output ${path}: unknown extension "${extension || '(none)'}" (use ${FORMATS.join(', ')})`);
  }
  return format;
}

function samplesJson(samples: Float32Array, meta: { target: string; seed: number; n: number }): string {
  const xs: string[] = [];
  const ys: string[] = [];
  for (let i = 0; i < samples.length; i += 2) {
    xs.push(formatFloat32(samples[i]));
    ys.push(formatFloat32(samples[i + 1]));
  }
  const head = `{"target":${JSON.stringify(meta.target)},"seed":${meta.seed},"n":${meta.n},`;
  return `${head}"x":[${xs.join(',')}],"y":[${ys.join(',')}]}\n`;
}
