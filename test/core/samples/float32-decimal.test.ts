// The fast float32 decimal writer against its definition (formatFloat32), character for
// character: special values, the edges of its fast range, powers of ten and of two with their
// float32 neighbours, and random values of every size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat32, MAX_FLOAT32_DECIMAL_BYTES, writeFloat32Decimal } from '../../../src/core/samples/float32-decimal.js';
import { Rng } from '../../../src/core/rng.js';

const buffer = new Uint8Array(2 * MAX_FLOAT32_DECIMAL_BYTES);
const decoder = new TextDecoder();
const written = (value: number): string => {
  buffer.fill(0xff);
  const end = writeFloat32Decimal(toBits(value), buffer, 3);
  assert.ok(end - 3 <= MAX_FLOAT32_DECIMAL_BYTES);
  assert.equal(buffer[end], 0xff, 'nothing written past the returned end');
  return decoder.decode(buffer.subarray(3, end));
};

const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);
function fromBits(pattern: number): number {
  bits[0] = pattern;
  return asFloat[0];
}
function toBits(value: number): number {
  asFloat[0] = value;
  return bits[0];
}
/** value and the float32s up to `reach` steps either side of it. */
function around(value: number, reach = 3): number[] {
  const center = toBits(Math.abs(Math.fround(value)));
  const out: number[] = [];
  for (let d = -reach; d <= reach; d++) out.push(fromBits(center + d), -fromBits(center + d));
  return out;
}

function assertSame(values: Iterable<number>): void {
  let count = 0;
  for (const value of values) {
    const v = Math.fround(value);
    const expected = formatFloat32(v);
    if (written(v) !== expected) assert.equal(written(v), expected, `value ${v} (bits 0x${toBits(v).toString(16)})`);
    count++;
  }
  assert.ok(count > 0);
}

test('the definition: shortest round-tripping decimals in JavaScript number format', () => {
  assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat32(Math.fround(1 / 3)), '0.33333334');
  assert.equal(formatFloat32(Math.fround(-2.5)), '-2.5');
  assert.equal(formatFloat32(16777216), '16777216');
  assert.equal(formatFloat32(Math.fround(1e-7)), '1e-7');
  assert.equal(formatFloat32(Math.fround(3e38)), '3e+38');
  assert.equal(formatFloat32(-0), '0');
  for (const v of [0.1, 1 / 3, 2 / 3, Math.PI, 1e-5, 123456.789]) {
    const f = Math.fround(v);
    assert.equal(Math.fround(Number(formatFloat32(f))), f);
  }
});

test('special values and the smallest and largest float32s', () => {
  assertSame([0, -0, NaN, Infinity, -Infinity, 1, -1, fromBits(1), fromBits(0x007fffff), fromBits(0x00800000), fromBits(0x7f7fffff)]);
});

test('powers of ten (the fast range ends at 1e-4 and 1e6) and their neighbours', () => {
  const values: number[] = [];
  for (let e = -12; e <= 22; e++) values.push(...around(Number(`1e${e}`)), ...around(5 * Number(`1e${e}`)), ...around(9.9999999 * Number(`1e${e}`)));
  assertSame(values);
});

test('powers of two (a narrower interval below) and their neighbours', () => {
  const values: number[] = [];
  for (let e = -30; e <= 30; e++) values.push(...around(2 ** e));
  assertSame(values);
});

test('random values of every size, and random values where samples live', () => {
  const rng = new Rng(7);
  const values: number[] = [];
  for (let i = 0; i < 100_000; i++) values.push(fromBits(rng.nextUint32()));
  for (let i = 0; i < 100_000; i++) values.push((rng.nextUint32() / 2 ** 32 - 0.5) * 2);
  for (let i = 0; i < 100_000; i++) values.push((rng.nextUint32() / 2 ** 32 - 0.5) * 20);
  for (let i = 0; i < 20_000; i++) values.push((rng.nextUint32() / 2 ** 32) * 1e-3);
  assertSame(values);
});
