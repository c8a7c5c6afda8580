/**
 * The colours of D's surface on the page: the diverging scale of core/render (purple for
 * fake, grey for unsure, green for real), tinted halfway to white: the surface is the
 * backdrop, and the points drawn over it in the full colours must stand out. The view
 * paints with these, and the key's colour bar shows the same.
 */
import { discriminatorScale, mix, WHITE, type Rgb } from '../core/render/colors.js';

const SURFACE_TINT = 0.55;

/** 256 steps from 0 (fake) to 1 (real), computed once. */
export const SURFACE_LUT: readonly Rgb[] = Array.from({ length: 256 }, (_, i) => mix(discriminatorScale(i / 255), WHITE, SURFACE_TINT));

/** The surface's colour for a probability of "real" (clamped; NaN shows as unsure). */
export function surfaceColor(probability: number): Rgb {
  return SURFACE_LUT[Number.isFinite(probability) ? Math.round(Math.min(1, Math.max(0, probability)) * 255) : 128];
}
