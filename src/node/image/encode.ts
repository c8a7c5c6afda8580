import { crc32, deflateSync } from 'node:zlib';
import type { Canvas } from '@napi-rs/canvas';
import type { DensityGrid } from '../../core/density/grid.js';

/** PNG bytes of a canvas (RGBA, Skia's encoder). */
export async function encodeCanvasPng(canvas: Canvas): Promise<Uint8Array> {
  return canvas.encode('png');
}

/**
 * 8-bit levels of a density grid: value v -> round(255 v / scale), clamped to 0..255. With
 * `normalise` the scale is the grid's maximum (for drawing), otherwise 1 (for pictures in [0, 1]).
 */
export function gridToGray8(grid: DensityGrid, options: { normalise?: boolean } = {}): Uint8Array {
  let scale = 1;
  if (options.normalise) {
    scale = 0;
    for (const v of grid.values) if (v > scale) scale = v;
    if (scale === 0) scale = 1;
  }
  const gray = new Uint8Array(grid.values.length);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.max(0, Math.min(255, Math.round((255 * grid.values[i]) / scale)));
  return gray;
}

/**
 * An 8-bit grayscale PNG (colour type 0), written here rather than through the canvas, whose
 * encoder only writes RGBA: grayscale files are a quarter of the size, which matters for the
 * pictures committed to examples/.
 */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Uint8Array {
  if (gray.length !== width * height) throw new RangeError('encodeGrayPng: size does not match the pixels');
  // Each row is prefixed by its filter type; 'Up' (2) suits smooth pictures, 'None' (0) row 0.
  const raw = new Uint8Array(height * (width + 1));
  for (let row = 0; row < height; row++) {
    const at = row * (width + 1);
    raw[at] = row === 0 ? 0 : 2;
    for (let col = 0; col < width; col++) {
      const v = gray[row * width + col];
      raw[at + 1 + col] = row === 0 ? v : (v - gray[(row - 1) * width + col]) & 0xff;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, grayscale, deflate, adaptive filtering, no interlace
  return concat([
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** A PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
