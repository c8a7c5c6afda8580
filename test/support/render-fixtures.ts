// Synthetic points for the render tests and the demo script (no tests in this file).
import { Rng } from '../../src/core/rng.js';

/** `count` points spread uniformly over two discs (the seed demo's target): centres (0.3, 0.6) and (0.7, 0.35), radius 0.15. */
export function twoDiscs(count: number, seed = 1): Float32Array {
  const rng = new Rng(seed, 1);
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const [cx, cy] = i % 2 === 0 ? [0.3, 0.6] : [0.7, 0.35];
    const radius = 0.15 * Math.sqrt(rng.uniform());
    const angle = 2 * Math.PI * rng.uniform();
    points[2 * i] = cx + radius * Math.cos(angle);
    points[2 * i + 1] = cy + radius * Math.sin(angle);
  }
  return points;
}

/** `count` points from an isotropic Gaussian. */
export function gaussianBlob(count: number, centre: [number, number], sigma: number, seed = 2): Float32Array {
  const rng = new Rng(seed, 2);
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    points[2 * i] = centre[0] + sigma * rng.normal();
    points[2 * i + 1] = centre[1] + sigma * rng.normal();
  }
  return points;
}

/** The two-disc density as a picture-like raster (row 0 at the top), 1 inside the discs, 0 elsewhere. */
export function twoDiscRaster(size: number): { width: number; height: number; values: Float32Array } {
  const values = new Float32Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const x = (column + 0.5) / size;
      const y = 1 - (row + 0.5) / size;
      const inside = Math.hypot(x - 0.3, y - 0.6) < 0.15 || Math.hypot(x - 0.7, y - 0.35) < 0.15;
      values[row * size + column] = inside ? 1 : 0;
    }
  }
  return { width: size, height: size, values };
}

/** Decodes PNG (or JPEG, WebP) bytes back to RGBA pixels, through @napi-rs/canvas. */
export async function decodeImage(bytes: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
}

export function pixelAt(image: { width: number; data: Uint8ClampedArray }, x: number, y: number): [number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
}
