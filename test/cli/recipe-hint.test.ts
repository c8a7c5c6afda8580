// The closing hint of a picture's run on the seed demo's settings: when it is given, and what it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HINT_ABOVE_FLOOR, qualityRecipeHint, type HintedRun } from '../../src/cli/recipe-hint.js';
import type { FinalEvaluation } from '../../src/core/model/final-evaluation.js';

function evaluation(js64: number, js64Floor: number, pictures = 0): FinalEvaluation {
  const conditions = Array.from({ length: pictures }, (_, condition) => ({
    condition, name: `${condition}.png`, points: 100, values: { js64 }, floors: { js64: js64Floor },
  }));
  return { points: 20_000, values: { js64, oos: 0.1, farOos: 0.05 }, floors: { js64: js64Floor, oos: 0 }, conditions };
}

const SEED_RUN: HintedRun = { input: 'drawings/cat.png', model: 'gan', recipe: 'seed', recipeGiven: false, resumed: false, evaluation: evaluation(0.2, 0.004) };

test('a picture far from its floor on the default recipe: the ratio and the command that fits closer', () => {
  assert.equal(qualityRecipeHint(SEED_RUN),
    "js64 is 50× its floor on the seed demo's settings; to fit the picture more closely (about a minute): gan2d train drawings/cat.png --recipe quality (docs/benchmarks-pictures.md)");
  assert.match(qualityRecipeHint({ ...SEED_RUN, input: 'examples/binary/', evaluation: evaluation(0.05, 0.002, 2) }) ?? '', /^js64 is 25× .* fit the pictures more closely .*: gan2d train examples\/binary\/ --recipe quality/);
});

test('an input a shell would split is quoted as a shell takes it back', () => {
  assert.match(qualityRecipeHint({ ...SEED_RUN, input: "my drawings/Bob's cat.png" }) ?? '', / gan2d train 'my drawings\/Bob'\\''s cat\.png' --recipe quality /);
});

test('no hint at or under the threshold, for mixtures, flows, a named or other recipe, a resumed or unscored run', () => {
  assert.equal(qualityRecipeHint({ ...SEED_RUN, evaluation: evaluation(HINT_ABOVE_FLOOR * 0.004, 0.004) }), null);
  assert.notEqual(qualityRecipeHint({ ...SEED_RUN, evaluation: evaluation(HINT_ABOVE_FLOOR * 0.004 * 1.01, 0.004) }), null);
  for (const run of [
    { ...SEED_RUN, input: 'builtin:ring' },
    { ...SEED_RUN, model: 'flow' as const, recipe: undefined },
    { ...SEED_RUN, recipeGiven: true },
    { ...SEED_RUN, recipe: 'quality' as const },
    { ...SEED_RUN, resumed: true },
    { ...SEED_RUN, evaluation: undefined },
    { ...SEED_RUN, input: undefined },
  ]) assert.equal(qualityRecipeHint(run), null, JSON.stringify(run));
});
