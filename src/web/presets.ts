/**
 * One-click starting points. `seed` is every default (the seed demo's run); `small` is
 * docs/design.md's speed preset of the same name, quick enough to watch converge.
 */
import type { GivenOptions } from './url-state.js';

export const PRESETS: Readonly<Record<string, GivenOptions>> = {
  seed: {},
  small: {
    zDim: 2,
    gHidden: [128, 128],
    dHidden: [128, 128],
    batchSize: 512,
    optimizer: 'adam',
    dLr: 1e-3,
    gLr: 1e-3,
    dSteps: 1,
    gSteps: 1,
  },
};
