/**
 * What the page trains on: a built-in density (its parts as conditions, when asked), a
 * density drawn on the pad, or uploaded pictures (several make a conditional GAN).
 * Plain data, so it crosses to the training worker with postMessage.
 */
import type { DensityGrid } from '../core/density/grid.js';

export type DataSource =
  | { kind: 'builtin'; name: string; conditional: boolean }
  | { kind: 'drawn'; grid: DensityGrid }
  | { kind: 'pictures'; names: string[]; grids: DensityGrid[] };

/** The first run: the ring, whose recommended settings capture its 8 modes in seconds. */
export const DEFAULT_DATA: DataSource = { kind: 'builtin', name: 'ring', conditional: false };

/** A short description for captions and status lines. */
export function describeSource(source: DataSource): string {
  switch (source.kind) {
    case 'builtin':
      return source.conditional ? `built-in ${source.name}, one condition per part` : `built-in ${source.name}`;
    case 'drawn':
      return 'your drawing';
    case 'pictures':
      return source.names.length === 1 ? source.names[0] : `${source.names.length} pictures, one condition each`;
  }
}

/**
 * The conditions' names as the page shows them: uploaded pictures by their file names, a
 * built-in's parts as "binary, part 1" (the run's own names, `names`, are what the CLI and
 * checkpoints use: file names without extension, or the parts' numbers).
 */
export function conditionLabels(source: DataSource, names: readonly string[]): string[] {
  if (source.kind === 'pictures' && source.names.length === names.length) return [...source.names];
  if (source.kind === 'builtin') return names.map((_, i) => `${source.name}, part ${i + 1}`);
  return [...names];
}
