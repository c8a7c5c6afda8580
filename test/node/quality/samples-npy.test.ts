// Samples read from .npy for gan2d eval: the shapes it takes, the orders and types NumPy writes,
// and a one-line refusal naming the file for everything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/core/errors.js';
import { npyHeader } from '../../../src/core/samples/npy.js';
import { parseSamplesNpy } from '../../../src/node/quality/samples-npy.js';

/** A .npy file by hand (NumPy's layout) of these doubles as '<f4' or '<f8'. */
function npy(shape: string, values: number[], o: { descr?: '<f4' | '<f8'; fortran?: boolean } = {}): Uint8Array {
  const descr = o.descr ?? '<f4';
  const dict = `{'descr': '${descr}', 'fortran_order': ${o.fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const header = Buffer.from(dict.padEnd(64 * Math.ceil((dict.length + 11) / 64) - 11, ' ') + '\n', 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16LE(header.length);
  const data = descr === '<f4' ? Float32Array.from(values) : Float64Array.from(values);
  return new Uint8Array(Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]), length, header, Buffer.from(data.buffer)]));
}

test('(n, 2) and (n, 3), C or Fortran order, float32 or float64', () => {
  const plain = parseSamplesNpy(npy('(2, 2)', [0.5, 1.5, 2.5, 3.5]), 'a.npy');
  assert.deepEqual(Array.from(plain.points), [0.5, 1.5, 2.5, 3.5]);
  assert.equal(plain.conditions, undefined);
  const conditional = parseSamplesNpy(npy('(2, 3)', [0.5, 1.5, 1, 2.5, 3.5, 0]), 'b.npy');
  assert.deepEqual(Array.from(conditional.points), [0.5, 1.5, 2.5, 3.5]);
  assert.deepEqual(Array.from(conditional.conditions!), [1, 0]);
  // Fortran order holds the columns one after the other; float64 is rounded to float32.
  const fortran = parseSamplesNpy(npy('(2, 3)', [0.1, 2.5, 1.5, 3.5, 1, 0], { descr: '<f8', fortran: true }), 'c.npy');
  assert.deepEqual(Array.from(fortran.points), [Math.fround(0.1), 1.5, 2.5, 3.5]);
  assert.deepEqual(Array.from(fortran.conditions!), [1, 0]);
  // What our writer writes (its header) is read as well.
  const ours = Buffer.concat([Buffer.from(npyHeader([1, 2])), Buffer.from(Float32Array.from([7, 8]).buffer)]);
  assert.deepEqual(Array.from(parseSamplesNpy(new Uint8Array(ours), 'd.npy').points), [7, 8]);
});

test('refusals: one line naming the file and what is wrong', () => {
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(Buffer.from('x,y\n0,1\n')), /^s\.npy: not a \.npy file/],
    [npy('(4,)', [1, 2, 3, 4]), /^s\.npy: shape \(4,\) is not \(n, 2\) for x, y or \(n, 3\) for x, y, condition$/],
    [npy('(1, 4)', [1, 2, 3, 4]), /^s\.npy: shape \(1, 4\) is not \(n, 2\)/],
    [npy('(2, 2, 1)', [1, 2, 3, 4]), /^s\.npy: shape \(2, 2, 1\) is not/],
    [npy('(0, 2)', []), /^s\.npy: no samples \(shape \(0, 2\)\)$/],
    [npy('(2, 2)', [0, 1, NaN, 2]), /^s\.npy row 2: x is NaN, not a finite number$/],
    [npy('(1, 2)', [0, Infinity]), /^s\.npy row 1: y is Infinity, not a finite number$/],
    [npy('(2, 3)', [0, 1, 0, 0, 1, 1.5]), /^s\.npy row 2: condition 1\.5 is not a whole number >= 0$/],
    [npy('(1, 3)', [0, 1, -1]), /^s\.npy row 1: condition -1 is not a whole number >= 0$/],
    [npy('(2, 2)', [0, 1, 2]), /^s\.npy: truncated: shape \(2, 2\) of '<f4' needs 16 bytes of data, the file holds 12$/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(() => parseSamplesNpy(bytes, 's.npy'), (error: unknown) => error instanceof UserError && message.test(error.message) && !error.message.includes('\n'), String(message));
  }
});
