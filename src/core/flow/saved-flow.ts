/** A trained model of either family brought back from its checkpoint alone (no target needed), to generate points. */
import type { Engine } from '../nn/engine.js';
import { Rng } from '../rng.js';
import { restoreGenerator, type SavedGenerator } from '../gan/saved-generator.js';
import { loadNetworkWeights } from '../gan/networks.js';
import { requestRows } from '../model/condition-split.js';
import { isFlowCheckpoint, type AnyCheckpoint, type FlowCheckpoint } from './checkpoint.js';
import { buildVelocityNetwork, samplePoints } from './flow-model.js';

/** The flow as a SavedGenerator: the average of the velocity network when the run kept one, integrated by the run's solver. */
export function restoreFlow(engine: Engine, checkpoint: FlowCheckpoint): SavedGenerator {
  const { config, target, coordinates } = checkpoint;
  const conditionCount = target.conditions.length;
  const network = buildVelocityNetwork(engine, config, conditionCount, new Rng(0));
  loadNetworkWeights(network, checkpoint.velocityAverage ?? checkpoint.velocity);
  return {
    conditionCount,
    generate: (rows, rng) => samplePoints(engine, network, config, coordinates, conditionCount, rows, rng),
    rowsFor: (n, condition) => requestRows(n, target.masses, condition),
  };
}

/** The generator of a checkpoint of either family. */
export function restoreAnyGenerator(engine: Engine, checkpoint: AnyCheckpoint): SavedGenerator {
  return isFlowCheckpoint(checkpoint) ? restoreFlow(engine, checkpoint) : restoreGenerator(engine, checkpoint);
}
