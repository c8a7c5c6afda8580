/**
 * A page data source as the trainer's target: one density, or one picture per condition
 * with its mass (the batch is split in proportion to it). Runs in the workers.
 */
import { builtinPartTargets, builtinTarget } from '../core/density/builtins.js';
import { pictureTarget, targetMass, type Target } from '../core/density/target.js';
import type { ConditionalSource, TrainingTarget } from '../core/model/target.js';
import type { DataSource } from './data-source.js';

function conditional(name: string, parts: { name: string; target: Target }[]): ConditionalSource {
  return {
    name,
    conditions: parts.map((part) => ({ name: part.name, target: part.target, mass: targetMass(part.target) })),
  };
}

function conditionName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

export function buildTrainingTarget(data: DataSource): TrainingTarget {
  switch (data.kind) {
    case 'builtin': {
      if (!data.conditional) return builtinTarget(data.name);
      const parts = builtinPartTargets(data.name);
      // Named as `gan2d train builtin:NAME --conditional` names them, so checkpoints match.
      return conditional(`builtin:${data.name}`, parts.map((target, i) => ({ name: String(i), target })));
    }
    case 'drawn':
      return pictureTarget('drawn', data.grid);
    case 'pictures': {
      if (data.grids.length === 1) return pictureTarget(data.names[0], data.grids[0]);
      // A folder's pictures are conditions named by file name without extension, as in the CLI.
      return conditional('pictures', data.grids.map((grid, i) => ({ name: conditionName(data.names[i]), target: pictureTarget(data.names[i], grid) })));
    }
  }
}
