/** The rectangle of data space a panel shows (y up, as in the data). */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export const UNIT_SQUARE: Bounds = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };

export function assertBounds(bounds: Bounds, where: string): void {
  const { xMin, xMax, yMin, yMax } = bounds;
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || !(xMax > xMin) || !(yMax > yMin)) {
    throw new RangeError(`${where}: bounds must be finite with xMax > xMin and yMax > yMin (got ${JSON.stringify(bounds)})`);
  }
}
