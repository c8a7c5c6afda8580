/**
 * Writes an animated GIF to a file frame by frame: each frame is compressed as it comes
 * and appended to a part file beside the target, which `finish` renames into place
 * (so the target is either absent, an older complete file, or the new complete file).
 * Only the current frame's pixels are ever held in memory.
 *
 * The part file is a temporary name of this process by default. Given a name of its own
 * (`partPath`), it outlives the process: every frame written is in it (a killed process
 * loses none it wrote), and a later writer can continue it (`continueAfter`).
 *
 * A write that fails (a full disk, a file-size limit) cuts the part file back to its last
 * whole frame and throws a WriteError naming the GIF: the part file never ends in half a frame.
 */
import { closeSync, ftruncateSync, openSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import type { Rgb } from '../../core/render/colors.js';
import { trainingPalette } from '../../core/render/gif-palette.js';
import { GifFrameStream } from '../../core/render/gif-stream.js';
import { asWriteError, temporaryPath } from '../files.js';

export interface GifWriterOptions {
  /** How long each frame shows; GIF stores hundredths of a second. Default 100. */
  delayMs?: number;
  /** The fixed palette; default gan2d's training palette (every colour the renderer draws). */
  palette?: readonly Rgb[];
  /** 0 (default) loops forever, -1 plays once. */
  repeat?: number;
  /**
   * Where the frames go until `finish`: a name that stays put, so another process can
   * continue the file. `abort` keeps it once it holds a frame. Default: a temporary name
   * of this process (`.training.gif.<pid>.<ms>.tmp`), removed by `abort`.
   */
  partPath?: string;
  /**
   * Continues `partPath`: its first `bytes` bytes are the preamble and `frames` whole
   * frames, written by a writer of the same size and options. What follows them (a frame
   * cut short) is cut off; new frames follow. Default: a new file.
   */
  continueAfter?: { frames: number; bytes: number };
}

export class GifWriter {
  readonly path: string;
  private readonly tempPath: string;
  private readonly keepPart: boolean;
  private readonly stream: GifFrameStream;
  private file: number | null;
  private state: 'open' | 'finished' | 'aborted' = 'open';
  /** Whole frames in the file (those continued after included), and its length in bytes. */
  private frames: number;
  private bytes: number;

  constructor(path: string, width: number, height: number, options: GifWriterOptions = {}) {
    this.path = path;
    this.stream = frameStream(width, height, options);
    this.keepPart = options.partPath !== undefined;
    this.tempPath = options.partPath ?? temporaryPath(path);
    this.frames = options.continueAfter?.frames ?? 0;
    this.bytes = options.continueAfter?.bytes ?? 0;
    try {
      if (options.continueAfter) {
        if (options.partPath === undefined) throw new RangeError('GifWriter: continueAfter needs a partPath');
        truncateSync(this.tempPath, options.continueAfter.bytes);
        this.file = openSync(this.tempPath, 'a');
      } else {
        this.file = openSync(this.tempPath, 'w');
      }
    } catch (error) {
      throw asWriteError(path, error);
    }
  }

  /** Whole frames in the file, those it was continued after included. */
  get frameCount(): number {
    return this.frames;
  }

  /** Appends one frame: RGBA bytes of exactly width × height pixels, row 0 at the top. */
  addFrame(rgba: Uint8Array | Uint8ClampedArray): void {
    const file = this.openFile('addFrame');
    try {
      const bytes = this.stream.encodeFrame(rgba);
      writeAll(file, bytes);
      this.bytes += bytes.length;
      this.frames++;
    } catch (error) {
      this.cutBack(file);
      this.abort();
      throw asWriteError(this.path, error);
    }
  }

  /** Closes the animation and moves it into place. A GIF needs at least one frame. */
  async finish(): Promise<void> {
    const file = this.openFile('finish');
    try {
      writeAll(file, this.stream.trailer());
      closeSync(file);
      this.file = null;
      renameSync(this.tempPath, this.path);
      this.state = 'finished';
    } catch (error) {
      if (this.file !== null) this.cutBack(file);
      this.abort();
      throw asWriteError(this.path, error);
    }
  }

  /** Cuts the file back to its last whole frame, after a write that failed part way. */
  private cutBack(file: number): void {
    try {
      ftruncateSync(file, this.bytes);
    } catch {
      // Shrinking a file does not need space; if even that fails, resuming still finds the whole frames and cuts off the rest.
    }
  }

  /**
   * Drops the partial animation, leaving the target untouched: the temporary file is
   * removed (a named part file is kept when it holds a frame). Safe to call twice.
   */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    if (this.file !== null) {
      try {
        closeSync(this.file);
      } catch {
        // Already closed or broken: removing the file below is what matters.
      }
      this.file = null;
    }
    if (!this.keepPart || this.frames === 0) rmSync(this.tempPath, { force: true });
  }

  private openFile(action: string): number {
    if (this.state !== 'open' || this.file === null) throw new Error(`GifWriter.${action}: ${this.path} is already ${this.state}`);
    return this.file;
  }
}

function frameStream(width: number, height: number, options: GifWriterOptions): GifFrameStream {
  return new GifFrameStream(width, height, {
    palette: options.palette ?? trainingPalette(),
    delayMs: options.delayMs ?? 100,
    repeat: options.repeat,
    framesBefore: options.continueAfter?.frames ?? 0,
  });
}

/** The bytes a GifWriter of this size and these options writes before its first frame: a file to continue must start with them. */
export function gifPreamble(width: number, height: number, options: GifWriterOptions = {}): Uint8Array {
  return frameStream(width, height, { ...options, continueAfter: undefined }).preamble();
}

function writeAll(file: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(file, bytes, written, bytes.length - written);
}
