/**
 * A drawn density in a few hundred URL-safe characters, so a link or a checkpoint's source
 * (`drawn:CODE`) carries it. The page's drawing pad paints on a DRAW_SIZE² grid of
 * DRAW_LEVELS + 1 grey levels, exactly what this codec stores, so a decoded link (or
 * `gan2d train drawn:CODE`) trains on the very grid that was drawn.
 *
 * Format: "1." then base64url of run-length pairs [level, run length - 1], row-major,
 * row 0 at the top (as every density grid).
 */
import { createGrid, type DensityGrid } from './grid.js';

/** How a drawn density is named as a source: `drawn:` then its code. */
export const DRAWN_PREFIX = 'drawn:';

export const DRAW_SIZE = 64;
/** Grey levels 0..DRAW_LEVELS; value = level / DRAW_LEVELS. */
export const DRAW_LEVELS = 15;
const VERSION = '1.';

export function quantiseLevel(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * DRAW_LEVELS);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Encodes a DRAW_SIZE² grid (values in [0, 1], quantised to the drawing levels). */
export function encodeDrawnDensity(grid: DensityGrid): string {
  if (grid.width !== DRAW_SIZE || grid.height !== DRAW_SIZE) {
    throw new RangeError(`encodeDrawnDensity: expected ${DRAW_SIZE}×${DRAW_SIZE}, got ${grid.width}×${grid.height}`);
  }
  const pairs: number[] = [];
  const values = grid.values;
  let i = 0;
  while (i < values.length) {
    const level = quantiseLevel(values[i]);
    let run = 1;
    while (i + run < values.length && run < 256 && quantiseLevel(values[i + run]) === level) run++;
    pairs.push(level, run - 1);
    i += run;
  }
  return VERSION + toBase64Url(Uint8Array.from(pairs));
}

/** The grid a link carries, or null when the text is not one this codec wrote. */
export function decodeDrawnDensity(text: string): DensityGrid | null {
  if (!text.startsWith(VERSION)) return null;
  const bytes = fromBase64Url(text.slice(VERSION.length));
  if (!bytes || bytes.length % 2 !== 0) return null;
  const grid = createGrid(DRAW_SIZE, DRAW_SIZE);
  let at = 0;
  for (let p = 0; p < bytes.length; p += 2) {
    const level = bytes[p];
    const run = bytes[p + 1] + 1;
    if (level > DRAW_LEVELS || at + run > grid.values.length) return null;
    grid.values.fill(level / DRAW_LEVELS, at, at + run);
    at += run;
  }
  return at === grid.values.length ? grid : null;
}
