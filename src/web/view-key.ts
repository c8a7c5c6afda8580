/**
 * The key under the view: a colour bar for D's surface (fake … unsure … real) or a flow's
 * arrow and trajectory (naming, in a conditional run, whose velocity the arrows are), and in a
 * conditional run one entry per condition, by name, with its real and generated marks as the
 * view draws them (point-styles.ts) and its latest quality figures. Colours come from the same tables as the view's.
 */
import type { ModelName } from '../core/flow/config.js';
import type { ConditionScores } from '../core/metrics/index.js';
import { css, FLOW } from '../core/render/colors.js';
import { generatedPointColor, realPointColor } from './point-styles.js';
import { surfaceColor } from './surface-colors.js';

export interface ViewKey {
  /** The conditions' names in one-hot order (none: a plain run, whose marks the layer switches show). */
  setConditions(labels: readonly string[]): void;
  /** Whether D's surface shows probabilities (fake 0 … real 1) or a critic's unbounded scores. */
  setSurfaceScale(probability: boolean): void;
  /** A GAN's key shows D's surface; a flow's, its velocity arrows and trajectories instead. */
  setModel(model: ModelName): void;
  /** The condition shown alone (null: all). A conditional flow's arrows are one condition's velocity: the key names it. */
  setShownCondition(condition: number | null): void;
  /** Each condition's latest figures beside its name (none yet: the entries show no figures). */
  setConditionScores(scores: readonly ConditionScores[]): void;
}

/**
 * A picture's figures in the key's words: js64 against that picture's own floor (a folder's
 * whole figure is a weighted mean, where one failed picture hides) and its far oos.
 */
export function conditionScoreWords(scores: ConditionScores): string {
  return `js64 ${(scores.values.js64 / scores.floors.js64).toFixed(1)}× its floor, far oos ${(100 * scores.values.farOos).toFixed(1)}%`;
}

/**
 * Whose velocity a flow's arrows are, as words to follow "velocity at t": nothing for a plain
 * run; in a conditional one, the field depends on the condition and the view draws one: the
 * condition shown alone, or the first when all are shown.
 */
export function velocitySubject(names: readonly string[], shown: number | null): string {
  if (names.length === 0) return '';
  return shown === null ? ` of ${names[0]} only` : ` of ${names[shown]}`;
}

/** A flow's arrow in the key's words. */
function velocityWords(names: readonly string[], shown: number | null): string {
  const hint = names.length === 0 ? 'where a point there moves next' : shown === null ? 'show one condition alone for its own' : 'where its points there move next';
  return `velocity at t${velocitySubject(names, shown)} (${hint})`;
}

function span(className: string, text = ''): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** A real point's mark (×) and a generated point's (a rimmed dot), in a condition's colours. */
function marks(condition: number | null): HTMLElement[] {
  const real = span('mark mark-real', '×');
  real.style.color = css(realPointColor(condition));
  real.setAttribute('aria-hidden', 'true');
  const generated = span('mark mark-generated');
  generated.style.background = css(generatedPointColor(condition));
  generated.setAttribute('aria-hidden', 'true');
  return [real, span('mark-label', 'real'), generated, span('mark-label', 'generated')];
}

export function buildViewKey(container: HTMLElement): ViewKey {
  const surface = document.createElement('div');
  surface.className = 'surface-key';
  surface.id = 'surface-key';
  const title = span('surface-key-title', "D's surface");
  const bar = span('surface-bar');
  const stops = Array.from({ length: 11 }, (_, i) => `${css(surfaceColor(i / 10))} ${i * 10}%`);
  bar.style.background = `linear-gradient(90deg, ${stops.join(', ')})`;
  bar.setAttribute('aria-hidden', 'true');
  const labels = span('surface-labels');
  const [low, middle, high] = [span('', 'fake'), span('', 'unsure'), span('', 'real')];
  labels.append(low, middle, high);
  const scale = document.createElement('div');
  scale.className = 'surface-scale';
  scale.append(bar, labels);
  surface.append(title, scale);

  // A flow's marks, in its one colour: an arrow for the velocity, a thin line for a trajectory.
  const flow = document.createElement('div');
  flow.className = 'flow-key';
  flow.id = 'flow-key';
  flow.hidden = true;
  const arrow = span('flow-arrow', '→');
  arrow.style.color = css(FLOW);
  arrow.setAttribute('aria-hidden', 'true');
  const path = span('flow-path');
  path.style.borderTopColor = css(FLOW);
  path.setAttribute('aria-hidden', 'true');
  // Each mark with its words, so that a wrapped line never leaves a mark apart from them.
  const keyItem = (...children: HTMLElement[]): HTMLSpanElement => {
    const element = span('flow-key-item');
    element.append(...children);
    return element;
  };
  const velocity = span('mark-label');
  velocity.id = 'flow-key-velocity';
  flow.append(keyItem(arrow, velocity), keyItem(path, span('mark-label', 'trajectory from noise (t = 0) to data (t = 1)')));
  let names: readonly string[] = [];
  let shown: number | null = null;
  const describeVelocity = (): void => {
    velocity.textContent = velocityWords(names, shown);
    flow.setAttribute('aria-label', `Flow colours: red arrows are the ${velocity.textContent}, thin red lines the trajectories from noise to data`);
  };
  describeVelocity();

  const conditions = document.createElement('ul');
  conditions.className = 'condition-key';
  conditions.id = 'condition-key';
  conditions.setAttribute('aria-label', 'Conditions: their real and generated points');
  conditions.hidden = true;
  container.append(surface, flow, conditions);

  return {
    setConditions(labels) {
      names = labels;
      shown = null;
      describeVelocity();
      conditions.replaceChildren(...labels.map((name, i) => {
        const item = document.createElement('li');
        item.append(...marks(i), span('condition-name', name), span('condition-score'));
        item.title = `${name}: real points darker ×, generated points rimmed dots`;
        return item;
      }));
      conditions.hidden = labels.length === 0;
    },
    setShownCondition(condition) {
      shown = condition;
      describeVelocity();
    },
    setConditionScores(scores) {
      const items = Array.from(conditions.children);
      for (const item of items) item.querySelector('.condition-score')!.textContent = '';
      for (const each of scores) {
        const score = items[each.condition]?.querySelector<HTMLElement>('.condition-score');
        if (!score) continue;
        score.textContent = conditionScoreWords(each);
        score.title = `${each.points} generated points of this condition against its own picture: js64 ${each.values.js64.toPrecision(3)}, ` +
          `where as many exact samples score ${each.floors.js64.toPrecision(3)}; far oos: the share farther than 1/64 of the square from the picture`;
      }
    },
    setModel(model) {
      surface.hidden = model !== 'gan';
      flow.hidden = model !== 'flow';
    },
    setSurfaceScale(probability) {
      // A critic (WGAN-GP, hinge) scores without bounds: the view centres its colours on 0.
      low.textContent = probability ? 'fake (0)' : 'fake (low score)';
      middle.textContent = probability ? 'unsure (0.5)' : 'unsure (0)';
      high.textContent = probability ? 'real (1)' : 'real (high score)';
      surface.setAttribute('aria-label', `D's surface colours: purple where D says fake, grey where it is unsure, green where it says real`);
    },
  };
}
