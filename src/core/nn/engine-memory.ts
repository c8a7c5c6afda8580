/**
 * The one block of memory an engine's tensors live in, behind a small interface so the
 * same Arena works over a plain (resizable) ArrayBuffer and over a WebAssembly.Memory.
 */
export interface EngineMemory {
  /** The current buffer (after growth, WebAssembly memories hand out a new buffer object). */
  buffer(): ArrayBuffer | SharedArrayBuffer;
  /** Makes buffer().byteLength at least `minBytes`; may round up. Throws RangeError when it cannot. */
  grow(minBytes: number): void;
  /**
   * Whether Float32Array views made before a grow() still read and write the same memory
   * afterwards (true for resizable ArrayBuffers and shared WebAssembly memories). When false,
   * the Arena rebuilds the views of every tensor it handed out.
   */
  readonly viewsSurviveGrowth: boolean;
}

/** ES2024 resizable ArrayBuffer, typed here because the project compiles against ES2022 typings. */
interface ResizableArrayBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}
type ResizableArrayBufferConstructor = new (byteLength: number, options: { maxByteLength: number }) => ResizableArrayBuffer;

const MiB = 1 << 20;

/**
 * Memory for the reference engine: a resizable ArrayBuffer (views survive growth) where the
 * host has one, else a plain ArrayBuffer that is replaced by a bigger copy on growth.
 */
export class ArrayBufferMemory implements EngineMemory {
  private current: ArrayBuffer;
  readonly viewsSurviveGrowth: boolean;

  constructor(initialBytes = 4 * MiB, private readonly maxBytes = 1024 * MiB) {
    const resizable = probeResizable();
    if (resizable !== null) {
      this.current = new resizable(initialBytes, { maxByteLength: maxBytes });
      this.viewsSurviveGrowth = true;
    } else {
      this.current = new ArrayBuffer(initialBytes);
      this.viewsSurviveGrowth = false;
    }
  }

  buffer(): ArrayBuffer {
    return this.current;
  }

  grow(minBytes: number): void {
    const old = this.current;
    if (minBytes <= old.byteLength) return;
    if (minBytes > this.maxBytes) {
      throw new RangeError(`engine memory: ${minBytes} bytes needed, limit is ${this.maxBytes}`);
    }
    const target = Math.min(this.maxBytes, Math.max(minBytes, old.byteLength * 2));
    if (this.viewsSurviveGrowth) {
      (old as ResizableArrayBuffer).resize(target);
      return;
    }
    const bigger = new ArrayBuffer(target);
    new Uint8Array(bigger).set(new Uint8Array(old));
    this.current = bigger;
  }
}

function probeResizable(): ResizableArrayBufferConstructor | null {
  try {
    const Ctor = ArrayBuffer as unknown as ResizableArrayBufferConstructor;
    const probe = new Ctor(8, { maxByteLength: 16 });
    return probe.resizable === true && typeof probe.resize === 'function' ? Ctor : null;
  } catch {
    return null;
  }
}

const WASM_PAGE = 65536;

/** Adapts a WebAssembly.Memory (shared or not) to EngineMemory. Growth asks for 25% headroom. */
export function webAssemblyMemory(memory: WebAssembly.Memory): EngineMemory {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return {
    buffer: () => memory.buffer,
    viewsSurviveGrowth: shared,
    grow(minBytes: number): void {
      const have = memory.buffer.byteLength;
      if (minBytes <= have) return;
      const neededPages = Math.ceil((minBytes - have) / WASM_PAGE);
      const generousPages = Math.max(neededPages, Math.ceil(have / WASM_PAGE / 4));
      try {
        memory.grow(generousPages);
      } catch {
        memory.grow(neededPages); // near the maximum: take exactly what is needed (throws RangeError if even that fails)
      }
    },
  };
}
