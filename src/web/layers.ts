/**
 * The main view's layers, in drawing order (bottom first), with their legend entries.
 * Each colour keeps the one meaning docs/design.md gives it.
 */
import type { ModelName } from '../core/flow/config.js';
import { css, FLOW, GENERATED, GENERATOR_GRADIENT, REAL, type Rgb } from '../core/render/colors.js';
import { surfaceColor } from './surface-colors.js';

/** A palette colour at some opacity, for a swatch that stands for a translucent layer. */
const translucent = ([red, green, blue]: Rgb, alpha: number): string => `rgba(${red}, ${green}, ${blue}, ${alpha})`;

export type LayerId = 'surface' | 'realDensity' | 'generatedDensity' | 'manifold' | 'trajectories' | 'generated' | 'real' | 'gradients' | 'velocity';

export interface LayerSpec {
  id: LayerId;
  label: string;
  /** A CSS background for the legend's swatch. */
  swatch: string;
  description: string;
  visibleByDefault: boolean;
  /** The models that have it: D's surface, G's manifold and gradients are a GAN's; the velocity and trajectories a flow's. */
  models: readonly ModelName[];
}

const BOTH: readonly ModelName[] = ['gan', 'flow'];
const GAN: readonly ModelName[] = ['gan'];
const FLOW_ONLY: readonly ModelName[] = ['flow'];

export const LAYERS: readonly LayerSpec[] = [
  { id: 'surface', label: "D's surface", swatch: `linear-gradient(90deg, ${[0, 0.5, 1].map((p) => css(surfaceColor(p))).join(', ')})`,
    description: 'the discriminator\'s output over the plane: purple where it says fake, green where it says real', visibleByDefault: true, models: GAN },
  { id: 'realDensity', label: 'Real density', swatch: translucent(REAL, 0.35),
    description: 'the density being learned', visibleByDefault: false, models: BOTH },
  { id: 'generatedDensity', label: 'Generated density', swatch: translucent(GENERATED, 0.35),
    description: 'a smoothed histogram of the generated points', visibleByDefault: false, models: BOTH },
  { id: 'manifold', label: "G's manifold", swatch: `repeating-linear-gradient(90deg, ${css(GENERATED)} 0 2px, transparent 2px 6px)`,
    description: 'a grid in z space pushed through the generator', visibleByDefault: false, models: GAN },
  { id: 'trajectories', label: 'Trajectories', swatch: `repeating-linear-gradient(90deg, ${translucent(FLOW, 0.5)} 0 4px, transparent 4px 6px)`,
    description: 'the paths of some of the points from noise (t = 0) to data (t = 1), through the solver\'s steps', visibleByDefault: true, models: FLOW_ONLY },
  { id: 'generated', label: 'Generated points', swatch: css(GENERATED),
    description: 'the model\'s samples (•); for a flow, where its points are at the time t chosen under the view', visibleByDefault: true, models: BOTH },
  { id: 'real', label: 'Real points', swatch: css(REAL), description: 'samples of the real density (×)', visibleByDefault: true, models: BOTH },
  { id: 'gradients', label: "G's gradients", swatch: css(GENERATOR_GRADIENT),
    description: 'the gradient of D at each generated point: where G is pushed', visibleByDefault: true, models: GAN },
  { id: 'velocity', label: 'Velocity at t', swatch: css(FLOW),
    description: 'the flow\'s velocity over the plane at the time t chosen under the view: where a point there moves next', visibleByDefault: true, models: FLOW_ONLY },
];

export type LayerVisibility = Record<LayerId, boolean>;

export function defaultVisibility(): LayerVisibility {
  return Object.fromEntries(LAYERS.map((layer) => [layer.id, layer.visibleByDefault])) as LayerVisibility;
}
