/**
 * Writes an animated GIF to a file frame by frame: each frame is compressed as it comes
 * and appended to a temporary file beside the target, which `finish` renames into place
 * (so the target is either absent, an older complete file, or the new complete file).
 * Only the current frame's pixels are ever held in memory.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Rgb } from '../../core/render/colors.js';
import { trainingPalette } from '../../core/render/gif-palette.js';
import { GifFrameStream } from '../../core/render/gif-stream.js';

export interface GifWriterOptions {
  /** How long each frame shows; GIF stores hundredths of a second. Default 100. */
  delayMs?: number;
  /** The fixed palette; default gan2d's training palette (every colour the renderer draws). */
  palette?: readonly Rgb[];
  /** 0 (default) loops forever, -1 plays once. */
  repeat?: number;
}

export class GifWriter {
  readonly path: string;
  private readonly tempPath: string;
  private readonly stream: GifFrameStream;
  private file: number | null;
  private state: 'open' | 'finished' | 'aborted' = 'open';

  constructor(path: string, width: number, height: number, options: GifWriterOptions = {}) {
    this.path = path;
    this.stream = new GifFrameStream(width, height, {
      palette: options.palette ?? trainingPalette(),
      delayMs: options.delayMs ?? 100,
      repeat: options.repeat,
    });
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.file = openSync(this.tempPath, 'w');
  }

  get frameCount(): number {
    return this.stream.frameCount;
  }

  /** Appends one frame: RGBA bytes of exactly width × height pixels, row 0 at the top. */
  addFrame(rgba: Uint8Array | Uint8ClampedArray): void {
    const file = this.openFile('addFrame');
    try {
      writeAll(file, this.stream.encodeFrame(rgba));
    } catch (error) {
      this.abort();
      throw error;
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
      this.abort();
      throw error;
    }
  }

  /** Drops the partial animation: the temporary file is removed, the target left untouched. Safe to call twice. */
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
    rmSync(this.tempPath, { force: true });
  }

  private openFile(action: string): number {
    if (this.state !== 'open' || this.file === null) throw new Error(`GifWriter.${action}: ${this.path} is already ${this.state}`);
    return this.file;
  }
}

function writeAll(file: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(file, bytes, written, bytes.length - written);
}
