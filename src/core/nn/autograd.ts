/**
 * Running the tape backwards: backward() (accumulate into leaves' .grad, like
 * loss.backward()) and grad() (return gradients, like torch.autograd.grad, optionally as a
 * differentiable graph for gradient penalties). Backward functions are written with the
 * same ops as the forward pass; with createGraph they record, otherwise they run unrecorded.
 */
import { add } from './ops/elementwise.js';
import { type BackwardContext, type Node, Var, withGradMode } from './tape.js';
import type { Tensor } from './tensor.js';

export interface BackwardOptions {
  /** Only these leaves receive gradients (default: every leaf that requires grad). */
  inputs?: readonly Var[];
}

/** Accumulates d(loss)/d(leaf) into `leaf.grad` for the leaves that require grad. `loss` is 1×1. */
export function backward(loss: Var, options: BackwardOptions = {}): void {
  if (loss.value.size !== 1) throw new RangeError(`backward: the loss must be 1×1, got ${loss.rows}×${loss.cols}`);
  const targets = options.inputs === undefined ? null : new Set(options.inputs);
  const seed = Var.full(loss.engine, 1, 1, 1);
  const pass = new Pass([loss], [seed], targets, false, true);
  if (!pass.run()) throw new Error('backward: the loss does not depend on anything that requires grad');
}

export interface GradOptions {
  /** Record the gradient computation so the results can be differentiated again. */
  createGraph?: boolean;
  /** The gradients of the outputs (default: all ones, i.e. the gradient of their sum). */
  gradOutputs?: readonly Var[];
}

/**
 * d(Σ outputs · gradOutputs)/d(input) for each input, as new Vars (leaves' .grad untouched).
 * Inputs must require grad; an input the outputs do not depend on gets zeros.
 */
export function grad(outputs: readonly Var[], inputs: readonly Var[], options: GradOptions = {}): Var[] {
  inputs.forEach((input, i) => {
    if (!input.requiresGrad) throw new Error(`grad: input ${i} does not require grad`);
  });
  const seeds = outputs.map((output, i) => {
    const given = options.gradOutputs?.[i];
    if (given === undefined) return Var.full(output.engine, output.rows, output.cols, 1);
    if (given.rows !== output.rows || given.cols !== output.cols) {
      throw new RangeError(`grad: gradOutputs[${i}] is ${given.rows}×${given.cols}, output is ${output.rows}×${output.cols}`);
    }
    return given;
  });
  const pass = new Pass(outputs, seeds, new Set(inputs), options.createGraph === true, false);
  pass.run();
  return inputs.map((input) => pass.gradients.get(input) ?? Var.full(input.engine, input.rows, input.cols, 0));
}

/** One backward pass over the graph reachable from `roots`. */
class Pass implements BackwardContext {
  readonly gradients = new Map<Var, Var>();
  private readonly needed = new Map<Var, boolean>();
  private readonly order: Var[] = [];
  private currentNode: Node | null = null;
  private currentOutput: Var | null = null;

  constructor(
    private readonly roots: readonly Var[],
    private readonly seeds: readonly Var[],
    private readonly targets: ReadonlySet<Var> | null,
    readonly createGraph: boolean,
    /** backward(): leaves accumulate into .grad instead of the gradient map. */
    private readonly intoLeaves: boolean,
  ) {}

  get output(): Var {
    return this.currentOutput!;
  }

  /** Returns whether any root needed a gradient at all. */
  run(): boolean {
    let anyNeeded = false;
    for (const root of this.roots) if (this.visit(root)) anyNeeded = true;
    withGradMode(this.createGraph, () => {
      this.roots.forEach((root, i) => {
        if (this.needed.get(root)) this.deliver(root, this.seeds[i]);
      });
      for (let i = this.order.length - 1; i >= 0; i--) {
        const variable = this.order[i];
        const node = variable.node;
        const gradient = this.gradients.get(variable);
        if (node === null || gradient === undefined || !this.needed.get(variable)) continue;
        this.currentNode = node;
        this.currentOutput = variable;
        node.backward(gradient, this);
        // An intermediate's gradient is consumed; dropping it keeps the map small.
        if (this.targets === null || !this.targets.has(variable)) this.gradients.delete(variable);
      }
    });
    this.currentNode = this.currentOutput = null;
    return anyNeeded;
  }

  needs(input: number): boolean {
    const variable = this.currentNode!.inputs[input];
    return variable !== null && this.needed.get(variable) === true;
  }

  emit(input: number, gradient: Var): void {
    const variable = this.currentNode!.inputs[input];
    if (variable === null || !this.needed.get(variable)) return;
    this.deliver(variable, gradient);
  }

  accumulator(input: number): Tensor | null {
    const variable = this.currentNode!.inputs[input];
    if (this.createGraph || !this.intoLeaves || variable === null || !variable.isLeaf || !this.needed.get(variable)) return null;
    return this.leafGradient(variable);
  }

  /** Depth-first post-order, so reversed it visits each Var after every Var that uses it. */
  private visit(variable: Var): boolean {
    const known = this.needed.get(variable);
    if (known !== undefined) return known;
    let needs: boolean;
    if (variable.node === null) {
      needs = variable.requiresGrad && (this.targets === null || this.targets.has(variable));
    } else {
      needs = this.targets !== null && this.targets.has(variable);
      for (const input of variable.node.inputs) {
        if (input !== null && this.visit(input)) needs = true;
      }
    }
    this.needed.set(variable, needs);
    this.order.push(variable);
    return needs;
  }

  private deliver(variable: Var, gradient: Var): void {
    if (gradient.rows !== variable.rows || gradient.cols !== variable.cols) {
      throw new Error(`autograd: gradient ${gradient.rows}×${gradient.cols} for a ${variable.rows}×${variable.cols} value`);
    }
    if (this.intoLeaves && variable.isLeaf) {
      const target = this.leafGradient(variable).data;
      const source = gradient.value.data;
      for (let i = 0; i < target.length; i++) target[i] += source[i];
      return;
    }
    const previous = this.gradients.get(variable);
    this.gradients.set(variable, previous === undefined ? gradient : add(previous, gradient));
  }

  /** A leaf's .grad; leaves that are not parameters get a zeroed scratch one on first use. */
  private leafGradient(leaf: Var): Tensor {
    if (leaf.grad === null) leaf.grad = leaf.engine.arena.scratchZeros(leaf.rows, leaf.cols);
    return leaf.grad;
  }
}
