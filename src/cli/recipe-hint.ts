/**
 * The line `gan2d train` adds after a picture's run on the seed demo's settings that stayed far
 * from its floor: the seed demo is the default for pictures (its job, as the seed did it), so a
 * newcomer's first run ends blurred; the line says how far, and the command that fits closer.
 */
import type { ModelName } from '../core/flow/config.js';
import type { RecipeName } from '../core/gan/presets.js';
import type { FinalEvaluation } from '../core/model/final-evaluation.js';

/** Above this many times its floor, a picture's js64 is worth the quality recipe's minute. */
export const HINT_ABOVE_FLOOR = 10;

export interface HintedRun {
  input: string | undefined;
  model: ModelName;
  /** The recipe the run used, and whether the command line named it. */
  recipe: RecipeName | undefined;
  recipeGiven: boolean;
  resumed: boolean;
  evaluation: FinalEvaluation | undefined;
}

/** The input as a shell would take it back: quoted when it holds anything beyond a path's plain characters. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The hint, or null where it does not apply (a mixture, a flow, a recipe asked for by name, a resumed or unfinished run, a close fit). */
export function qualityRecipeHint(run: HintedRun): string | null {
  const { input, evaluation } = run;
  if (input === undefined || input.startsWith('builtin:') || run.model !== 'gan' || run.recipe !== 'seed' || run.recipeGiven || run.resumed || !evaluation) return null;
  const ratio = evaluation.values.js64 / evaluation.floors.js64;
  if (!(ratio > HINT_ABOVE_FLOOR)) return null;
  const what = evaluation.conditions.length > 0 ? 'the pictures' : 'the picture';
  return `js64 is ${ratio.toFixed(0)}× its floor on the seed demo's settings; to fit ${what} more closely (about a minute): ` +
    `gan2d train ${shellWord(input)} --recipe quality (docs/benchmarks-pictures.md)`;
}
