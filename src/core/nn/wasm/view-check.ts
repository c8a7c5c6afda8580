/**
 * The WebAssembly kernels take a Float32Array's byteOffset as a pointer into their memory, so
 * a view of any other buffer would silently read and write the wrong floats. This check
 * refuses such views. A shared memory hands out a new SharedArrayBuffer object after each
 * growth while older views stay valid, so every buffer the memory has handed out is
 * remembered (the engine's EngineMemory reports each one through `note`); a plain memory
 * detaches the old buffer on growth, so only the current one is accepted.
 */
export class ViewCheck {
  private current: ArrayBufferLike;
  private readonly known = new Set<ArrayBufferLike>();

  constructor(private readonly memory: WebAssembly.Memory, private readonly shared: boolean) {
    this.current = memory.buffer;
    this.known.add(this.current);
  }

  /** Records the memory's current buffer (call after growth, before making views of it). */
  note(): ArrayBufferLike {
    const buffer = this.memory.buffer;
    if (buffer !== this.current) {
      if (!this.shared) this.known.clear();
      this.known.add(buffer);
      this.current = buffer;
    }
    return buffer;
  }

  /** The byte offset of `view` in the memory; a RangeError naming `what` if it is not in it. */
  pointer(view: Float32Array, what: string): number {
    const buffer = view.buffer;
    if (buffer !== this.current && !this.known.has(buffer)) {
      this.note();
      if (!this.known.has(buffer)) {
        throw new RangeError(`WebAssembly kernels: ${what} is not a view of the engine's WebAssembly memory`);
      }
    }
    return view.byteOffset;
  }
}
