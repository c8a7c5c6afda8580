/**
 * How a conditional GAN's batch is shared between its conditions: in proportion
 * to each picture's total mass, so the joint density of (point, condition) that
 * the batches sample is the folder's pictures side by side, as one density.
 * Largest-remainder rounding, with at least one sample per condition so every
 * condition is seen at every step.
 */
import { UserError } from '../errors.js';

/** Rows per condition; they add up to batchSize. */
export function splitBatch(batchSize: number, masses: readonly number[]): number[] {
  const count = masses.length;
  if (count === 0) throw new UserError('a conditional run needs at least one condition');
  if (batchSize < count) {
    throw new UserError(`--batch-size: ${batchSize} is smaller than the number of conditions (${count}); every condition needs at least one sample per batch`);
  }
  if (!masses.every((m) => Number.isFinite(m) && m > 0)) {
    throw new RangeError(`splitBatch: masses must be positive and finite, got ${masses.join(', ')}`);
  }
  const total = masses.reduce((sum, m) => sum + m, 0);
  const quotas = masses.map((m) => (batchSize * m) / total);
  const rows = quotas.map((q) => Math.max(1, Math.floor(q)));
  let assigned = rows.reduce((sum, n) => sum + n, 0);
  // Indices by how far each stands below its quota, most first; ties by index, so it is deterministic.
  const byShortfall = (): number[] =>
    rows.map((_, i) => i).sort((a, b) => quotas[b] - rows[b] - (quotas[a] - rows[a]) || a - b);
  while (assigned < batchSize) {
    rows[byShortfall()[0]]++;
    assigned++;
  }
  while (assigned > batchSize) {
    // The minimum of one sample each pushed the sum over: take back from the most over-served.
    const candidates = byShortfall().reverse().filter((i) => rows[i] > 1);
    rows[candidates[0]]--;
    assigned--;
  }
  return rows;
}

/**
 * The condition of each row of a batch: condition 0's rows first, then condition 1's, and so
 * on. Bytes: a run has at most 255 conditions.
 */
export function conditionOfRows(rowsPerCondition: readonly number[]): Uint8Array {
  const total = rowsPerCondition.reduce((sum, n) => sum + n, 0);
  const out = new Uint8Array(total);
  let row = 0;
  rowsPerCondition.forEach((n, condition) => {
    out.fill(condition, row, row + n);
    row += n;
  });
  return out;
}

/** requestRows for a model's generate(n, condition): n must be a whole number. */
export function generateRequest(n: number, masses: readonly number[], condition?: number): number[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`generate: n must be a whole number >= 0 (got ${n})`);
  return requestRows(n, masses, condition);
}

/**
 * Rows per condition for a request of n points: all of one condition when given, else
 * split by mass (at least one each). `masses` is empty for a plain GAN.
 */
export function requestRows(n: number, masses: readonly number[], condition?: number): number[] {
  const conditionCount = masses.length;
  if (condition !== undefined) {
    if (conditionCount === 0) throw new UserError('--condition: this run is not conditional');
    if (!(Number.isInteger(condition) && condition >= 0 && condition < conditionCount)) {
      throw new UserError(`--condition: ${condition} is not valid; expected an integer from 0 to ${conditionCount - 1}`);
    }
    return masses.map((_, c) => (c === condition ? n : 0));
  }
  if (conditionCount === 0) return [n];
  if (n < conditionCount) {
    throw new UserError(`-n: ${n} points cannot cover the ${conditionCount} conditions; ask for at least ${conditionCount}, or one --condition`);
  }
  return splitBatch(n, masses);
}
