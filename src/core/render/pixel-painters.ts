/**
 * Painting straight into RGBA pixel buffers (ImageData): thousands of markers and whole
 * density rasters cost microseconds this way, where as many canvas path calls cost
 * milliseconds. Buffers are row-major RGBA with row 0 at the top, as ImageData has them.
 */
import type { Rgb } from './colors.js';

export interface PixelBuffer {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function fillPixels(buffer: PixelBuffer, color: Rgb): void {
  const word = new Uint8ClampedArray([color[0], color[1], color[2], 255]);
  const pixels = new Uint32Array(buffer.data.buffer, buffer.data.byteOffset, buffer.width * buffer.height);
  // The same four bytes viewed as one word: right on either byte order.
  pixels.fill(new Uint32Array(word.buffer)[0]);
}

function setPixel(buffer: PixelBuffer, x: number, y: number, color: Rgb): void {
  if (x < 0 || y < 0 || x >= buffer.width || y >= buffer.height) return;
  const i = (y * buffer.width + x) * 4;
  buffer.data[i] = color[0];
  buffer.data[i + 1] = color[1];
  buffer.data[i + 2] = color[2];
  buffer.data[i + 3] = 255;
}

/** An "×" centred on pixel (x, y), arms `arm` pixels long, one pixel thick. */
export function paintCross(buffer: PixelBuffer, x: number, y: number, arm: number, color: Rgb): void {
  setPixel(buffer, x, y, color);
  for (let k = 1; k <= arm; k++) {
    setPixel(buffer, x - k, y - k, color);
    setPixel(buffer, x + k, y - k, color);
    setPixel(buffer, x - k, y + k, color);
    setPixel(buffer, x + k, y + k, color);
  }
}

/** A round-ish dot covering pixel (x, y): a square of `side` pixels, corners cut once it is 4 or wider. */
export function paintDot(buffer: PixelBuffer, x: number, y: number, side: number, color: Rgb): void {
  const low = -Math.floor((side - 1) / 2);
  const high = low + side - 1;
  for (let dy = low; dy <= high; dy++) {
    for (let dx = low; dx <= high; dx++) {
      const corner = (dx === low || dx === high) && (dy === low || dy === high);
      if (corner && side >= 4) continue;
      setPixel(buffer, x + dx, y + dy, color);
    }
  }
}
