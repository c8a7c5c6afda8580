/** Small picture targets for model tests: bands of columns of a 16×16 picture, alone or as two conditions. No side effects on import. */
import { createGrid } from '../../src/core/density/grid.js';
import { pictureTarget, type Target } from '../../src/core/density/target.js';
import type { ConditionalSource } from '../../src/core/model/target.js';

/** A 16×16 picture whose mass is the columns [from, to). */
export function band(name: string, from: number, to: number): Target {
  const grid = createGrid(16, 16);
  for (let row = 0; row < 16; row++) for (let column = from; column < to; column++) grid.values[row * 16 + column] = 1;
  return pictureTarget(name, grid);
}

/** Two conditions, the left half (mass 3) and the right half (mass 1). */
export const halves = (): ConditionalSource => ({
  name: 'halves',
  conditions: [
    { name: 'left', target: band('left', 0, 8), mass: 3 },
    { name: 'right', target: band('right', 8, 16), mass: 1 },
  ],
});
