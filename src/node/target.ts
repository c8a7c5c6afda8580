import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BUILTIN_PREFIX, builtinNames, builtinPartTargets, builtinTarget, isBuiltinName } from '../core/density/builtins.js';
import { decodeDrawnDensity, DRAWN_PREFIX } from '../core/density/drawn-density-codec.js';
import { gridMass } from '../core/density/grid.js';
import { pictureNames, PICTURES } from '../core/density/pictures.js';
import { pictureTarget, targetMass, type Target } from '../core/density/target.js';
import { UserError } from '../core/errors.js';
import type { ConditionalSource } from '../core/model/target.js';
import type { DecodeOptions } from './image/decode.js';

export interface LoadTargetOptions extends DecodeOptions {
  /** Fill the unit square instead of keeping a picture's aspect ratio. */
  stretch?: boolean;
  /** Raster size for mixtures' drawing view (default 256). */
  rasterSize?: number;
}

/**
 * Resolves 'builtin:NAME', 'drawn:CODE' (a density drawn on the page, as its links and
 * checkpoints name it) or a picture path into a target that samples exactly.
 */
export async function loadTarget(spec: string, options: LoadTargetOptions = {}): Promise<Target> {
  if (spec.startsWith(BUILTIN_PREFIX)) {
    const name = spec.slice(BUILTIN_PREFIX.length);
    if (!isBuiltinName(name)) {
      throw new UserError(`unknown builtin "${name}": the known ones are ${builtinNames().map((n) => BUILTIN_PREFIX + n).join(', ')}`);
    }
    return builtinTarget(name, options);
  }
  if (spec.startsWith(DRAWN_PREFIX)) {
    const grid = decodeDrawnDensity(spec.slice(DRAWN_PREFIX.length));
    if (grid === null) throw new UserError(`${DRAWN_PREFIX}: the drawing's code is damaged (not one the page wrote)`);
    if (!(gridMass(grid) > 0)) throw new UserError(`${DRAWN_PREFIX}: the drawing has no mass (nothing was drawn)`);
    return pictureTarget(spec, grid, options);
  }
  // Imported here: the decoder loads the canvas library, which built-ins do not need.
  const { decodePicture } = await import('./image/decode.js');
  const { grid } = await decodePicture(spec, options);
  if (!(gridMass(grid) > 0)) throw new UserError(`picture ${spec}: has no mass (every pixel is black or transparent)`);
  return pictureTarget(spec, grid, options);
}

const PICTURE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif']);

/**
 * A folder of pictures or 'builtin:NAME' for a built-in picture's parts, one condition each:
 * a folder's in sorted file-name order (numbers compared as numbers: 2.png before 10.png),
 * named by the file name without its extension (a part by its number). A condition's mass
 * is its picture's (targetMass). Every picture must have mass.
 */
export async function loadConditionalTarget(spec: string, options: LoadTargetOptions = {}): Promise<ConditionalSource> {
  const parts: { name: string; target: Target }[] = [];
  if (spec.startsWith(BUILTIN_PREFIX)) {
    const name = spec.slice(BUILTIN_PREFIX.length);
    if (!Object.hasOwn(PICTURES, name)) {
      throw new UserError(`unknown builtin picture "${name}": the known ones are ${pictureNames().map((n) => BUILTIN_PREFIX + n).join(', ')}`);
    }
    builtinPartTargets(name, options).forEach((target, i) => parts.push({ name: String(i), target }));
  } else {
    for (const file of await listPictures(spec)) {
      parts.push({ name: basename(file, extname(file)), target: await loadTarget(join(spec, file), options) });
    }
  }
  return { name: spec, conditions: parts.map((part) => ({ ...part, mass: targetMass(part.target) })) };
}

async function listPictures(folder: string): Promise<string[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch {
    throw new UserError(`folder ${folder}: no such folder`);
  }
  if (!isFolder) throw new UserError(`folder ${folder}: is a file, expected a folder of pictures (one per condition)`);
  const files = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && PICTURE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (files.length === 0) throw new UserError(`folder ${folder}: holds no pictures (.png, .jpg, .jpeg, .webp, .gif)`);
  return files;
}
