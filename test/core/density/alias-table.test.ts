import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAliasTable, type AliasTable } from '../../../src/core/density/alias-table.js';

/**
 * The probability of each outcome that the table implies, as integer units out of M*C
 * (so the tests check them exactly). Index = outcome index; needs labels = indices.
 */
function impliedUnits(table: AliasTable): Float64Array {
  const capacity = 2 ** table.thresholdBits;
  const units = new Float64Array(Math.max(table.outcomes, 1));
  const slots = table.entries.length / 3;
  for (let s = 0; s < slots; s++) {
    const threshold = table.entries[3 * s];
    const own = table.entries[3 * s + 1];
    const alias = table.entries[3 * s + 2];
    units[own] += threshold;
    units[alias] += capacity - threshold;
  }
  return units;
}

/** Total units of a table: M slots of C units each. */
function totalUnits(table: AliasTable): number {
  return (table.entries.length / 3) * 2 ** table.thresholdBits;
}

/**
 * Checks, in exact BigInt arithmetic, that every outcome's implied units are within one unit
 * of its exact share w_i / W * M * C (integer weights), and that they sum to M * C.
 */
function assertWithinOneUnit(weights: number[], table: AliasTable): void {
  const units = impliedUnits(table);
  const total = BigInt(totalUnits(table));
  const weightSum = BigInt(weights.reduce((a, b) => a + b, 0));
  let sum = 0n;
  for (let i = 0; i < weights.length; i++) {
    const u = BigInt(units[i]);
    sum += u;
    const error = u * weightSum - BigInt(weights[i]) * total; // (implied - exact) * W
    assert.ok(error < weightSum && error > -weightSum, `outcome ${i}: ${u} units, exact ${Number(BigInt(weights[i]) * total) / Number(weightSum)}`);
    if (weights[i] === 0) assert.equal(units[i], 0, `zero-weight outcome ${i} got units`);
  }
  assert.equal(sum, total);
}

test('a dyadic grid with zeros: implied probabilities are exactly the weights', () => {
  const table = buildAliasTable([0, 1, 3, 0]);
  assert.equal(table.slotBits, 2);
  assert.equal(table.thresholdBits, 32);
  const c = 2 ** 32;
  // Exact shares of M*C = 4C units: 0, C, 3C, 0.
  assert.deepEqual(Array.from(impliedUnits(table)), [0, c, 3 * c, 0]);
});

test('a single non-zero pixel among zeros takes every slot', () => {
  const weights = [0, 0, 0, 0, 7, 0, 0];
  const table = buildAliasTable(weights);
  assert.equal(table.slotBits, 3); // 7 outcomes padded to 8 slots
  const units = impliedUnits(table);
  assert.deepEqual(Array.from(units), [0, 0, 0, 0, 8 * 2 ** table.thresholdBits, 0, 0]);
  // Whatever the draw, the outcome is 4: every slot's own and alias label is 4, or its threshold is 0.
  for (let s = 0; s < 8; s++) {
    const [threshold, own, alias] = table.entries.subarray(3 * s, 3 * s + 3);
    assert.equal(alias, 4);
    assert.ok(own === 4 || threshold === 0);
  }
});

test('one outcome alone is padded to two slots and always drawn', () => {
  const table = buildAliasTable([0.25]);
  assert.equal(table.entries.length / 3, 2);
  assert.deepEqual(Array.from(impliedUnits(table)), [2 * 2 ** table.thresholdBits]);
});

test('non-dyadic weights: each outcome within one unit of its exact share (BigInt check)', () => {
  assertWithinOneUnit([1, 1, 1], buildAliasTable([1, 1, 1]));
  assertWithinOneUnit([5, 0, 2, 9, 0, 1, 1000], buildAliasTable([5, 0, 2, 9, 0, 1, 1000]));
});

test('a large random grid with many zeros: exact within one unit, and labels are carried', () => {
  let state = 12345;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const weights = Array.from({ length: 3000 }, () => (next() % 4 === 0 ? 0 : next() % 256));
  const table = buildAliasTable(weights);
  assert.equal(table.slotBits, 12);
  assert.equal(table.thresholdBits, 32);
  assertWithinOneUnit(weights, table);

  const labels = weights.map((_, i) => 100_000 + i);
  const labelled = buildAliasTable(weights, labels);
  for (let s = 0; s < labelled.entries.length / 3; s++) {
    assert.ok(labelled.entries[3 * s + 1] >= 100_000 && labelled.entries[3 * s + 2] >= 100_000);
  }
});

test('big tables trade threshold bits for slots so integers stay exact', () => {
  const weights = new Float64Array(2 ** 21 + 1).fill(1);
  const table = buildAliasTable(weights);
  assert.equal(table.slotBits, 22);
  assert.equal(table.thresholdBits, 30); // 22 + 30 = 52 bits: every unit count exact in a float64
  const units = impliedUnits(table);
  const exact = totalUnits(table) / weights.length;
  let sum = 0;
  for (const u of units) {
    assert.ok(Math.abs(u - exact) < 1);
    sum += u;
  }
  assert.equal(sum, totalUnits(table));
});

test('refuses weights with no mass, negative or non-finite values', () => {
  assert.throws(() => buildAliasTable([0, 0, 0]), /sum to zero/);
  assert.throws(() => buildAliasTable([]), /sum to zero/);
  assert.throws(() => buildAliasTable([1, -1]), /weight 1/);
  assert.throws(() => buildAliasTable([1, NaN]), /weight 1/);
  assert.throws(() => buildAliasTable([1, Infinity]), /weight 1/);
});
