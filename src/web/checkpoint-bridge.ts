/**
 * Between the page's state and the CLI's checkpoint.json: the options a checkpoint's
 * config amounts to, and the data its target names. Plain functions, tested in Node.
 */
import type { TrainConfig } from '../core/gan/config.js';
import type { FlowConfig, ModelName } from '../core/flow/config.js';
import { parseAnyCheckpoint, type AnyCheckpoint } from '../core/flow/checkpoint.js';
import type { TargetInfo } from '../core/model/target.js';
import { isBuiltinName } from '../core/density/builtins.js';
import { decodeDrawnDensity, DRAWN_PREFIX, encodeDrawnDensity } from '../core/density/drawn-density-codec.js';
import type { DataSource } from './data-source.js';
import { optionTable, resolveModelRun, type GivenOptions } from './model-options.js';
import { CLI_ONLY } from './presets.js';

/** The model a checkpoint's family trains (a version-1 file is a GAN's). */
export function modelOfCheckpoint(checkpoint: AnyCheckpoint): ModelName {
  return checkpoint.model === 'flow' ? 'flow' : 'gan';
}

/**
 * The smallest set of given options that, over the options `under` them (the page's settings
 * base for the data), resolves to `config` (what the URL then shows), for the model's table.
 */
export function givenFromConfig(config: TrainConfig | FlowConfig, under: GivenOptions = {}, model: ModelName = 'gan'): GivenOptions {
  const given: GivenOptions = {};
  const values = config as unknown as Record<string, unknown>;
  for (const spec of optionTable(model)) {
    if (spec.key === 'gpWeight' && values.loss !== 'wgan-gp') continue; // meaningless, and refused, without WGAN-GP
    const resolved = resolveModelRun(model, { ...under, ...given }).config as unknown as Record<string, unknown>;
    if (JSON.stringify(resolved[spec.key]) !== JSON.stringify(values[spec.key])) given[spec.key] = values[spec.key];
  }
  return given;
}

/**
 * The options that continue a checkpoint: its config, with the iteration limit raised when
 * the run had reached it (a finished CLI run stops at its --iterations; here it goes on),
 * less what only a CLI run means (its --time-limit, frame and checkpoint intervals), which
 * the page leaves out of the recommended settings as well.
 */
export function givenForCheckpoint(checkpoint: Pick<AnyCheckpoint, 'config' | 'iteration' | 'model'>, under: GivenOptions = {}): GivenOptions {
  const given = givenFromConfig(checkpoint.config, under, checkpoint.model === 'flow' ? 'flow' : 'gan');
  for (const key of CLI_ONLY) delete given[key];
  if (checkpoint.iteration < checkpoint.config.iterations) return given;
  return { ...given, iterations: checkpoint.iteration + checkpoint.config.iterations };
}

/** How a page run names its data in a checkpoint: as `gan2d train` would be given it where possible. */
export function targetSource(data: DataSource): string {
  switch (data.kind) {
    case 'builtin':
      return `builtin:${data.name}`;
    case 'drawn':
      return DRAWN_PREFIX + encodeDrawnDensity(data.grid);
    case 'pictures':
      return data.names.length === 1 ? data.names[0] : 'pictures';
  }
}

export type CheckpointData =
  | { found: DataSource }
  /** The pictures the run was trained on, which only the user can give again. */
  | { needsPictures: string[]; source: string };

/**
 * The data a checkpoint was trained on, when the page can rebuild it (a built-in, a drawing);
 * otherwise the pictures to ask for.
 */
export function dataOfCheckpoint(target: TargetInfo): CheckpointData {
  const { source, conditions } = target;
  if (source.startsWith('builtin:')) {
    const name = source.slice('builtin:'.length).replace(/\/parts$/, '');
    if (isBuiltinName(name)) return { found: { kind: 'builtin', name, conditional: conditions.length > 0 } };
  }
  if (source.startsWith(DRAWN_PREFIX)) {
    const grid = decodeDrawnDensity(source.slice(DRAWN_PREFIX.length));
    if (grid) return { found: { kind: 'drawn', grid } };
  }
  const base = source.split(/[\\/]/).filter((part) => part !== '').pop() ?? source;
  return { needsPictures: conditions.length > 0 ? conditions : [base], source };
}

/**
 * A file the user loads as a checkpoint, read or refused in words: what it is not, and what a
 * checkpoint is (JSON.parse's own message names a character position, which helps nobody here).
 */
export function readCheckpointFile(fileName: string, text: string): AnyCheckpoint {
  const what = 'a checkpoint is the checkpoint.json that gan2d train or Save checkpoint writes';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not a checkpoint: it is not even JSON text (${what}).`);
  }
  try {
    return parseAnyCheckpoint(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason === 'not a gan2d checkpoint') throw new Error(`${fileName} is not a checkpoint: it is JSON, but not gan2d's (${what}).`);
    throw new Error(`${fileName} is a damaged checkpoint: ${reason}.`);
  }
}
