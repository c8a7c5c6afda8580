/**
 * Keeps the view's copies of G and D equal to the trainer's networks. The plain way is a
 * checkpoint each frame (several milliseconds of serialising weights and optimizer state).
 * The fast way copies the trainer's parameter tensors directly: while the trainer is built,
 * the tensors it allocates for the rest of its life are recorded, and those matching the
 * networks' parameters are found by checking against one checkpoint. If they cannot all be
 * found (the trainer is built differently one day), the mirror uses checkpoints.
 */
import type { Engine } from '../core/nn/engine.js';
import type { Mlp } from '../core/nn/mlp.js';
import type { Tensor } from '../core/nn/tensor.js';
import type { NetworkWeights } from '../core/gan/network-weights.js';
import { loadNetworkWeights } from '../core/gan/networks.js';
import type { Trainer } from '../core/gan/trainer.js';

/** Runs `build`, recording every persistent tensor the engine's arena hands out meanwhile. */
export function recordPersistentTensors<T>(engine: Engine, build: () => T): { built: T; tensors: Tensor[] } {
  const arena = engine.arena;
  const tensors: Tensor[] = [];
  const own = arena.persistent;
  arena.persistent = (rows: number, cols: number): Tensor => {
    const tensor = own.call(arena, rows, cols);
    tensors.push(tensor);
    return tensor;
  };
  try {
    return { built: build(), tensors };
  } finally {
    // Back to the prototype's method: the override lived only while the trainer was built.
    delete (arena as { persistent?: unknown }).persistent;
  }
}

/** A network's parameters in Mlp order (W0, b0, W1, b1, ...), flattened as in the checkpoint. */
function checkpointParameters(weights: NetworkWeights): number[][] {
  return weights.layers.flatMap((layer) => [layer.weights, layer.bias]);
}

function sameValues(tensor: Tensor, values: readonly number[]): boolean {
  if (tensor.size !== values.length) return false;
  const data = tensor.data;
  for (let i = 0; i < values.length; i++) if (data[i] !== Math.fround(values[i])) return false;
  return true;
}

/** For each wanted array, the first unused recorded tensor holding exactly those values, in order. */
function findInOrder(recorded: readonly Tensor[], wanted: readonly number[][], from: number): { tensors: Tensor[]; next: number } | null {
  const tensors: Tensor[] = [];
  let at = from;
  for (const values of wanted) {
    while (at < recorded.length && !sameValues(recorded[at], values)) at++;
    if (at >= recorded.length) return null;
    tensors.push(recorded[at++]);
  }
  return { tensors, next: at };
}

export class ParameterMirror {
  private readonly pairs: { source: Tensor; target: Tensor }[] | null;

  constructor(
    private readonly trainer: Trainer,
    recorded: readonly Tensor[],
    private readonly generator: Mlp,
    private readonly discriminator: Mlp,
  ) {
    const checkpoint = trainer.getCheckpoint();
    const generatorFound = findInOrder(recorded, checkpointParameters(checkpoint.generator), 0);
    const discriminatorFound = generatorFound && findInOrder(recorded, checkpointParameters(checkpoint.discriminator), generatorFound.next);
    const targets = [...generator.parameters(), ...discriminator.parameters()].map((parameter) => parameter.value);
    const sources = generatorFound && discriminatorFound ? [...generatorFound.tensors, ...discriminatorFound.tensors] : [];
    this.pairs = sources.length === targets.length && sources.every((s, i) => s.rows === targets[i].rows && s.cols === targets[i].cols)
      ? sources.map((source, i) => ({ source, target: targets[i] }))
      : null;
    this.loadFromCheckpoint(checkpoint.generator, checkpoint.discriminator);
  }

  /** Whether weights are copied directly (true) or through checkpoints. */
  get direct(): boolean {
    return this.pairs !== null;
  }

  refresh(): void {
    if (this.pairs === null) {
      const checkpoint = this.trainer.getCheckpoint();
      this.loadFromCheckpoint(checkpoint.generator, checkpoint.discriminator);
      return;
    }
    // `.data` is read each time: the arena re-points it when its memory grows.
    for (const { source, target } of this.pairs) target.data.set(source.data.subarray(0, source.size));
  }

  private loadFromCheckpoint(generator: NetworkWeights, discriminator: NetworkWeights): void {
    loadNetworkWeights(this.generator, generator);
    loadNetworkWeights(this.discriminator, discriminator);
  }
}
