/**
 * Writing samples to a file, the format chosen by its extension: `.csv` (x,y[,condition] rows,
 * shortest float32 decimals) or `.npy` (float32, shape (n, 2) or (n, 3) with the condition).
 * What `gan2d sample`, `gan2d generate` and `gan2d train --export-samples` write. Atomic, as
 * every gan2d file.
 */
import { extname } from 'node:path';
import type { SamplesBlock } from '../../core/samples/block.js';
import { encodeSamplesCsv } from '../../core/samples/csv.js';
import { encodeSamplesNpy } from '../../core/samples/npy.js';
import { writeFileAtomicChunks } from '../files.js';

export const SAMPLES_EXTENSIONS = ['.csv', '.npy'] as const;
export type SamplesExtension = (typeof SAMPLES_EXTENSIONS)[number];

/** The samples format a file name asks for, or undefined for another extension. */
export function samplesExtension(path: string): SamplesExtension | undefined {
  const extension = extname(path).toLowerCase();
  return SAMPLES_EXTENSIONS.find((known) => known === extension);
}

/**
 * Writes `rows` points given block by block (each block is written before the next is asked
 * for, so a producer may reuse its memory), with a condition column when `conditional`.
 * The caller has checked the extension (samplesExtension).
 */
export function writeSampleBlocks(path: string, rows: number, conditional: boolean, blocks: Iterable<SamplesBlock>): void {
  const extension = samplesExtension(path);
  if (extension === undefined) throw new RangeError(`writeSampleBlocks: ${path} is not a .csv or .npy file name`);
  writeFileAtomicChunks(path, (write) => {
    if (extension === '.csv') encodeSamplesCsv(blocks, conditional, write);
    else encodeSamplesNpy(rows, blocks, conditional, write);
  });
}

/** Writes points (interleaved x, y) and, for a conditional run, each point's condition index. */
export function writeSamples(path: string, points: Float32Array, conditions?: ArrayLike<number>): void {
  writeSampleBlocks(path, points.length >> 1, conditions !== undefined, [{ points, conditions }]);
}
