/**
 * A resumed run's training.gif: the interrupted run's first frames (those up to the
 * checkpoint) followed by the frames drawn after resuming. Both animations come from
 * the same writer with the same size and palette, so their headers are byte-identical
 * and the frames can be joined by walking the GIF block structure (GIF89a spec):
 * header, logical screen descriptor, global colour table, then extension blocks (0x21)
 * and images (0x2C) until the trailer (0x3B).
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../files.js';

const EXTENSION = 0x21;
const IMAGE = 0x2c;
const TRAILER = 0x3b;
const GRAPHIC_CONTROL = 0xf9;

interface GifLayout {
  /** Bytes of header + screen descriptor + global colour table. */
  screenEnd: number;
  /** Where each frame starts (its graphic control extension, or the image when it has none) and ends. */
  frames: { start: number; end: number }[];
  /** Where the first frame starts: what lies before it is the shared preamble. */
  bodyStart: number;
}

/** Skips data sub-blocks (size byte, data) up to and including the zero-size terminator. */
function skipSubBlocks(bytes: Uint8Array, at: number): number {
  let position = at;
  while (position < bytes.length) {
    const size = bytes[position];
    position += 1 + size;
    if (size === 0) return position;
  }
  throw new RangeError('truncated GIF data');
}

function colourTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0;
}

/** The GIF's frames, or null when the bytes are not a whole GIF. */
function layoutOf(bytes: Uint8Array): GifLayout | null {
  try {
    const signature = String.fromCharCode(...bytes.subarray(0, 6));
    if (signature !== 'GIF89a' && signature !== 'GIF87a') return null;
    const screenEnd = 13 + colourTableBytes(bytes[10]);
    const frames: { start: number; end: number }[] = [];
    let position = screenEnd;
    let frameStart = -1;
    while (position < bytes.length) {
      const block = bytes[position];
      if (block === TRAILER) {
        const bodyStart = frames.length > 0 ? frames[0].start : position;
        return { screenEnd, frames, bodyStart };
      }
      if (block === EXTENSION) {
        if (bytes[position + 1] === GRAPHIC_CONTROL && frameStart < 0) frameStart = position;
        position = skipSubBlocks(bytes, position + 2);
      } else if (block === IMAGE) {
        const start = frameStart >= 0 ? frameStart : position;
        position += 10 + colourTableBytes(bytes[position + 9]);
        position = skipSubBlocks(bytes, position + 1); // after the LZW minimum code size
        frames.push({ start, end: position });
        frameStart = -1;
      } else {
        return null;
      }
    }
    return null; // no trailer
  } catch {
    return null;
  }
}

/**
 * The first `keepFrames` frames of `earlier` followed by every frame of `later`, as one GIF.
 * Null when either is not a whole GIF, `earlier` has fewer frames, or the two differ in
 * size, palette or preamble (then the caller keeps `later` alone).
 */
export function spliceGif(earlier: Uint8Array, keepFrames: number, later: Uint8Array): Uint8Array | null {
  const a = layoutOf(earlier);
  const b = layoutOf(later);
  if (a === null || b === null || a.frames.length < keepFrames) return null;
  if (a.bodyStart !== b.bodyStart) return null;
  for (let i = 0; i < a.bodyStart; i++) if (earlier[i] !== later[i]) return null;
  const keptEnd = keepFrames === 0 ? a.bodyStart : a.frames[keepFrames - 1].end;
  const laterBody = later.subarray(b.bodyStart, b.frames.length > 0 ? b.frames[b.frames.length - 1].end : b.bodyStart);
  const out = new Uint8Array(keptEnd + laterBody.length + 1);
  out.set(earlier.subarray(0, keptEnd), 0);
  out.set(laterBody, keptEnd);
  out[out.length - 1] = TRAILER;
  return out;
}

/**
 * A resumed run's animation, written at `partPath`, joined after the earlier run's first
 * `keepFrames` frames into `gifPath`. When the two cannot be joined the new frames alone
 * become training.gif and false is returned.
 */
export function joinResumedGif(earlier: Uint8Array, keepFrames: number, partPath: string, gifPath: string): boolean {
  const later = readFileSync(partPath);
  const joined = spliceGif(earlier, keepFrames, later);
  writeFileAtomic(gifPath, joined ?? later);
  rmSync(partPath, { force: true });
  return joined !== null;
}
