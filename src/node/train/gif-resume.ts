/**
 * Where a resumed run's training.gif continues from. While a run trains, its frames go
 * into the part file (RunFiles.gifPart), and every checkpoint is written only once the
 * frames it counts are in that file. So however the run ended — a kill, a crash, a
 * Ctrl-C (which moves the part file to training.gif) — the part file or training.gif
 * starts with the checkpoint's frames. Resuming keeps exactly those and appends after
 * them; the frames drawn after the checkpoint are dropped and drawn again, as training
 * from the checkpoint repeats bit for bit.
 *
 * Frames are found by walking the GIF block structure (GIF89a spec): after the preamble
 * (header, logical screen descriptor, global colour table, loop extension) each frame is a
 * graphic control extension (0x21 0xF9) and an image (0x2C), which ends with its data
 * sub-blocks. Any other block means the file is not one our writer continues.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files.js';
import type { RunFiles } from './run-folder.js';

const EXTENSION = 0x21;
const GRAPHIC_CONTROL = 0xf9;
const IMAGE = 0x2c;

/** Skips data sub-blocks (size byte, data) up to and including the zero-size terminator; null when the bytes end first. */
function skipSubBlocks(bytes: Uint8Array, at: number): number | null {
  let position = at;
  while (position < bytes.length) {
    const size = bytes[position];
    position += 1 + size;
    if (size === 0) return position;
  }
  return null;
}

function colourTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0;
}

/**
 * The length of `preamble` and the first `frames` whole frames at the start of `bytes`: a
 * finished GIF, or one still being written (no trailer, its last frame perhaps cut short).
 * Null when `bytes` does not start with `preamble` or holds fewer whole frames.
 */
export function gifFramesEnd(bytes: Uint8Array, preamble: Uint8Array, frames: number): number | null {
  if (bytes.length < preamble.length) return null;
  for (let i = 0; i < preamble.length; i++) if (bytes[i] !== preamble[i]) return null;
  let position: number | null = preamble.length;
  for (let count = 0; count < frames;) {
    if (position >= bytes.length) return null;
    const block = bytes[position];
    if (block === EXTENSION && bytes[position + 1] === GRAPHIC_CONTROL) {
      position = skipSubBlocks(bytes, position + 2);
    } else if (block === IMAGE) {
      if (position + 10 > bytes.length) return null;
      position = skipSubBlocks(bytes, position + 10 + colourTableBytes(bytes[position + 9]) + 1); // after the LZW minimum code size
      count++;
    } else {
      return null; // the trailer, or a block our writer does not write
    }
    if (position === null) return null;
  }
  return position;
}

/** Where the GIF writer continues: the part file's first `bytes` bytes hold the preamble and `frames` frames. */
export interface GifContinuation {
  frames: number;
  bytes: number;
}

function readOptional(path: string): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * Finds a resumed run's first `frames` frames, in the part file, else in training.gif (a
 * run stopped by Ctrl-C or finished, resumed to go further), and makes sure the part file
 * starts with them: training.gif's are copied there. Null when neither holds them (the
 * resumed run's animation then starts afresh).
 */
export function continueGif(files: Pick<RunFiles, 'gif' | 'gifPart'>, frames: number, preamble: Uint8Array): GifContinuation | null {
  if (frames === 0) return null;
  const part = readOptional(files.gifPart);
  const inPart = part === null ? null : gifFramesEnd(part, preamble, frames);
  if (inPart !== null) return { frames, bytes: inPart }; // the writer cuts off what follows
  const gif = readOptional(files.gif);
  const inGif = gif === null ? null : gifFramesEnd(gif, preamble, frames);
  if (gif === null || inGif === null) return null;
  writeFileAtomic(files.gifPart, gif.subarray(0, inGif));
  return { frames, bytes: inGif };
}
