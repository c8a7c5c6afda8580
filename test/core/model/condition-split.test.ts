import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionOfRows, splitBatch } from '../../../src/core/model/condition-split.js';
import { UserError } from '../../../src/core/errors.js';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

test('a batch splits in proportion to mass when the quotas are whole', () => {
  assert.deepEqual(splitBatch(2000, [1, 1]), [1000, 1000]);
  assert.deepEqual(splitBatch(100, [3, 1]), [75, 25]);
  assert.deepEqual(splitBatch(12, [0.5, 0.25, 0.25]), [6, 3, 3]);
});

test('largest remainders get the rows left over by rounding down', () => {
  // Quotas 3.333.., 3.333.., 3.333..: one extra row, to the first by the index tie-break.
  assert.deepEqual(splitBatch(10, [1, 1, 1]), [4, 3, 3]);
  // Quotas 1.4, 3.6 -> floors 1, 3; the remainder 0.6 wins the spare row.
  assert.deepEqual(splitBatch(5, [1.4, 3.6]), [1, 4]);
  // Quotas 2.5, 2.3, 5.2 -> floors 2, 2, 5 (9); 0.5 is the largest remainder.
  assert.deepEqual(splitBatch(10, [25, 23, 52]), [3, 2, 5]);
});

test('every condition gets at least one row, even when its quota is tiny', () => {
  const rows = splitBatch(10, [1000, 1, 1]);
  assert.deepEqual(rows, [8, 1, 1]);
  assert.equal(sum(rows), 10);
  assert.deepEqual(splitBatch(3, [1e6, 1, 1]), [1, 1, 1]);
});

test('the split always adds up and stays within one row of the quota when no minimum binds', () => {
  let state = 12345;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let trial = 0; trial < 200; trial++) {
    const count = 1 + Math.floor(random() * 8);
    const masses = Array.from({ length: count }, () => 1 + random() * 100);
    const batch = count + Math.floor(random() * 3000);
    const rows = splitBatch(batch, masses);
    assert.equal(sum(rows), batch);
    assert.ok(rows.every((n) => n >= 1));
    const total = sum(masses);
    masses.forEach((m, i) => {
      const quota = (batch * m) / total;
      if (quota >= 1) assert.ok(Math.abs(rows[i] - quota) < 1, `row ${rows[i]} vs quota ${quota}`);
    });
  }
});

test('a batch smaller than the number of conditions is a user error', () => {
  assert.throws(() => splitBatch(2, [1, 1, 1]), (error: unknown) =>
    error instanceof UserError && /--batch-size: 2 is smaller than the number of conditions \(3\)/.test(error.message));
});

test('rows are labelled condition by condition', () => {
  assert.deepEqual(Array.from(conditionOfRows([2, 1, 3])), [0, 0, 1, 2, 2, 2]);
});
