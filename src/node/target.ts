import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { buildAliasTable, type AliasTable } from '../core/density/alias-table.js';
import { BUILTIN_PREFIX, builtinNames, builtinPartTargets, builtinTarget, isBuiltinName } from '../core/density/builtins.js';
import { decodeDrawnDensity, DRAWN_PREFIX } from '../core/density/drawn-density-codec.js';
import { gridMass } from '../core/density/grid.js';
import { pictureNames, PICTURES } from '../core/density/pictures.js';
import { pictureTarget, targetMass, type Target } from '../core/density/target.js';
import { UserError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
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

/** One condition of a conditional target: one picture. */
export interface Condition {
  /** The file name without its extension (or the part number of a built-in). */
  readonly name: string;
  readonly target: Target;
  /** The picture's mass: the integral of its density (luminance in [0,1]) over the unit square. */
  readonly mass: number;
  /** mass / the sum of all conditions' masses. */
  readonly share: number;
}

export interface ConditionalTarget {
  readonly name: string;
  /** In sorted file-name order (numbers compared as numbers: 2.png before 10.png). */
  readonly conditions: readonly Condition[];
  /**
   * n exact samples of the joint: each sample's condition drawn with probability `share`,
   * then a point from that condition. Points go to out (interleaved x, y), condition indices
   * to `labels`. When the pictures are parts of one whole, the points follow the whole.
   */
  sample(n: number, rng: Rng, out: Float32Array, labels: Int32Array): void;
}

const PICTURE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif']);

/**
 * A folder of pictures (one condition each, sorted by file name) or 'builtin:NAME' for a
 * built-in picture's parts. Every picture must have mass.
 */
export async function loadConditionalTarget(spec: string, options: LoadTargetOptions = {}): Promise<ConditionalTarget> {
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
  const masses = parts.map(({ target }) => targetMass(target));
  const total = masses.reduce((a, b) => a + b, 0);
  const conditions = parts.map((p, i) => ({ ...p, mass: masses[i], share: masses[i] / total }));
  const table = buildAliasTable(masses);
  return { name: spec, conditions, sample: (n, rng, out, labels) => sampleJoint(conditions, table, n, rng, out, labels) };
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

function sampleJoint(
  conditions: readonly Condition[],
  table: AliasTable,
  n: number,
  rng: Rng,
  out: Float32Array,
  labels: Int32Array,
): void {
  if (out.length < 2 * n || labels.length < n) throw new RangeError('ConditionalTarget.sample: out or labels is too small');
  const slotShift = 32 - table.slotBits;
  const coinShift = 32 - table.thresholdBits;
  const counts = new Int32Array(conditions.length);
  for (let i = 0; i < n; i++) {
    const s = 3 * (rng.nextUint32() >>> slotShift);
    const c = rng.nextUint32() >>> coinShift < table.entries[s] ? table.entries[s + 1] : table.entries[s + 2];
    labels[i] = c;
    counts[c]++;
  }
  // Sample each condition's points in one block, then scatter them to their rows.
  for (let c = 0; c < conditions.length; c++) {
    if (counts[c] === 0) continue;
    const block = new Float32Array(2 * counts[c]);
    conditions[c].target.sample(counts[c], rng, block);
    for (let i = 0, k = 0; i < n; i++) {
      if (labels[i] !== c) continue;
      out[2 * i] = block[2 * k];
      out[2 * i + 1] = block[2 * k + 1];
      k++;
    }
  }
}
