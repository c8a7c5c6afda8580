/**
 * Walker's alias table built by Vose's method, in exact integer arithmetic.
 *
 * The table has M = 2^slotBits slots (M >= 2, padded with zero-weight outcomes) so a slot is
 * the top bits of one 32-bit draw, exactly uniform with no rejection. Each slot holds
 * C = 2^thresholdBits units of probability: `threshold` units for its own outcome and
 * C - threshold for its alias. Weights are first rounded to integer units that sum to M*C
 * exactly (each within one unit of the exact share), then Vose's pairing runs on integers,
 * so the table's implied probabilities are exact rationals: no float drift in the build.
 * M*C <= 2^52 keeps every integer exact in a float64.
 */
export interface AliasTable {
  /** log2 of the slot count M. */
  readonly slotBits: number;
  /** log2 of the units per slot C (29..32). */
  readonly thresholdBits: number;
  /**
   * Interleaved per slot: [threshold, own label, alias label]. A draw picks the own label when
   * its coin (thresholdBits random bits) is below threshold, else the alias label.
   * Full slots and empty ones store own = alias, so padding never yields a label of its own.
   */
  readonly entries: Uint32Array;
  /** Number of outcomes (weights given). */
  readonly outcomes: number;
}

const MAX_SLOT_BITS = 24;

/**
 * Builds the table. `weights[i] >= 0` is outcome i's unnormalised probability; `labels[i]`
 * (default i) is what a draw of outcome i returns, so callers can store packed coordinates.
 * Throws a RangeError when the weights sum to zero or hold a negative or non-finite value.
 */
export function buildAliasTable(weights: ArrayLike<number>, labels?: ArrayLike<number>): AliasTable {
  const outcomes = weights.length;
  if (labels && labels.length !== outcomes) throw new RangeError('buildAliasTable: labels and weights differ in length');
  let total = 0;
  for (let i = 0; i < outcomes; i++) {
    const w = weights[i];
    if (!(w >= 0) || w === Infinity) throw new RangeError(`buildAliasTable: weight ${i} is ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('buildAliasTable: the weights sum to zero');

  let slotBits = 1;
  while (2 ** slotBits < outcomes) slotBits++;
  if (slotBits > MAX_SLOT_BITS) throw new RangeError(`buildAliasTable: more than 2^${MAX_SLOT_BITS} outcomes`);
  const slots = 2 ** slotBits;
  const thresholdBits = Math.min(32, 52 - slotBits);
  const capacity = 2 ** thresholdBits;
  const units = integerUnits(weights, total, slots, slots * capacity);

  const entries = new Uint32Array(3 * slots);
  const labelOf = (i: number): number => (i < outcomes ? (labels ? labels[i] : i) : 0);
  // Stacks of slot indices whose remaining units are below / at least the capacity.
  const small = new Int32Array(slots);
  const large = new Int32Array(slots);
  let smallCount = 0;
  let largeCount = 0;
  for (let i = 0; i < slots; i++) {
    if (units[i] < capacity) small[smallCount++] = i;
    else large[largeCount++] = i;
  }
  while (smallCount > 0 && largeCount > 0) {
    const s = small[--smallCount];
    const l = large[largeCount - 1];
    entries[3 * s] = units[s];
    // An empty slot (padding or zero weight) never yields its own label: store the alias twice.
    entries[3 * s + 1] = units[s] === 0 ? labelOf(l) : labelOf(s);
    entries[3 * s + 2] = labelOf(l);
    units[l] -= capacity - units[s];
    if (units[l] < capacity) {
      largeCount--;
      small[smallCount++] = l;
    }
  }
  // With exact integers both stacks empty together, except full slots left in `large`.
  if (smallCount !== 0) throw new Error('buildAliasTable: internal error (units do not sum to M*C)');
  for (let k = 0; k < largeCount; k++) {
    const l = large[k];
    if (units[l] !== capacity) throw new Error('buildAliasTable: internal error (a leftover slot is not full)');
    entries[3 * l] = 0;
    entries[3 * l + 1] = labelOf(l);
    entries[3 * l + 2] = labelOf(l);
  }
  return { slotBits, thresholdBits, entries, outcomes };
}

/**
 * Integer units per slot index (length M, zero past the outcomes) summing to exactly `sum`:
 * floor of each exact share, then the few missing units handed out one each to outcomes with
 * positive weight, so every outcome is within one unit of its exact share and zeros stay zero.
 */
function integerUnits(weights: ArrayLike<number>, total: number, slots: number, sum: number): Float64Array {
  const units = new Float64Array(slots);
  const scale = sum / total;
  let assigned = 0;
  for (let i = 0; i < weights.length; i++) {
    const u = Math.min(Math.floor(weights[i] * scale), sum);
    units[i] = u;
    assigned += u;
  }
  let missing = sum - assigned;
  // Float rounding of `scale` can leave a few units too many or too few; fix them one at a time.
  while (missing !== 0) {
    const before = missing;
    for (let i = 0; i < weights.length && missing !== 0; i++) {
      if (!(weights[i] > 0)) continue;
      if (missing > 0) {
        units[i] += 1;
        missing -= 1;
      } else if (units[i] > 1) {
        units[i] -= 1;
        missing += 1;
      }
    }
    if (missing === before) throw new Error('buildAliasTable: internal error (cannot balance units)');
  }
  return units;
}
