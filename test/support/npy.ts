/**
 * An independent reader of .npy files for tests, written from NumPy's format description
 * (numpy.lib.format), not from gan2d's reader: the magic string, the version, the header length
 * (2 bytes in version 1.0, 4 in 2.0), the header's Python dict, then little-endian float32 rows.
 * It also checks what a version 1.0 writer promises: data aligned to 64 bytes, the header ending
 * in a newline.
 */
export interface DecodedNpy {
  version: string;
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Where the data starts. */
  dataOffset: number;
  /** The elements in file order, read with DataView as little-endian float32. */
  values: number[];
}

export function decodeNpy(bytes: Uint8Array): DecodedNpy {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY') throw new Error('no \\x93NUMPY magic');
  const major = bytes[6];
  const minor = bytes[7];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const dataOffset = headerStart + headerLength;
  const header = Buffer.from(bytes.subarray(headerStart, dataOffset)).toString('latin1');
  if (!header.endsWith('\n')) throw new Error('the header does not end in a newline');
  if (major === 1 && dataOffset % 64 !== 0) throw new Error(`the data starts at ${dataOffset}, not a multiple of 64`);
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  const fortranOrder = /'fortran_order': (True|False)/.exec(header)![1] === 'True';
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (descr !== '<f4') throw new Error(`descr ${descr}`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== dataOffset + 4 * count) throw new Error(`${bytes.length} bytes for ${count} float32s after ${dataOffset}`);
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(view.getFloat32(dataOffset + 4 * i, true));
  return { version: `${major}.${minor}`, descr, fortranOrder, shape, dataOffset, values };
}

/** Whether python3 with numpy is on this machine (then tests also ask np.load). */
export async function hasNumpy(): Promise<boolean> {
  const { spawnSync } = await import('node:child_process');
  return spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
}

/** np.load(path) as (shape, float32 bit patterns of its elements in C order), through python3. */
export async function numpyLoad(path: string): Promise<{ dtype: string; shape: number[]; bits: number[] }> {
  const { execFileSync } = await import('node:child_process');
  const script = 'import json, sys, numpy as np\n' +
    'a = np.load(sys.argv[1])\n' +
    'print(json.dumps({"dtype": str(a.dtype), "shape": list(a.shape), "bits": np.ascontiguousarray(a, dtype="<f4").view("<u4").ravel().tolist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}
