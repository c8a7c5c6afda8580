/**
 * What the run loop needs of a model family beyond core/model's Model: which losses it sums
 * between displays and how it writes them (metrics lines, frame titles, progress), and whether
 * a checkpoint's weights are all finite. One entry per family; run.ts and display.ts use no other.
 */
import type { RunState, TrainerCheckpoint } from '../../core/gan/checkpoint.js';
import { createTrainer } from '../../core/gan/trainer.js';
import type { FlowCheckpoint } from '../../core/flow/checkpoint.js';
import { createFlowModel } from '../../core/flow/flow-model.js';
import type { NetworkWeights } from '../../core/gan/network-weights.js';
import type { Model } from '../../core/model/model.js';
import type { Engine } from '../../core/nn/engine.js';
import type { TrainingLosses } from '../../core/render/frame.js';
import type { TrainSetup } from './setup.js';

export type Losses = Readonly<Record<string, number>>;

export interface RunModel {
  readonly model: Model<object, TrainerCheckpoint | FlowCheckpoint>;
  /** The losses an iteration gives, summed between displays (the run state's interval). */
  readonly lossNames: readonly string[];
  /** The losses the run's closing message names. */
  readonly shownLosses: readonly string[];
  /** The averaged losses as a metrics line keeps them. */
  record(averaged: Losses): Record<string, number>;
  /** The averaged losses for a frame's title. */
  frameLosses(averaged: Losses): TrainingLosses;
  /** The progress bar's words for one iteration's losses. */
  progress(losses: Losses): string;
  /** A plain progress line's words for the averaged losses. */
  line(averaged: Losses): string;
  weightsFinite(checkpoint: TrainerCheckpoint | FlowCheckpoint): boolean;
  restore(checkpoint: TrainerCheckpoint | FlowCheckpoint): void;
}

/** The widest hidden layer of a run's networks (the thread choice reads it). */
export function widestLayer(setup: TrainSetup): number {
  return setup.model === 'flow'
    ? Math.max(...setup.config.hidden)
    : Math.max(...setup.config.dHidden, ...setup.config.gHidden);
}

function networksFinite(networks: readonly (NetworkWeights | undefined)[]): boolean {
  return networks.every((network) => network === undefined ||
    network.layers.every((layer) => layer.weights.every(Number.isFinite) && layer.bias.every(Number.isFinite)));
}

const rounded = (value: number, digits: number): number => Number(value.toPrecision(digits));

export function createRunModel(setup: TrainSetup, engine: Engine): RunModel {
  if (setup.model === 'flow') {
    const model = createFlowModel(engine, setup.config, setup.target, setup.source);
    return {
      model,
      lossNames: ['flow'],
      shownLosses: ['flow'],
      record: (averaged) => ({ flow: averaged.flow }),
      frameLosses: (averaged) => ({ flow: averaged.flow }),
      progress: (losses) => `loss ${rounded(losses.flow, 3)}`,
      line: (averaged) => `flow loss ${rounded(averaged.flow, 4)}`,
      weightsFinite: (checkpoint) => networksFinite([(checkpoint as FlowCheckpoint).velocity]),
      restore: (checkpoint) => model.restore(checkpoint as FlowCheckpoint),
    };
  }
  const { config } = setup;
  const model = createTrainer(engine, config, setup.target, setup.source);
  const hasPenalty = config.loss === 'wgan-gp' || config.r1Weight > 0;
  return {
    model,
    lossNames: ['dReal', 'dFake', 'g', 'penalty'],
    shownLosses: ['dReal', 'dFake', 'g'],
    record: (averaged) => ({ dReal: averaged.dReal, dFake: averaged.dFake, g: averaged.g, ...(hasPenalty ? { penalty: averaged.penalty } : {}) }),
    frameLosses: (averaged) => ({ dReal: averaged.dReal, dFake: averaged.dFake, g: averaged.g }),
    progress: (losses) => `D ${rounded(losses.dReal + losses.dFake, 3)} G ${rounded(losses.g, 3)}`,
    line: (averaged) => `D real ${rounded(averaged.dReal, 4)} D fake ${rounded(averaged.dFake, 4)} G ${rounded(averaged.g, 4)}`,
    weightsFinite: (checkpoint) => networksFinite([(checkpoint as TrainerCheckpoint).generator, (checkpoint as TrainerCheckpoint).discriminator]),
    restore: (checkpoint) => model.restore(checkpoint as TrainerCheckpoint),
  };
}

/** A fresh run's state: nothing summed yet. */
export function emptyRunState(lossNames: readonly string[]): RunState {
  return { elapsedSeconds: 0, frames: 0, interval: emptyInterval(lossNames) };
}

export function emptyInterval(lossNames: readonly string[]): RunState['interval'] {
  return Object.assign({ count: 0 }, ...lossNames.map((name) => ({ [name]: 0 }))) as RunState['interval'];
}
