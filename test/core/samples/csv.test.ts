// Samples as CSV bytes: the header, one row a point, the shortest float32 decimals, the
// condition column, and files larger than one chunk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSV_CHUNK_BYTES, encodeSamplesCsv } from '../../../src/core/samples/csv.js';
import { formatFloat32 } from '../../../src/core/samples/float32-decimal.js';
import { Rng } from '../../../src/core/rng.js';

function encode(points: Float32Array, conditions?: ArrayLike<number>): { text: string; chunks: number[] } {
  const parts: Buffer[] = [];
  const chunks: number[] = [];
  encodeSamplesCsv([{ points, conditions }], conditions !== undefined, (chunk) => {
    chunks.push(chunk.length);
    parts.push(Buffer.from(chunk)); // a copy: the chunk's buffer is reused
  });
  return { text: Buffer.concat(parts).toString('latin1'), chunks };
}

test('x,y rows as formatFloat32 writes them', () => {
  const points = Float32Array.from([0.1, -2.5, 1 / 3, 0, 1e-7, 16777216]);
  assert.equal(encode(points).text, 'x,y\n0.1,-2.5\n0.33333334,0\n1e-7,16777216\n');
  assert.equal(encode(new Float32Array(0)).text, 'x,y\n');
});

test('a condition column for a conditional run', () => {
  const points = Float32Array.from([0.25, 0.75, 0.5, 0.125]);
  assert.equal(encode(points, [0, 12]).text, 'x,y,condition\n0.25,0.75,0\n0.5,0.125,12\n');
  assert.throws(() => encode(points, [0]), RangeError);
});

test('blocks follow one another as one block would', () => {
  const points = Float32Array.from([0.5, 1, 1.5, 2, 2.5, 3]);
  const parts: string[] = [];
  encodeSamplesCsv([{ points: points.subarray(0, 2), conditions: [1] }, { points: points.subarray(2), conditions: [2, 3] }], true,
    (chunk) => parts.push(Buffer.from(chunk).toString('latin1')));
  assert.equal(parts.join(''), encode(points, [1, 2, 3]).text);
  assert.throws(() => encodeSamplesCsv([{ points }], true, () => undefined), /without conditions/);
});

test('many points: chunks of at most CSV_CHUNK_BYTES that join into the same text, reading back to the same float32s', () => {
  const count = 120_000;
  const points = new Float32Array(2 * count);
  const rng = new Rng(3);
  for (let i = 0; i < points.length; i++) points[i] = (rng.nextUint32() / 2 ** 32 - 0.5) * 12;
  const conditions = Array.from({ length: count }, (_, i) => i % 7);
  const { text, chunks } = encode(points, conditions);
  assert.ok(chunks.length > 1 && chunks.every((length) => length <= CSV_CHUNK_BYTES), `chunks ${chunks.join(', ')}`);
  const rows = ['x,y,condition'];
  for (let i = 0; i < count; i++) rows.push(`${formatFloat32(points[2 * i])},${formatFloat32(points[2 * i + 1])},${i % 7}`);
  assert.equal(text, rows.join('\n') + '\n');
  const lines = text.trim().split('\n').slice(1);
  lines.forEach((line, i) => {
    const [x, y, c] = line.split(',').map(Number);
    assert.ok(Math.fround(x) === points[2 * i] && Math.fround(y) === points[2 * i + 1] && c === i % 7, `row ${i + 1}: ${line}`);
  });
});
