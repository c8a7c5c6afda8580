/**
 * How the view marks real and generated points, shared by the view and its key. A plain run
 * tells them apart by colour (real green, generated purple) and by shape (× and •). In a
 * conditional run both take their condition's colour, so shape alone would tell them apart:
 * real points are also darker (their colour mixed a third towards ink) and drawn bolder,
 * generated ones are filled dots with a white rim.
 */
import { conditionColor, GENERATED, INK, mix, REAL, type Rgb } from '../core/render/colors.js';

/** How far a real point's colour goes towards ink in a conditional run. */
const REAL_SHADE = 0.35;

/** A real point's colour: the real green, or its condition's colour, darker. */
export function realPointColor(condition: number | null): Rgb {
  return condition === null ? REAL : mix(conditionColor(condition), INK, REAL_SHADE);
}

/** A generated point's colour: the generated purple, or its condition's colour. */
export function generatedPointColor(condition: number | null): Rgb {
  return condition === null ? GENERATED : conditionColor(condition);
}
