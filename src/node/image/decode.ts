import { readFile, stat } from 'node:fs/promises';
import type { Image } from '@napi-rs/canvas';
import { UserError } from '../../core/errors.js';
import { describeFileError } from '../files.js';
import { MAX_GRID_SIDE } from '../../core/density/grid-sampler.js';
import type { DensityGrid } from '../../core/density/grid.js';
import { luminanceGrid } from '../../core/density/luminance.js';
import { readPictureHeader, type PictureFormat } from './header.js';
import { plainPngPixels } from './plain-png.js';

/** Pictures above this many pixels are downscaled (4096 x 4096). */
export const DEFAULT_MAX_PIXELS = 4096 * 4096;
/** Pictures above this many pixels are refused before decoding: they would not fit in memory. */
const HARD_MAX_PIXELS = 400_000_000;

export interface DecodeOptions {
  /** Downscale (keeping the aspect ratio) above this many pixels; default 4096². */
  maxPixels?: number;
  /** Told, in one line, when the picture was downscaled. */
  onNotice?: (message: string) => void;
  /** Decode with the canvas library even a PNG that plain-png.ts decodes (to compare the two). */
  canvasOnly?: boolean;
}

export interface DecodedPicture {
  /** Luminance times alpha in [0, 1], row 0 at the top. */
  readonly grid: DensityGrid;
  readonly format: PictureFormat;
  /** The file's own size; differs from the grid's when it was downscaled. */
  readonly fileWidth: number;
  readonly fileHeight: number;
}

/**
 * Reads a picture file (PNG, JPEG, WebP, or a GIF's first frame) into a density grid
 * (luminanceGrid: Rec. 709 luma times alpha, a gray level g giving density g / 255 exactly).
 * Every failure is a one-line UserError naming the file.
 */
export async function decodePicture(path: string, options: DecodeOptions = {}): Promise<DecodedPicture> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const bytes = await readPictureBytes(path);
  const header = readPictureHeader(bytes);
  if (!header) throw new UserError(`picture ${path}: not a picture we can read (expected PNG, JPEG, WebP or GIF)`);
  if (header.width === 0 || header.height === 0) {
    throw new UserError(`picture ${path}: the ${header.format} is zero-sized (${header.width}x${header.height} pixels)`);
  }
  if (header.width !== null && header.height !== null && header.width * header.height > HARD_MAX_PIXELS) {
    throw new UserError(`picture ${path}: ${header.width}x${header.height} pixels is too large to decode (limit ${HARD_MAX_PIXELS / 1e6} Mpx)`);
  }

  if (options.canvasOnly !== true && header.format === 'PNG' && header.width !== null && header.height !== null && gridScale(header.width, header.height, maxPixels) === 1) {
    // Most pictures: decoded without loading the canvas library (plain-png.ts), the same bytes.
    const plain = plainPngPixels(bytes);
    if (plain !== null) {
      const { width, height, rgba } = plain;
      return { grid: luminanceGrid(rgba, width, height), format: header.format, fileWidth: width, fileHeight: height };
    }
  }
  // Imported here: loading the canvas library is most of a short command's start-up.
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let image: Image;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new UserError(`picture ${path}: cannot decode this ${header.format} file (corrupt or truncated)`);
  }
  const fileWidth = image.width;
  const fileHeight = image.height;
  if (!(fileWidth > 0 && fileHeight > 0)) throw new UserError(`picture ${path}: the ${header.format} is zero-sized (${fileWidth}x${fileHeight} pixels)`);

  const scale = gridScale(fileWidth, fileHeight, maxPixels);
  const width = Math.max(1, Math.floor(fileWidth * scale));
  const height = Math.max(1, Math.floor(fileHeight * scale));
  if (width !== fileWidth || height !== fileHeight) {
    options.onNotice?.(
      `picture ${path}: ${fileWidth}x${fileHeight} is over the limit of ${(maxPixels / 1e6).toFixed(1)} Mpx; downscaled to ${width}x${height}`,
    );
  }
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  try {
    context.drawImage(image, 0, 0, width, height);
  } catch {
    throw new UserError(`picture ${path}: cannot decode this ${header.format} file (corrupt or truncated)`);
  }
  const rgba = context.getImageData(0, 0, width, height).data;
  return { grid: luminanceGrid(rgba, width, height), format: header.format, fileWidth, fileHeight };
}

/** The grid's size over the file's: 1, or less when the picture is over maxPixels or the grid's largest side. */
function gridScale(width: number, height: number, maxPixels: number): number {
  return Math.min(1, Math.sqrt(maxPixels / (width * height)), MAX_GRID_SIDE / Math.max(width, height));
}

async function readPictureBytes(path: string): Promise<Uint8Array> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (error) {
    throw new UserError(`picture ${path}: ${describeFileError(error)}`);
  }
  if (!isFile) throw new UserError(`picture ${path}: is a folder or special file, expected a picture file`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(`picture ${path}: ${describeFileError(error)}`);
  }
  if (bytes.length === 0) throw new UserError(`picture ${path}: the file is empty`);
  return bytes;
}
