/**
 * Writing samples to a file, the format chosen by its extension: `.csv` (x,y[,condition] rows,
 * shortest float32 decimals). What `gan2d sample`, `gan2d generate` and `gan2d train
 * --export-samples` write. Atomic, as every gan2d file.
 */
import { extname } from 'node:path';
import type { SamplesBlock } from '../../core/samples/block.js';
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
 * Writes points given block by block (each block is written before the next is asked for, so a
 * producer may reuse its memory), with a condition column when `conditional`.
 * The caller has checked the extension (samplesExtension).
 */
export function writeSampleBlocks(path: string, conditional: boolean, blocks: Iterable<SamplesBlock>): void {
  if (samplesExtension(path) === undefined) throw new RangeError(`writeSampleBlocks: ${path} is not a .csv file name`);
  writeFileAtomicChunks(path, (write) => encodeSamplesCsv(blocks, conditional, write));
}

/** Writes points (interleaved x, y) and, for a conditional run, each point's condition index. */
export function writeSamples(path: string, points: Float32Array, conditions?: ArrayLike<number>): void {
  writeSampleBlocks(path, conditions !== undefined, [{ points, conditions }]);
}
