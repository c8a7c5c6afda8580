import type { Rng } from '../rng.js';
import { GaussianMixture } from './gaussian-mixture.js';
import { GridSampler } from './grid-sampler.js';
import { UNIT_SQUARE, type Box } from './placement.js';
import { gridMass, type DensityGrid } from './grid.js';

/**
 * A distribution to learn: something that samples exactly, plus what a figure needs to draw
 * it. Pictures live in the unit square (y up); mixtures in their own coordinates.
 */
export interface Target {
  /** 'builtin:NAME' or the picture's path, for titles and logs. */
  readonly name: string;
  readonly kind: 'picture' | 'mixture';
  /** The square region figures show and metrics bin over: [0,1]² for pictures. */
  readonly bounds: Box;
  /**
   * A raster view (row 0 at the top, unnormalised): for pictures the very grid sampled,
   * for mixtures each pixel's exact probability mass.
   */
  readonly raster: DensityGrid;
  /** Where `raster` sits in sample coordinates (a centred sub-box for non-square pictures). */
  readonly rasterBox: Box;
  /** The mixture's centres and sigma, for the PacGAN mode metrics; null for pictures. */
  readonly mixture: GaussianMixture | null;
  /**
   * Writes n exact samples as interleaved (x, y) into out[offset .. offset + 2n). Calls continue
   * the rng's stream: n samples in one call are the same as n in several calls, in blocks.
   */
  sample(n: number, rng: Rng, out: Float32Array, offset?: number): void;
}

export function pictureTarget(name: string, grid: DensityGrid, options: { stretch?: boolean } = {}): Target {
  const sampler = new GridSampler(grid, options);
  return {
    name,
    kind: 'picture',
    bounds: UNIT_SQUARE,
    raster: grid,
    rasterBox: sampler.box,
    mixture: null,
    sample: (n, rng, out, offset = 0) => sampler.sample(n, rng, out, offset),
  };
}

export function mixtureTarget(name: string, mixture: GaussianMixture, bounds: Box, rasterSize = 256): Target {
  return {
    name,
    kind: 'mixture',
    bounds,
    raster: mixture.rasterize(bounds, rasterSize, rasterSize),
    rasterBox: bounds,
    mixture,
    sample: (n, rng, out, offset = 0) => mixture.sample(n, rng, out, offset),
  };
}

/**
 * A picture target's total mass in sample coordinates: the sum of its pixels times one
 * pixel's area, so pictures of different resolutions (or aspect ratios) that draw the same
 * shape weigh the same. A conditional run splits its batches in proportion to it.
 */
export function targetMass(target: Target): number {
  const { raster, rasterBox } = target;
  const pixelArea = ((rasterBox.xMax - rasterBox.xMin) / raster.width) * ((rasterBox.yMax - rasterBox.yMin) / raster.height);
  return gridMass(raster) * pixelArea;
}
