import type { Box } from '../density/placement.js';

/** The rectangle of data space a panel shows (y up, as in the data): the density module's Box. */
export type Bounds = Box;

export { UNIT_SQUARE } from '../density/placement.js';

export function assertBounds(bounds: Bounds, where: string): void {
  const { xMin, xMax, yMin, yMax } = bounds;
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || !(xMax > xMin) || !(yMax > yMin)) {
    throw new RangeError(`${where}: bounds must be finite with xMax > xMin and yMax > yMin (got ${JSON.stringify(bounds)})`);
  }
}
