/**
 * An animated GIF built frame by frame as byte chunks, with one fixed global palette.
 * Each `encodeFrame` returns only that frame's compressed bytes (the first also carries
 * the header and palette), so a host can append them to a file or a Blob as they come
 * and never hold the whole animation uncompressed.
 */
import * as gifencModule from 'gifenc';
import type { GifStream } from 'gifenc';
import type { Rgb } from './colors.js';
import { PaletteIndexer } from './palette-indexer.js';

// Node hands gifenc's CommonJS exports over as the default import; bundlers use its ES build.
const createGifStream = gifencModule.GIFEncoder ?? gifencModule.default.GIFEncoder;

export interface GifStreamOptions {
  palette: readonly Rgb[];
  /** Time each frame stays on screen; GIF stores hundredths of a second. */
  delayMs: number;
  /** 0 (the default) loops forever; n > 0 plays n extra times; -1 plays once. */
  repeat?: number;
  /**
   * Frames already written (by an earlier stream of the same size and options) before the
   * first one this stream encodes: that frame then comes without the header, as any later
   * frame does, so the bytes continue the earlier ones. Default 0.
   */
  framesBefore?: number;
}

const TRAILER = new Uint8Array([0x3b]);

export class GifFrameStream {
  readonly width: number;
  readonly height: number;
  private readonly indexer: PaletteIndexer;
  private readonly paletteBytes: number[][];
  private readonly delayMs: number;
  private readonly repeat: number;
  private readonly gif: GifStream = createGifStream({ auto: false, initialCapacity: 1 << 16 });
  private readonly indices: Uint8Array;
  private frames = 0;

  constructor(width: number, height: number, options: GifStreamOptions) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
      throw new RangeError(`GifFrameStream: size must be whole pixels from 1 to 65535 (got ${width}×${height})`);
    }
    if (!(options.delayMs >= 0)) throw new RangeError(`GifFrameStream: delayMs must be >= 0 (got ${options.delayMs})`);
    this.width = width;
    this.height = height;
    this.indexer = new PaletteIndexer(options.palette);
    this.paletteBytes = options.palette.map((color) => [color[0], color[1], color[2]]);
    this.delayMs = options.delayMs;
    this.repeat = options.repeat ?? 0;
    this.indices = new Uint8Array(width * height);
    const before = options.framesBefore ?? 0;
    if (!Number.isInteger(before) || before < 0) throw new RangeError(`GifFrameStream: framesBefore must be a whole number >= 0 (got ${before})`);
    this.frames = before;
  }

  /**
   * What the file holds before its first frame: header, screen descriptor, global palette
   * and the loop extension. Two streams that agree here write frames that can follow each other.
   */
  preamble(): Uint8Array {
    const gif = createGifStream({ auto: false, initialCapacity: 1 << 12 });
    gif.writeHeader();
    gif.writeFrame(new Uint8Array(this.width * this.height), this.width, this.height, {
      first: true, palette: this.paletteBytes, delay: this.delayMs, repeat: this.repeat,
    });
    const bytes = gif.bytes();
    const tableBytes = bytes[10] & 0x80 ? 3 * 2 ** ((bytes[10] & 7) + 1) : 0;
    const loopBytes = this.repeat >= 0 ? 19 : 0; // NETSCAPE2.0 application extension
    return bytes.slice(0, 13 + tableBytes + loopBytes);
  }

  get frameCount(): number {
    return this.frames;
  }

  /** Compresses one RGBA frame of this stream's size; returns the bytes to append. */
  encodeFrame(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
    if (rgba.length !== this.width * this.height * 4) {
      throw new RangeError(`GifFrameStream: frame has ${rgba.length} bytes, expected ${this.width}×${this.height}×4`);
    }
    this.indexer.indexPixels(rgba, this.indices);
    const first = this.frames === 0;
    this.gif.reset();
    if (first) this.gif.writeHeader();
    this.gif.writeFrame(this.indices, this.width, this.height, {
      first,
      // Only the first frame carries the palette: later frames use it as the global table.
      palette: first ? this.paletteBytes : undefined,
      delay: this.delayMs,
      repeat: this.repeat,
    });
    this.frames++;
    return this.gif.bytes();
  }

  /** The closing byte of the file. */
  trailer(): Uint8Array {
    if (this.frames === 0) throw new Error('GifFrameStream: a GIF needs at least one frame');
    return TRAILER.slice();
  }
}
