/**
 * Where a picture sits in sample coordinates. Samples live in the unit square with y UP:
 * y = 0 is the picture's bottom row, y = 1 its top, x = 0 its left column. By default the
 * picture keeps its aspect ratio: its longer side spans [0, 1] and the shorter one is centred.
 * `stretch` fills the square instead.
 */
export interface Box {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export const UNIT_SQUARE: Box = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };

export function pictureBox(width: number, height: number, stretch = false): Box {
  if (stretch || width === height) return UNIT_SQUARE;
  const side = Math.max(width, height);
  const w = width / side;
  const h = height / side;
  return { xMin: (1 - w) / 2, xMax: (1 + w) / 2, yMin: (1 - h) / 2, yMax: (1 + h) / 2 };
}
