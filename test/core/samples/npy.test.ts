// The .npy format: headers as NumPy writes them, samples read back by an independent decoder
// (test/support/npy.ts), blocks, and parseNpy's answers to good and bad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_ROWS } from '../../../src/core/samples/block.js';
import { encodeSamplesNpy, NpyError, npyHeader, parseNpy } from '../../../src/core/samples/npy.js';
import { Rng } from '../../../src/core/rng.js';
import { decodeNpy } from '../../support/npy.js';

function encode(rows: number, blocks: { points: Float32Array; conditions?: ArrayLike<number> }[], conditional: boolean): Uint8Array {
  const parts: Buffer[] = [];
  encodeSamplesNpy(rows, blocks, conditional, (chunk) => parts.push(Buffer.from(chunk)));
  return new Uint8Array(Buffer.concat(parts));
}

function randomPoints(count: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: 2 * count }, () => (rng.nextUint32() / 2 ** 32 - 0.5) * 10);
}

test('the header is NumPy\'s: magic, version 1.0, the dict, spaces and a newline to a multiple of 64', () => {
  const header = npyHeader([2_000_000, 2]);
  assert.equal(header.length % 64, 0);
  assert.deepEqual(Array.from(header.subarray(0, 8)), [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  assert.equal(header[8] + 256 * header[9], header.length - 10);
  const text = Buffer.from(header.subarray(10)).toString('latin1');
  assert.match(text, /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2000000, 2\), \} +\n$/);
  for (const rows of [0, 1, 9, 10, 99_999, 123_456_789]) assert.equal(npyHeader([rows, 3]).length % 64, 0);
});

test('samples as (n, 2) read back exactly by an independent decoder', () => {
  const points = randomPoints(1000, 1);
  const decoded = decodeNpy(encode(1000, [{ points }], false));
  assert.equal(decoded.version, '1.0');
  assert.deepEqual(decoded.shape, [1000, 2]);
  assert.equal(decoded.fortranOrder, false);
  assert.deepEqual(decoded.values, Array.from(points));
});

test('a conditional run\'s samples as (n, 3), the condition a float; blocks of any size give the same file', () => {
  const rows = BLOCK_ROWS + 1234; // the writer interleaves BLOCK_ROWS rows at a time
  const points = randomPoints(rows, 2);
  const conditions = Array.from({ length: rows }, (_, i) => i % 5);
  const whole = encode(rows, [{ points, conditions }], true);
  const decoded = decodeNpy(whole);
  assert.deepEqual(decoded.shape, [rows, 3]);
  for (let i = 0; i < rows; i++) {
    const [x, y, c] = decoded.values.slice(3 * i, 3 * i + 3);
    if (x !== points[2 * i] || y !== points[2 * i + 1] || c !== i % 5) assert.fail(`row ${i}: ${x}, ${y}, ${c}`);
  }
  const split = 777;
  const inBlocks = encode(rows, [
    { points: points.subarray(0, 2 * split), conditions: conditions.slice(0, split) },
    { points: points.subarray(2 * split), conditions: conditions.slice(split) },
  ], true);
  assert.deepEqual(inBlocks, whole);
  assert.throws(() => encode(rows + 1, [{ points, conditions }], true), /rows for a header of/);
  assert.throws(() => encode(rows - 1, [{ points, conditions }], true), /more than the/);
});

test('parseNpy reads what we write, float64 and Fortran order, and version 2.0 headers', () => {
  const points = randomPoints(50, 3);
  const ours = parseNpy(encode(50, [{ points }], false));
  assert.deepEqual(ours.shape, [50, 2]);
  assert.equal(ours.fortranOrder, false);
  assert.deepEqual(Array.from(ours.values), Array.from(points));
  // A Buffer inside a larger one, at an odd offset (as Node pools small reads).
  const inside = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(encode(50, [{ points }], false)), Buffer.from([4])]).subarray(3, -1);
  assert.deepEqual(Array.from(parseNpy(inside).values), Array.from(points));

  const doubles = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const f8 = build({ descr: '<f8', fortran: true, shape: '(3, 2)', data: Buffer.from(Float64Array.from(doubles).buffer) });
  const parsed = parseNpy(f8);
  assert.ok(parsed.values instanceof Float64Array);
  assert.deepEqual(Array.from(parsed.values), doubles);
  assert.equal(parsed.fortranOrder, true);

  const v2 = build({ descr: '<f4', fortran: false, shape: '(1, 2)', data: Buffer.from(Float32Array.from([1, 2]).buffer), major: 2 });
  assert.deepEqual(Array.from(parseNpy(v2).values), [1, 2]);
});

/** A .npy file by hand; `data` unaligned on purpose (no padding beyond the newline). */
function build(o: { descr: string; fortran: boolean; shape: string; data: Uint8Array; major?: number }): Uint8Array {
  const major = o.major ?? 1;
  const header = Buffer.from(`{'descr': '${o.descr}', 'fortran_order': ${o.fortran ? 'True' : 'False'}, 'shape': ${o.shape}, }\n`, 'latin1');
  const length = Buffer.alloc(major === 1 ? 2 : 4);
  if (major === 1) length.writeUInt16LE(header.length);
  else length.writeUInt32LE(header.length);
  return new Uint8Array(Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]), length, header, o.data]));
}

test('parseNpy says what is wrong with a file it cannot read', () => {
  const good = build({ descr: '<f4', fortran: false, shape: '(2, 2)', data: new Uint8Array(16) });
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(Buffer.from('x,y\n1,2\n')), /not a \.npy file \(it does not start with \\x93NUMPY\)/],
    [new Uint8Array(4), /not a \.npy file/],
    [Uint8Array.from([...good.subarray(0, 6), 4, 0, ...good.subarray(8)]), /\.npy version 4\.0 \(we read 1\.0, 2\.0 and 3\.0\)/],
    [good.subarray(0, 30), /truncated in its header/],
    [build({ descr: '<i4', fortran: false, shape: '(2, 2)', data: new Uint8Array(16) }), /dtype '<i4' is not float32 \('<f4'\) or float64 \('<f8'\), little-endian/],
    [build({ descr: '>f4', fortran: false, shape: '(2, 2)', data: new Uint8Array(16) }), /dtype '>f4'/],
    [build({ descr: '<f4', fortran: false, shape: '(2, x)', data: new Uint8Array(16) }), /shape \(2, x\) is not a tuple of whole numbers/],
    [good.subarray(0, good.length - 1), /truncated: shape \(2, 2\) of '<f4' needs 16 bytes of data, the file holds 15/],
    [new Uint8Array([...good, 0, 0, 0, 0]), /4 bytes beyond the data/],
    [new Uint8Array(Buffer.concat([Buffer.from(good.subarray(0, 10)), Buffer.from("{'shape': (2, 2)}".padEnd(good.length - 10 - 16, ' '))])), /the header is not a NumPy array's/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(() => parseNpy(bytes), (error: unknown) => error instanceof NpyError && message.test(error.message), String(message));
  }
});
