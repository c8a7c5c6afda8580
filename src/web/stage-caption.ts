/**
 * The staged step's captions: what each half of an iteration did, in plain words, from the
 * numbers the training worker measured (protocol.ts's StageReport). No jargon beyond D and G.
 */
import type { StageReport } from './protocol.js';

function verdict(value: number, probability: boolean): string {
  return probability ? value.toFixed(2) : value.toPrecision(3);
}

/** "0.62 (was 0.58)": with a digit more when two would print the same. */
function change(scores: { before: number; after: number }, probability: boolean): string {
  let [after, before] = [verdict(scores.after, probability), verdict(scores.before, probability)];
  if (after === before && probability) [after, before] = [scores.after.toFixed(3), scores.before.toFixed(3)];
  return `${after} (was ${before})`;
}

export function stageCaption(stage: StageReport): string {
  const scale = stage.probability ? '0 means fake, 1 real' : 'higher means more real';
  if (stage.part === 'd') {
    const realUp = stage.real.after > stage.real.before;
    const fakeDown = stage.generated.after < stage.generated.before;
    const effect = realUp && fakeDown
      ? 'its surface turned greener under the real points and purpler under the generated ones'
      : realUp
        ? 'it trusts the real points more, but not yet the generated ones less'
        : fakeDown
          ? 'it doubts the generated points more, though the real ones less too'
          : 'this batch did not help it tell them apart here (it learns from a new batch each time)';
    return `Stage 1 of 2, D's turn (iteration ${stage.iteration.toLocaleString('en-US')}): D, the judge, ` +
      `trains to tell real points from generated ones. It now rates the real points ${change(stage.real, stage.probability)} ` +
      `and the generated ones ${change(stage.generated, stage.probability)} (${scale}): ${effect}. ` +
      'The arrows show where G will move its points next.';
  }
  const moved = `${(100 * stage.meanMove).toFixed(stage.meanMove < 0.001 ? 2 : 1)}% of the view's width`;
  const fooled = stage.generated.after > stage.generated.before
    ? `D now rates them higher, ${change(stage.generated, stage.probability)}: G fooled it a little more`
    : `D rates them ${change(stage.generated, stage.probability)}: this step overshot`;
  return `Stage 2 of 2, G's turn (iteration ${stage.iteration.toLocaleString('en-US')} done): G, the forger, moves its points ` +
    `along the arrows, uphill on D's surface towards what D calls real. They moved ${moved} on average (the faint trails); ` +
    `${fooled}. Next: D's turn again.`;
}
