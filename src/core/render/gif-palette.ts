/**
 * The fixed GIF palette: every colour gan2d draws, built once, so frames need no
 * per-frame quantisation. It holds greys (text and axes are anti-aliased black on
 * white), each meaning's colour with tints toward white (anti-aliased coloured text and
 * markers), and every step of the real/generated density ramps and the discriminator's scale.
 */
import {
  DISCRIMINATOR, GENERATED, GENERATOR_GRADIENT, GRID_LINE, INK, MUTED_INK, REAL, RAMP_STEPS,
  CONDITION_COLORS, WHITE, densityScale, discriminatorScale, mix, type Rgb,
} from './colors.js';

const GREY_LEVELS = 24;
const TINTS = [0.35, 0.6, 0.8];

export function trainingPalette(): Rgb[] {
  const colors: Rgb[] = [];
  const seen = new Set<number>();
  const add = (color: Rgb): void => {
    const key = (color[0] << 16) | (color[1] << 8) | color[2];
    if (seen.has(key)) return;
    seen.add(key);
    colors.push(color);
  };
  // White first: index 0 is the GIF's background colour.
  add(WHITE);
  for (let i = 0; i < GREY_LEVELS; i++) {
    const level = Math.round((255 * i) / (GREY_LEVELS - 1));
    add([level, level, level]);
  }
  for (const color of [INK, MUTED_INK, GRID_LINE]) add(color);
  for (const color of [REAL, GENERATED, DISCRIMINATOR, GENERATOR_GRADIENT, ...CONDITION_COLORS]) {
    add(color);
    for (const tint of TINTS) add(mix(color, WHITE, tint));
  }
  for (let i = 0; i < RAMP_STEPS; i++) {
    const t = i / (RAMP_STEPS - 1);
    add(densityScale(REAL, t));
    add(densityScale(GENERATED, t));
    add(discriminatorScale(t));
  }
  if (colors.length > 256) throw new Error(`trainingPalette: ${colors.length} colours, a GIF holds 256`);
  return colors;
}
