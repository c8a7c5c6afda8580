/**
 * gan2d's colours, one meaning each, everywhere (docs/design.md, "Colours").
 *
 * Colours are kept as RGB triples so the pixel painters and the GIF palette use the
 * very same numbers as the canvas styles; `css()` turns one into a canvas style.
 */

export type Rgb = readonly [red: number, green: number, blue: number];

export function hexToRgb(hex: string): Rgb {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new RangeError(`hexToRgb: not a #rrggbb colour: ${hex}`);
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function css(color: Rgb): string {
  return `rgb(${color[0]}, ${color[1]}, ${color[2]})`;
}

/** Linear blend in RGB: t = 0 gives `from`, t = 1 gives `to`; channels rounded to bytes. */
export function mix(from: Rgb, to: Rgb, t: number): Rgb {
  return [
    Math.round(from[0] + (to[0] - from[0]) * t),
    Math.round(from[1] + (to[1] - from[1]) * t),
    Math.round(from[2] + (to[2] - from[2]) * t),
  ];
}

export const WHITE: Rgb = [255, 255, 255];
export const BLACK: Rgb = [0, 0, 0];
/** Text, axes and frames: near-black reads softer than pure black at small sizes. */
export const INK: Rgb = [34, 34, 34];
/** Secondary ink: tick labels, grid, floors. */
export const MUTED_INK: Rgb = [110, 110, 110];
export const GRID_LINE: Rgb = [225, 225, 225];

/** The meanings. */
export const REAL: Rgb = hexToRgb('#008837');
export const GENERATED: Rgb = hexToRgb('#a33ebd');
export const DISCRIMINATOR: Rgb = hexToRgb('#447ce4');
export const GENERATOR_GRADIENT: Rgb = hexToRgb('#c414db');
/**
 * A flow's own marks: its velocity arrows, its trajectories from noise to data, its loss. Pure
 * red stays at least ΔE 47 (CIELAB) from every other colour here, the conditions' included.
 */
export const FLOW: Rgb = hexToRgb('#ff0000');
/** The middle of the discriminator's diverging scale (D = 0.5: cannot tell). */
export const UNDECIDED_GREY: Rgb = hexToRgb('#c8c8c8');

/**
 * The conditions' colours: d3's Tableau 10 (schemeTableau10), in its order, but for its green
 * (#59a14f), too near the real data's green to mean something else, replaced by a dark olive.
 * Condition i takes entry i mod 10.
 */
export const CONDITION_COLORS: readonly Rgb[] = [
  '#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#8f7e1e',
  '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab',
].map(hexToRgb);

export function conditionColor(condition: number): Rgb {
  return CONDITION_COLORS[((condition % CONDITION_COLORS.length) + CONDITION_COLORS.length) % CONDITION_COLORS.length];
}

/**
 * The discriminator's surface: 0 (judged fake) purple, 0.5 grey, 1 (judged real) green.
 * Values outside [0, 1] are clamped; NaN shows as the undecided grey.
 */
export function discriminatorScale(probabilityReal: number): Rgb {
  const p = Number.isNaN(probabilityReal) ? 0.5 : Math.min(1, Math.max(0, probabilityReal));
  return p < 0.5 ? mix(GENERATED, UNDECIDED_GREY, p * 2) : mix(UNDECIDED_GREY, REAL, (p - 0.5) * 2);
}

/**
 * A sequential ramp for densities: 0 is white (no mass, the page), 1 is `base` itself,
 * so a flat density shows in the meaning's own colour. Real densities use REAL,
 * generated ones GENERATED.
 */
export function densityScale(base: Rgb, t: number): Rgb {
  const x = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  return mix(WHITE, base, x);
}

/**
 * How many steps the density and discriminator ramps are drawn with. The painters snap
 * to these steps and the GIF palette holds each of them, so ramps survive GIF encoding exactly.
 */
export const RAMP_STEPS = 56;

/** A ramp sampled at RAMP_STEPS evenly spaced points from 0 to 1, as RGBA bytes. */
export function rampTable(scale: (t: number) => Rgb, steps = RAMP_STEPS): Uint8ClampedArray {
  const table = new Uint8ClampedArray(steps * 4);
  for (let i = 0; i < steps; i++) {
    const color = scale(i / (steps - 1));
    table.set([color[0], color[1], color[2], 255], i * 4);
  }
  return table;
}
