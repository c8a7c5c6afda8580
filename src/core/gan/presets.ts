/**
 * Each built-in mixture's recommended settings, as GAN Lab ships a tuned configuration per
 * data set: the recipe `gan2d bench quality` measures (docs/benchmarks.md). `gan2d train
 * builtin:ring` with no other option trains with them; every option given explicitly (on the
 * command line, in a --config file, on a sweep's axes) overrides its own value only.
 */
import { resolveTrainConfig, type TrainConfig } from './config.js';

/** What the ring and the grid share: the recipe found on them (docs/benchmarks.md says how). */
const MIXTURE_RECIPE: Partial<TrainConfig> = {
  zDim: 2,
  gHidden: [64, 64],
  dHidden: [64, 64],
  activation: 'relu',
  batchSize: 256,
  optimizer: 'adam',
  dLr: 1e-3,
  gLr: 1e-3,
  adamBeta2: 0.9,
  dSteps: 1,
  gSteps: 1,
  loss: 'nonsaturating',
  emaDecay: 0.999,
  // Late in a run Adam's steps on D's tiny gradients can throw G off (a grid seed lost 10 modes in its last 1,000 iterations): land softly.
  lrDecay: 0.25,
  iterations: 45_000,
  // The benchmark's budget is 60 s a seed, all included: training stops at 55 s whatever the load.
  timeLimit: 55,
  displayInterval: 1000,
  checkpointInterval: 10_000,
};

/**
 * Per mixture: --data-scale is the target's standard deviation along x and y (mixtureScale:
 * √½ for the ring, √8 for the grid, σ being negligible), and R1's weight is 0.3 in the
 * networks' unit-sized coordinates, which is γ = 0.3 · scale² in the target's (∇ₓD scales as 1/scale).
 */
const RECOMMENDED: Readonly<Record<string, Partial<TrainConfig>>> = {
  'builtin:ring': { ...MIXTURE_RECIPE, dataScale: 0.7071, r1Weight: 0.15 },
  // The grid's mode weights drift slowly (±5% a mode at the end of a run with 0.999): averaging G over ~10× longer evens them out (docs/benchmarks/recipe-search.md, 9).
  'builtin:grid': { ...MIXTURE_RECIPE, dataScale: 2.828, r1Weight: 2.4, emaDecay: 0.9999 },
};

/**
 * Pictures' (and drawings', built-in pictures') quality recipe: the mixtures' optimizer,
 * networks and schedule, with what the search of docs/benchmarks/picture-recipe-search.md
 * found on pictures: D sees sinusoidal features of the point (its raw coordinates cannot
 * resolve thin strokes: G's points filled the spiral's whole disc), opening coarse to fine over
 * the first half of the run ("Minibatch statistics, and opening D's bands coarse to fine"); z
 * of 8 (2 left strokes and parts too narrow, recall 54–74%); R1 of 0.2 in the unit square's
 * coordinates (0.05 let disjoint parts drift apart in mass); and a D that cannot die and does
 * not lag ("A D that cannot die, with G's momentum kept"): with ReLU units D went silent at the
 * data late in some runs (R1's penalty exactly 0) and G drifted off the picture, so D's units
 * are leaky; in G too they broke pictures of many small dots (mass piled on the wrong dots), so
 * G's stay ReLU. Adam without momentum for D (β1 = 0) brings zig within 10× of its floor; G
 * keeps β1 0.5, which holds the mass of penta's and the dots' parts even (β1 = 0 for G too
 * raised their js64).
 */
const PICTURE_QUALITY: Partial<TrainConfig> = {
  ...MIXTURE_RECIPE,
  zDim: 8,
  dFourier: 6,
  dFourierWarmup: 0.5,
  r1Weight: 0.2,
  dActivation: 'leaky-relu',
  dAdamBeta1: 0,
};

/**
 * Folders' (conditional runs') quality recipe: the pictures' with less momentum in G's Adam,
 * β1 = 0.25 (picture-recipe-search.md, "G's momentum and the bands' warm-up on folders"). With
 * β1 = 0 and no warm-up, penta/ straddled the folders' 6× over ten seeds (7 of 10 within it);
 * with both, every seed of ten was within it, binary/, vortex/ and a drawn folder of thick
 * shapes stayed within their bar. G's ReLU units as on pictures: leaky ones piled a dot
 * folder's mass on the wrong dots ("G's ReLU units on folders").
 */
const FOLDER_QUALITY: Partial<TrainConfig> = {
  ...PICTURE_QUALITY,
  adamBeta1: 0.25,
};

/** The named recipes `gan2d train --recipe NAME` accepts. */
export const RECIPES = ['quality', 'seed'] as const;
export type RecipeName = (typeof RECIPES)[number];

export function isRecipeName(name: string): name is RecipeName {
  return (RECIPES as readonly string[]).includes(name);
}

/** The recipe a run on `input` uses when none is named: the mixtures' own (quality), the seed demo's for everything else. */
export function defaultRecipe(input: string | undefined): RecipeName {
  return input !== undefined && Object.hasOwn(RECOMMENDED, input) ? 'quality' : 'seed';
}

/**
 * The settings of recipe `recipe` on `input`: seed is every default; quality is the mixture's own entry, or the
 * folders' recipe for a conditional run (a folder, or --conditional), or the pictures' recipe.
 */
export function recipeSettings(input: string | undefined, recipe: RecipeName, conditional = false): Partial<TrainConfig> {
  if (recipe === 'seed') return {};
  if (input !== undefined && Object.hasOwn(RECOMMENDED, input)) return structuredClone(RECOMMENDED[input]);
  return structuredClone(conditional ? FOLDER_QUALITY : PICTURE_QUALITY);
}

/** The recommended settings of a training input (builtin:NAME), or none. */
export function recommendedSettings(input: string | undefined): Partial<TrainConfig> | undefined {
  if (input === undefined || !Object.hasOwn(RECOMMENDED, input)) return undefined;
  return structuredClone(RECOMMENDED[input]);
}

/**
 * The full config of a run on `input`: the options given, over the recipe's settings (by default the input's own,
 * the folders' when the run is conditional), over the defaults.
 */
export function resolveRunConfig(
  input: string | undefined,
  given: Partial<Record<keyof TrainConfig, unknown>>,
  recipe: RecipeName = defaultRecipe(input),
  conditional = false,
): TrainConfig {
  return resolveTrainConfig({ ...recipeSettings(input, recipe, conditional), ...given });
}
