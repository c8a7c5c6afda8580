/**
 * A flow's whole state as plain JSON-safe data, in the checkpoint format the GAN's uses
 * (core/gan/checkpoint.ts), at version 2, which names the family that wrote it in `model`.
 * GAN checkpoints are still written as version 1 (no `model`: every version-1 file is a
 * GAN's), so the page and earlier gan2d keep reading them; an earlier gan2d refuses a flow's
 * file by its version instead of misreading it.
 */
import {
  CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CheckpointError, checkConfigByTable, checkNetwork, checkPlannedIterations, checkRandom, checkRunState, checkTarget, isObject,
  parseCheckpoint, type RngSnapshot, type RunState, type TrainerCheckpoint,
} from '../gan/checkpoint.js';
import type { NetworkWeights } from '../gan/network-weights.js';
import type { TargetInfo } from '../model/target.js';
import { FLOW_OPTIONS, type FlowConfig } from './config.js';
import type { FlowCoordinates } from './coordinates.js';
import { velocityInputWidth } from './velocity-input.js';

/** The version that names its model family. */
export const FAMILY_CHECKPOINT_VERSION = 2;

/** What a flow's run state sums between displays. */
export const FLOW_LOSS_NAMES = ['flow'] as const;

export interface FlowCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof FAMILY_CHECKPOINT_VERSION;
  model: 'flow';
  config: FlowConfig;
  target: TargetInfo;
  /** The affine map between the target's coordinates and the flow's (coordinates.ts). */
  coordinates: FlowCoordinates;
  iteration: number;
  /** The run length a --time-limit fitted --lr-decay into (absent: --iterations). */
  plannedIterations?: number;
  velocity: NetworkWeights;
  /** The moving average of the velocity network (--ema-decay), which the run samples with. */
  velocityAverage?: NetworkWeights;
  optimizer: unknown;
  random: Record<string, RngSnapshot>;
  run?: RunState;
}

/** A checkpoint of either family, told apart by `model`. */
export type AnyCheckpoint = ({ model?: 'gan' } & TrainerCheckpoint) | FlowCheckpoint;

export function isFlowCheckpoint(checkpoint: AnyCheckpoint): checkpoint is FlowCheckpoint {
  return checkpoint.model === 'flow';
}

function checkFlowConfig(value: unknown): FlowConfig {
  return checkConfigByTable(FLOW_OPTIONS, value);
}

function checkCoordinates(value: unknown): FlowCoordinates {
  const ok = isObject(value) && Array.isArray(value.centre) && value.centre.length === 2 &&
    value.centre.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    typeof value.scale === 'number' && Number.isFinite(value.scale) && value.scale > 0;
  if (!ok) throw new CheckpointError('missing or malformed flow coordinates');
  return value as unknown as FlowCoordinates;
}

function parseFlowCheckpoint(data: Record<string, unknown>): FlowCheckpoint {
  const config = checkFlowConfig(data.config);
  const target = checkTarget(data.target);
  if (!(Number.isInteger(data.iteration) && (data.iteration as number) >= 0)) throw new CheckpointError('bad iteration count');
  const velocity = checkNetwork(data.velocity, 'velocity network');
  const average = data.velocityAverage === undefined ? undefined : checkNetwork(data.velocityAverage, 'velocity average');
  const shape = (n: NetworkWeights): string => JSON.stringify(n.layers.map((l) => [l.inputs, l.outputs]));
  if (average && shape(average) !== shape(velocity)) throw new CheckpointError('velocity average: its layers differ from the velocity network\'s');
  const inputs = velocityInputWidth(config) + target.conditions.length;
  if (velocity.layers[0].inputs !== inputs || velocity.layers[velocity.layers.length - 1].outputs !== 2) {
    throw new CheckpointError(`velocity network takes ${velocity.layers[0].inputs} inputs, but its config and conditions make ${inputs}`);
  }
  return {
    format: CHECKPOINT_FORMAT,
    version: FAMILY_CHECKPOINT_VERSION,
    model: 'flow',
    config,
    target,
    coordinates: checkCoordinates(data.coordinates),
    iteration: data.iteration as number,
    ...(data.plannedIterations === undefined ? {} : { plannedIterations: checkPlannedIterations(data.plannedIterations, data.iteration as number) }),
    velocity,
    ...(average === undefined ? {} : { velocityAverage: average }),
    optimizer: data.optimizer,
    random: checkRandom(data.random),
    ...(data.run === undefined ? {} : { run: checkRunState(data.run, FLOW_LOSS_NAMES) }),
  };
}

/** Checks data read from a file of either family; throws CheckpointError saying what is wrong. */
export function parseAnyCheckpoint(data: unknown): AnyCheckpoint {
  if (!isObject(data) || data.format !== CHECKPOINT_FORMAT) throw new CheckpointError('not a gan2d checkpoint');
  if (data.version === CHECKPOINT_VERSION) return parseCheckpoint(data); // version 1: a GAN's
  if (data.version !== FAMILY_CHECKPOINT_VERSION) {
    throw new CheckpointError(`version ${String(data.version)} is not supported (this gan2d reads versions ${CHECKPOINT_VERSION} and ${FAMILY_CHECKPOINT_VERSION})`);
  }
  if (data.model === 'flow') return parseFlowCheckpoint(data);
  if (data.model === 'gan') return { ...parseCheckpoint({ ...data, version: 1 }), model: 'gan' };
  throw new CheckpointError(`unknown model ${JSON.stringify(data.model)} (this gan2d reads gan and flow)`);
}
