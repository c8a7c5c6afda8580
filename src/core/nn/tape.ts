/**
 * The recording half of reverse-mode differentiation: Var (a tensor in a computation),
 * the node each op records, and the grad mode switch. Running the tape backwards is in
 * autograd.ts.
 */
import type { Engine } from './engine.js';
import { Tensor } from './tensor.js';

/** What an op's backward sees; the same object is reused for every node of one pass. */
export interface BackwardContext {
  /** The Var this node produced (ops whose derivative is written from their output use it). */
  readonly output: Var;
  /** True when the gradients must themselves be differentiable (gradient penalties). */
  readonly createGraph: boolean;
  /** Whether the gradient for input i is wanted in this pass; skip computing it otherwise. */
  needs(input: number): boolean;
  /** Adds `grad` (shaped like input i) to input i's gradient. */
  emit(input: number, grad: Var): void;
  /**
   * When input i is a leaf whose `.grad` collects this pass and no graph is being built:
   * that tensor, for the op to accumulate into directly with a kernel (no temporary);
   * the op then does not emit for i. Null otherwise.
   */
  accumulator(input: number): Tensor | null;
}

/** Computes the inputs' gradients from the output's gradient, using ops (so it can be recorded). */
export type BackwardFn = (gradOutput: Var, context: BackwardContext) => void;

export interface Node {
  readonly inputs: readonly (Var | null)[];
  readonly backward: BackwardFn;
}

let gradEnabled = true;

/** Whether ops record nodes now (PyTorch's grad mode). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` with recording off or on, restoring the previous mode afterwards. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Runs `fn` without recording (inference, the generator's forward pass in a D step). */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/**
 * A tensor in a computation. Leaves are constants (inputs, data) or parameters; other Vars
 * are made by ops and remember, in `node`, how to pass gradients back to their inputs.
 */
export class Var {
  /** For leaves: the gradient backward() accumulates (persistent for parameters). */
  grad: Tensor | null = null;

  constructor(
    readonly engine: Engine,
    readonly value: Tensor,
    public requiresGrad: boolean,
    readonly node: Node | null = null,
  ) {}

  get rows(): number {
    return this.value.rows;
  }

  get cols(): number {
    return this.value.cols;
  }

  get isLeaf(): boolean {
    return this.node === null;
  }

  /** The single value of a 1×1 Var (a loss). */
  item(): number {
    if (this.value.size !== 1) throw new RangeError(`Var.item: the Var is ${this.rows}×${this.cols}, not 1×1`);
    return this.value.data[0];
  }

  toArray(): number[] {
    return this.value.toArray();
  }

  /** A leaf over an existing tensor. */
  static constant(engine: Engine, value: Tensor, requiresGrad = false): Var {
    return new Var(engine, value, requiresGrad);
  }

  /**
   * A scratch leaf to fill in place (noise, a data batch): no allocation after the first step,
   * valid until the arena's next reset().
   */
  static scratch(engine: Engine, rows: number, cols: number, requiresGrad = false): Var {
    return new Var(engine, engine.arena.scratch(rows, cols), requiresGrad);
  }

  /** A scratch leaf holding a copy of `values` (row-major). */
  static from(engine: Engine, rows: number, cols: number, values: ArrayLike<number>, requiresGrad = false): Var {
    return new Var(engine, engine.arena.scratchFrom(rows, cols, values), requiresGrad);
  }

  /** A scratch leaf filled with one number. */
  static full(engine: Engine, rows: number, cols: number, value: number): Var {
    const tensor = engine.arena.scratch(rows, cols);
    tensor.data.fill(value);
    return new Var(engine, tensor, false);
  }

  /** A trainable leaf over persistent memory, with a persistent zeroed `.grad`. */
  static parameter(engine: Engine, rows: number, cols: number): Var {
    const parameter = new Var(engine, engine.arena.persistent(rows, cols), true);
    parameter.grad = engine.arena.persistent(rows, cols);
    return parameter;
  }
}

/**
 * Wraps an op's result: records a node when grad mode is on and some input requires grad,
 * else returns a plain leaf (so inference and fast backward passes build no graph).
 */
export function record(engine: Engine, value: Tensor, inputs: readonly (Var | null)[], backward: BackwardFn): Var {
  if (gradEnabled) {
    for (const input of inputs) {
      if (input !== null && input.requiresGrad) return new Var(engine, value, true, { inputs, backward });
    }
  }
  return new Var(engine, value, false);
}
