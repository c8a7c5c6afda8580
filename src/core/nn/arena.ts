import type { EngineMemory } from './engine-memory.js';
import { Tensor } from './tensor.js';

/** Every tensor starts on a 16-byte boundary (one SIMD vector). */
const ALIGN = 16;
const align = (bytes: number): number => (bytes + ALIGN - 1) & ~(ALIGN - 1);

/** A point to return the scratch region to (see Arena.mark). */
export interface ArenaMark {
  readonly top: number;
  readonly slot: number;
}

/**
 * Hands out tensors over one EngineMemory, in two lifetimes:
 *  - persistent: parameters, gradients, optimizer state; zero-filled; live as long as the arena;
 *  - scratch: the intermediate values of one training step; freed all at once by reset()
 *    (or back to a mark()), so a step allocates no JavaScript memory for its numbers.
 *
 * A training step allocates the same sequence of shapes every time, so scratch tensors are
 * cached per allocation slot: the n-th scratch allocation after reset() returns the same
 * Tensor object (and Float32Array view) as last step whenever it lands on the same bytes.
 * A scratch tensor is therefore valid only until the next reset()/release() past it.
 *
 * Layout: [start, persistentEnd) persistent, then scratch. A persistent allocation made while
 * scratch is in use goes above the scratch in use; the next reset() starts scratch above it.
 */
export class Arena {
  private persistentEnd: number;
  private scratchStart: number;
  private top: number;
  private slot = 0;
  private capacity: number;
  private highWater: number;
  private readonly slots: Tensor[] = [];
  private readonly persistentTensors: Tensor[] = [];

  /** `startByte`: bytes below it belong to someone else (a WebAssembly module's data and stack). */
  constructor(readonly memory: EngineMemory, readonly startByte = 0) {
    this.persistentEnd = align(startByte);
    this.scratchStart = this.persistentEnd;
    this.top = this.persistentEnd;
    this.highWater = this.top;
    this.capacity = memory.buffer().byteLength;
  }

  /** A zero-filled tensor that lives as long as the arena. */
  persistent(rows: number, cols: number): Tensor {
    const bytes = align(rows * cols * 4);
    let offset: number;
    if (this.top === this.scratchStart) {
      offset = this.persistentEnd;
      this.ensure(offset + bytes);
      this.persistentEnd = offset + bytes;
      this.scratchStart = this.top = this.persistentEnd;
    } else {
      offset = this.top;
      this.ensure(offset + bytes);
      this.persistentEnd = this.top = offset + bytes;
    }
    this.highWater = Math.max(this.highWater, this.top);
    const tensor = new Tensor(this.view(offset, rows * cols), rows, cols);
    tensor.data.fill(0);
    this.persistentTensors.push(tensor);
    return tensor;
  }

  /** A tensor valid until the next reset(), with unspecified contents. */
  scratch(rows: number, cols: number): Tensor {
    const length = rows * cols;
    const offset = this.top;
    const end = offset + align(length * 4);
    if (end > this.capacity) this.ensure(end);
    this.top = end;
    if (end > this.highWater) this.highWater = end;
    const index = this.slot++;
    const cached = this.slots[index];
    if (cached !== undefined && cached.byteOffset === offset && cached.data.length === length) {
      cached.rows = rows;
      cached.cols = cols;
      return cached;
    }
    const tensor = new Tensor(this.view(offset, length), rows, cols);
    this.slots[index] = tensor;
    return tensor;
  }

  /** A zero-filled scratch tensor. */
  scratchZeros(rows: number, cols: number): Tensor {
    const tensor = this.scratch(rows, cols);
    tensor.data.fill(0);
    return tensor;
  }

  /** A scratch tensor holding a copy of `values` (row-major). */
  scratchFrom(rows: number, cols: number, values: ArrayLike<number>): Tensor {
    if (values.length !== rows * cols) {
      throw new RangeError(`Arena.scratchFrom: ${values.length} values for a ${rows}×${cols} tensor`);
    }
    const tensor = this.scratch(rows, cols);
    tensor.data.set(values);
    return tensor;
  }

  /** Frees every scratch tensor: call at the start of each training step. */
  reset(): void {
    this.scratchStart = this.top = this.persistentEnd;
    this.slot = 0;
  }

  mark(): ArenaMark {
    return { top: this.top, slot: this.slot };
  }

  /** Frees the scratch tensors allocated since `mark` (persistent ones made since stay). */
  release(mark: ArenaMark): void {
    this.top = Math.max(mark.top, this.persistentEnd);
    this.slot = mark.slot;
  }

  /** Bytes in use now (persistent + scratch) and the most ever used, from the arena's start. */
  get usedBytes(): number {
    return this.top - this.startByte;
  }

  get highWaterBytes(): number {
    return this.highWater - this.startByte;
  }

  get persistentBytes(): number {
    return this.persistentEnd - this.startByte;
  }

  private view(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer(), offset, length);
  }

  private ensure(end: number): void {
    const buffer = this.memory.buffer();
    if (end <= buffer.byteLength) {
      this.capacity = buffer.byteLength;
      return;
    }
    this.memory.grow(end);
    this.capacity = this.memory.buffer().byteLength;
    if (!this.memory.viewsSurviveGrowth) this.rebuildViews();
  }

  /** After growth replaced the buffer: re-point every live tensor, drop cached dead slots. */
  private rebuildViews(): void {
    // A detached view reports length 0, so the length comes from the shape.
    for (const tensor of this.persistentTensors) tensor.data = this.view(tensor.byteOffset, tensor.size);
    this.slots.length = this.slot;
    for (const tensor of this.slots) tensor.data = this.view(tensor.byteOffset, tensor.size);
  }
}
