/**
 * NumPy's .npy format (version 1.0 written; 1.0, 2.0 and 3.0 read) for samples: float32
 * little-endian, shape (n, 2), or (n, 3) with the condition index as a third float column.
 * What `np.save` writes for such an array, byte for byte, so `np.load` reads it.
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
import { BLOCK_ROWS, blockRows, type SamplesBlock } from './block.js';

/** "\x93NUMPY". */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** The header is padded so that the data starts at a multiple of this. */
const ALIGN = 64;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** What is wrong with bytes that are not a .npy file we read; the caller adds the file's name. */
export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

/** A version 1.0 header for a C-order float32 array of this shape, padded to ALIGN bytes. */
export function npyHeader(shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const unpadded = MAGIC.length + 4 + dict.length + 1; // magic, version, length, dict, newline
  const text = dict + ' '.repeat(ALIGN - (unpadded % ALIGN)) + '\n'; // as np.save pads: 1 to 64 spaces
  const bytes = new Uint8Array(MAGIC.length + 4 + text.length);
  bytes.set(MAGIC);
  bytes[6] = 1; // version 1.0
  bytes[7] = 0;
  bytes[8] = text.length & 0xff;
  bytes[9] = text.length >> 8;
  for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
  return bytes;
}

/** float32 values as little-endian bytes: a view of the same memory on a little-endian host. */
export function float32LittleEndian(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return bytes;
}

/**
 * Encodes a samples .npy file of `rows` points: shape (rows, 2), or (rows, 3) with each point's
 * condition index as a third column when `conditional`. `write` receives the header, then the
 * data block by block (a chunk is only valid during the call). The blocks must hold `rows` points.
 */
export function encodeSamplesNpy(rows: number, blocks: Iterable<SamplesBlock>, conditional: boolean, write: (chunk: Uint8Array) => void): void {
  write(npyHeader([rows, conditional ? 3 : 2]));
  let written = 0;
  let table: Float32Array | undefined; // x, y, condition rows, BLOCK_ROWS at a time
  for (const block of blocks) {
    const count = blockRows(block, conditional, 'encodeSamplesNpy');
    written += count;
    if (written > rows) throw new RangeError(`encodeSamplesNpy: more than the ${rows} rows of the header`);
    const { points, conditions } = block;
    if (!conditions) {
      write(float32LittleEndian(points));
      continue;
    }
    table ??= new Float32Array(3 * BLOCK_ROWS);
    for (let start = 0; start < count; start += BLOCK_ROWS) {
      const end = Math.min(count, start + BLOCK_ROWS);
      for (let i = start, o = 0; i < end; i++) {
        table[o++] = points[2 * i];
        table[o++] = points[2 * i + 1];
        table[o++] = conditions[i];
      }
      write(float32LittleEndian(table.subarray(0, 3 * (end - start))));
    }
  }
  if (written !== rows) throw new RangeError(`encodeSamplesNpy: ${written} rows for a header of ${rows}`);
}

/** A parsed .npy file of floats. */
export interface NpyArray {
  shape: number[];
  /** Whether `values` are in column-major (Fortran) order rather than row-major (C) order. */
  fortranOrder: boolean;
  /** The elements in the file's order, of the file's type ('<f4' or '<f8'). */
  values: Float32Array | Float64Array;
}

const DTYPES: Record<string, 4 | 8> = { '<f4': 4, '<f8': 8 };

/** Reads a .npy file of little-endian float32 or float64; an NpyError says what is wrong otherwise. */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new NpyError('not a .npy file (it does not start with \\x93NUMPY)');
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyError(`.npy version ${major}.${bytes[7]} (we read 1.0, 2.0 and 3.0)`);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw new NpyError('truncated in its header');
  let headerLength = 0;
  for (let i = lengthBytes - 1; i >= 0; i--) headerLength = headerLength * 256 + bytes[8 + i];
  const start = 8 + lengthBytes + headerLength;
  if (bytes.length < start) throw new NpyError(`truncated in its header (${headerLength} bytes announced, ${bytes.length - 8 - lengthBytes} there)`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, start));

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyError(`the header is not a NumPy array's ("${header.trim().slice(0, 80)}")`);
  }
  const size = DTYPES[descr];
  if (size === undefined) throw new NpyError(`dtype '${descr}' is not float32 ('<f4') or float64 ('<f8'), little-endian`);
  const parts = shapeText.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (!parts.every((part) => /^\d+$/.test(part))) throw new NpyError(`the header's shape (${shapeText}) is not a tuple of whole numbers`);
  const shape = parts.map(Number);

  const elements = shape.reduce((a, b) => a * b, 1);
  const expected = elements * size;
  const held = bytes.length - start;
  const described = `shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) of '${descr}' needs ${expected} bytes of data`;
  if (held < expected) throw new NpyError(`truncated: ${described}, the file holds ${held}`);
  if (held > expected) throw new NpyError(`${held - expected} bytes beyond the data (${described})`);
  return { shape, fortranOrder: fortran === 'True', values: littleEndianValues(bytes.subarray(start), elements, size) };
}

function littleEndianValues(data: Uint8Array, count: number, size: 4 | 8): Float32Array | Float64Array {
  if (LITTLE_ENDIAN_HOST) {
    // A copy, aligned and apart from the file's memory (a Buffer's slice() would share it).
    const copy = new Uint8Array(count * size);
    copy.set(data.subarray(0, count * size));
    return size === 4 ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const values = size === 4 ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = size === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
  return values;
}
