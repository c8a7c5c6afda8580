/**
 * Pictures from the user's files as density grids, decoded by the browser: luminance in
 * [0, 1] (white = much mass), row 0 at the top; transparent pixels hold no mass. Large
 * pictures are scaled down so the worker and the metrics stay quick.
 */
import { gridMass, type DensityGrid } from '../core/density/grid.js';
import { luminanceGrid } from '../core/density/luminance.js';

/** The longest side a picture is trained at. */
export const MAX_PICTURE_SIDE = 256;

export class PictureError extends Error {}

async function decode(file: File): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file);
  } catch {
    throw new PictureError(`${file.name}: not a picture this browser can decode`);
  }
}

/** Draws a bitmap at width × height and reads its luminance. */
function toGrid(bitmap: ImageBitmap, width: number, height: number): DensityGrid {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new PictureError('this browser cannot read pictures');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  // The CLI's definition of a picture's density.
  return luminanceGrid(context.getImageData(0, 0, width, height).data, width, height);
}

/** The size a picture is trained at: its own, or scaled down to MAX_PICTURE_SIDE. */
function trainingSize(width: number, height: number): [number, number] {
  const scale = Math.min(1, MAX_PICTURE_SIDE / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

/**
 * Decodes pictures in sorted file-name order (the conditions' one-hot order). Pictures after
 * the first are resampled to its size, so all conditions share one grid.
 */
export async function decodePictures(files: File[]): Promise<{ names: string[]; grids: DensityGrid[] }> {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length === 0) throw new PictureError('no pictures were given');
  const names: string[] = [];
  const grids: DensityGrid[] = [];
  let size: [number, number] | null = null;
  for (const file of sorted) {
    if (file.type && !file.type.startsWith('image/')) throw new PictureError(`${file.name}: not a picture (${file.type})`);
    const bitmap = await decode(file);
    size ??= trainingSize(bitmap.width, bitmap.height);
    const grid = toGrid(bitmap, size[0], size[1]);
    bitmap.close();
    if (!(gridMass(grid) > 0)) throw new PictureError(`${file.name}: the picture is black everywhere, so it holds no mass to learn`);
    names.push(file.name);
    grids.push(grid);
  }
  return { names, grids };
}
