/**
 * What the optimizers share: the parameter list, per-parameter state buffers in persistent
 * arena memory, the step count, and state as plain JSON-safe data so a checkpoint resumes
 * exactly. Each subclass is one update rule, run by a kernel per parameter tensor.
 */
import { UserError } from '../../errors.js';
import type { Engine } from '../engine.js';
import { expectTensorList, loadTensor, tensorToJSON } from '../serialize.js';
import type { Var } from '../tape.js';
import type { Tensor } from '../tensor.js';

export type OptimizerKind = 'sgd' | 'adam' | 'rmsprop' | 'adadelta';

/** Hyperparameters: numbers and flags only, so they serialise as they are. */
export type Hyperparameters = Record<string, number | boolean>;

export interface OptimizerState {
  kind: OptimizerKind;
  /** Steps taken so far (Adam's bias correction and SGD's first momentum step depend on it). */
  step: number;
  hyperparameters: Hyperparameters;
  /** Per buffer name, one array per parameter, in parameter order. */
  buffers: Record<string, number[][]>;
}

export abstract class Optimizer<H extends Hyperparameters> {
  /** Current hyperparameters; change `lr` here for a schedule. */
  readonly options: H;
  protected steps = 0;
  protected readonly buffers: Record<string, Tensor[]> = {};
  protected readonly engine: Engine;

  protected constructor(
    readonly kind: OptimizerKind,
    readonly parameters: readonly Var[],
    options: H,
    bufferNames: readonly string[],
  ) {
    if (parameters.length === 0) throw new RangeError(`${kind}: no parameters to optimize`);
    this.engine = parameters[0].engine;
    this.options = { ...options };
    for (const name of bufferNames) {
      this.buffers[name] = parameters.map((parameter) => this.engine.arena.persistent(parameter.rows, parameter.cols));
    }
  }

  get stepCount(): number {
    return this.steps;
  }

  /** One update of every parameter from its .grad. */
  step(): void {
    this.steps++;
    this.parameters.forEach((parameter, i) => {
      if (parameter.grad === null) throw new Error(`${this.kind}: parameter ${i} has no .grad (make it with Var.parameter)`);
      this.update(i, parameter.value.data, parameter.grad.data, parameter.value.size);
    });
  }

  zeroGrad(): void {
    for (const parameter of this.parameters) parameter.grad?.data.fill(0);
  }

  state(): OptimizerState {
    const buffers: Record<string, number[][]> = {};
    for (const [name, tensors] of Object.entries(this.buffers)) buffers[name] = tensors.map(tensorToJSON);
    return { kind: this.kind, step: this.steps, hyperparameters: { ...this.options }, buffers };
  }

  /** Restores a state() of the same kind over the same parameter shapes; a UserError otherwise. */
  loadState(state: OptimizerState): void {
    const what = `${this.kind} optimizer state`;
    if (state?.kind !== this.kind) throw new UserError(`${what}: it is the state of "${String(state?.kind)}"`);
    if (!Number.isInteger(state.step) || state.step < 0) throw new UserError(`${what}: step must be a whole number >= 0`);
    const restored = state.hyperparameters ?? {};
    for (const [name, value] of Object.entries(this.options)) {
      if (typeof restored[name] !== typeof value) throw new UserError(`${what}: hyperparameter ${name} is missing or of the wrong type`);
    }
    for (const [name, tensors] of Object.entries(this.buffers)) {
      const saved = expectTensorList(state.buffers?.[name], tensors.length, `${what}: buffer ${name}`);
      tensors.forEach((tensor, i) => loadTensor(tensor, saved[i], `${what}: buffer ${name}, parameter ${i}`));
    }
    for (const name of Object.keys(this.options)) (this.options as Hyperparameters)[name] = restored[name];
    this.steps = state.step;
  }

  protected abstract update(index: number, param: Float32Array, grad: Float32Array, n: number): void;
}

/** A UserError unless value >= 0 (PyTorch's ValueError checks). */
export function requireNonNegative(kind: string, name: string, value: number): void {
  if (!(value >= 0)) throw new UserError(`${kind}: ${name} must be >= 0, got ${value}`);
}

/** A UserError unless 0 <= value < 1 (betas, rho, alpha). */
export function requireUnitInterval(kind: string, name: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new UserError(`${kind}: ${name} must be in [0, 1), got ${value}`);
}
