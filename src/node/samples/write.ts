/**
 * Writing samples to a file, the format chosen by its extension: `.csv` (x,y[,condition] rows,
 * shortest float32 decimals). What `gan2d sample`, `gan2d generate` and `gan2d train
 * --export-samples` write. Atomic, as every gan2d file.
 */
import { extname } from 'node:path';
import { encodeSamplesCsv } from '../../core/samples/csv.js';
import { writeFileAtomicChunks } from '../files.js';

export const SAMPLES_EXTENSIONS = ['.csv'] as const;
export type SamplesExtension = (typeof SAMPLES_EXTENSIONS)[number];

/** The samples format a file name asks for, or undefined for another extension. */
export function samplesExtension(path: string): SamplesExtension | undefined {
  const extension = extname(path).toLowerCase();
  return SAMPLES_EXTENSIONS.find((known) => known === extension);
}

/**
 * Writes points (interleaved x, y) and, for a conditional run, each point's condition index.
 * The caller has checked the extension (samplesExtension).
 */
export function writeSamples(path: string, points: Float32Array, conditions?: ArrayLike<number>): void {
  if (samplesExtension(path) === undefined) throw new RangeError(`writeSamples: ${path} is not a .csv file name`);
  writeFileAtomicChunks(path, (write) => encodeSamplesCsv(points, conditions, write));
}
