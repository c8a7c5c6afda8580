/**
 * A row-major float32 matrix: a Float32Array view plus its shape.
 *
 * Tensors that kernels touch come from an Arena (arena.ts), so their data lives in the
 * engine's one buffer. `data` is a field, not a constant: when the arena's memory grows in
 * a way that invalidates old views, the arena re-points `data` at the new buffer. So read
 * `tensor.data` when you use it rather than keeping the Float32Array across allocations.
 */
export class Tensor {
  /** Byte offset of the first element in the engine's buffer (kept so the view can be rebuilt). */
  readonly byteOffset: number;

  constructor(
    public data: Float32Array,
    public rows: number,
    public cols: number,
  ) {
    this.byteOffset = data.byteOffset;
  }

  get size(): number {
    return this.rows * this.cols;
  }

  /** A copy of the values as plain numbers (exact: every float32 is a double). */
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.size));
  }
}
