/**
 * RGBA pixels to indices of a fixed palette (nearest colour, Euclidean RGB).
 *
 * Frames are drawn from a small set of colours, so a lookup keyed by the colour's top
 * 6 bits per channel (2^18 cells) is filled lazily and kept across frames: after the
 * first frame nearly every pixel is one table read. Each palette colour is entered for
 * its own cell first, so colours drawn straight from the palette map back exactly; a cell
 * that holds two palette colours (e.g. two close greys) is answered pixel by pixel instead.
 */
import type { Rgb } from './colors.js';

const BITS = 6;
const SHIFT = 8 - BITS;
const UNKNOWN = -1;
/** A cell holding more than one palette colour: decided by the exact colour. */
const SHARED = -2;

export class PaletteIndexer {
  readonly palette: readonly Rgb[];
  private readonly lookup = new Int16Array(1 << (3 * BITS)).fill(UNKNOWN);
  /** Answers for exact colours (0xRRGGBB) inside shared cells. */
  private readonly exact = new Map<number, number>();

  constructor(palette: readonly Rgb[]) {
    if (palette.length === 0 || palette.length > 256) {
      throw new RangeError(`PaletteIndexer: a palette has 1 to 256 colours (got ${palette.length})`);
    }
    this.palette = palette;
    palette.forEach((color, index) => {
      const cell = cellOf(color[0], color[1], color[2]);
      this.lookup[cell] = this.lookup[cell] === UNKNOWN ? index : SHARED;
    });
  }

  /** One palette index per pixel; alpha is ignored (frames are opaque). */
  indexPixels(rgba: Uint8Array | Uint8ClampedArray, out: Uint8Array = new Uint8Array(rgba.length >> 2)): Uint8Array {
    if (out.length !== rgba.length >> 2) throw new RangeError('PaletteIndexer: output length differs from pixel count');
    const lookup = this.lookup;
    // Frames are mostly runs of one colour (white page, flat density): compare whole pixels as words and reuse the last answer.
    const aligned = rgba.byteOffset % 4 === 0;
    const words = aligned ? new Uint32Array(rgba.buffer, rgba.byteOffset, out.length) : null;
    let lastWord = -1;
    let lastIndex = 0;
    for (let pixel = 0, byte = 0; pixel < out.length; pixel++, byte += 4) {
      if (words) {
        const word = words[pixel];
        if (word === lastWord) {
          out[pixel] = lastIndex;
          continue;
        }
        lastWord = word;
      }
      const cell = cellOf(rgba[byte], rgba[byte + 1], rgba[byte + 2]);
      let index = lookup[cell];
      if (index === UNKNOWN) {
        index = this.nearestToCell(cell);
        lookup[cell] = index;
      } else if (index === SHARED) {
        index = this.nearestExact(rgba[byte], rgba[byte + 1], rgba[byte + 2]);
      }
      out[pixel] = lastIndex = index;
    }
    return out;
  }

  private nearestExact(red: number, green: number, blue: number): number {
    const key = (red << 16) | (green << 8) | blue;
    let index = this.exact.get(key);
    if (index === undefined) {
      index = nearestIndex(this.palette, [red, green, blue]);
      this.exact.set(key, index);
    }
    return index;
  }

  /** The palette colour nearest to the centre of a lookup cell (the same answer in every frame). */
  private nearestToCell(cell: number): number {
    const half = 1 << (SHIFT - 1);
    const red = ((cell >> (2 * BITS)) << SHIFT) + half;
    const green = (((cell >> BITS) & ((1 << BITS) - 1)) << SHIFT) + half;
    const blue = ((cell & ((1 << BITS) - 1)) << SHIFT) + half;
    return nearestIndex(this.palette, [red, green, blue]);
  }
}

export function nearestIndex(palette: readonly Rgb[], color: Rgb): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < palette.length; i++) {
    const candidate = palette[i];
    const dr = candidate[0] - color[0];
    const dg = candidate[1] - color[1];
    const db = candidate[2] - color[2];
    const distance = dr * dr + dg * dg + db * db;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

function cellOf(red: number, green: number, blue: number): number {
  return ((red >> SHIFT) << (2 * BITS)) | ((green >> SHIFT) << BITS) | (blue >> SHIFT);
}
