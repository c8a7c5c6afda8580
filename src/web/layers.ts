/**
 * The main view's layers, in drawing order (bottom first), with their legend entries.
 * Each colour keeps the one meaning docs/design.md gives it.
 */
import { css, GENERATED, GENERATOR_GRADIENT, REAL, type Rgb } from '../core/render/colors.js';
import { surfaceColor } from './surface-colors.js';

/** A palette colour at some opacity, for a swatch that stands for a translucent layer. */
const translucent = ([red, green, blue]: Rgb, alpha: number): string => `rgba(${red}, ${green}, ${blue}, ${alpha})`;

export type LayerId = 'surface' | 'realDensity' | 'generatedDensity' | 'manifold' | 'generated' | 'real' | 'gradients';

export interface LayerSpec {
  id: LayerId;
  label: string;
  /** A CSS background for the legend's swatch. */
  swatch: string;
  description: string;
  visibleByDefault: boolean;
}

export const LAYERS: readonly LayerSpec[] = [
  { id: 'surface', label: "D's surface", swatch: `linear-gradient(90deg, ${[0, 0.5, 1].map((p) => css(surfaceColor(p))).join(', ')})`,
    description: 'the discriminator\'s output over the plane: purple where it says fake, green where it says real', visibleByDefault: true },
  { id: 'realDensity', label: 'Real density', swatch: translucent(REAL, 0.35),
    description: 'the density being learned', visibleByDefault: false },
  { id: 'generatedDensity', label: 'Generated density', swatch: translucent(GENERATED, 0.35),
    description: 'a smoothed histogram of the generated points', visibleByDefault: false },
  { id: 'manifold', label: "G's manifold", swatch: `repeating-linear-gradient(90deg, ${css(GENERATED)} 0 2px, transparent 2px 6px)`,
    description: 'a grid in z space pushed through the generator', visibleByDefault: false },
  { id: 'generated', label: 'Generated points', swatch: css(GENERATED), description: 'the generator\'s samples (•)', visibleByDefault: true },
  { id: 'real', label: 'Real points', swatch: css(REAL), description: 'samples of the real density (×)', visibleByDefault: true },
  { id: 'gradients', label: "G's gradients", swatch: css(GENERATOR_GRADIENT),
    description: 'the gradient of D at each generated point: where G is pushed', visibleByDefault: true },
];

export type LayerVisibility = Record<LayerId, boolean>;

export function defaultVisibility(): LayerVisibility {
  return Object.fromEntries(LAYERS.map((layer) => [layer.id, layer.visibleByDefault])) as LayerVisibility;
}
