import { GaussianMixture } from './gaussian-mixture.js';
import { drawPicture, drawPictureParts, PICTURES } from './pictures.js';
import { mixtureTarget, pictureTarget, type Target } from './target.js';

/** The PacGAN benchmarks of docs/design.md: 8 Gaussians on the unit circle, σ = 0.01. */
export function ringMixture(): GaussianMixture {
  const centres = Array.from({ length: 8 }, (_, i) => [Math.cos((2 * Math.PI * i) / 8), Math.sin((2 * Math.PI * i) / 8)] as const);
  return new GaussianMixture(centres, 0.01);
}

/** 25 Gaussians at {-4, -2, 0, 2, 4}², σ = 0.05. */
export function gridMixture(): GaussianMixture {
  const centres: (readonly [number, number])[] = [];
  for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) centres.push([x, y]);
  return new GaussianMixture(centres, 0.05);
}

const MIXTURES: Readonly<Record<string, { description: string; make: () => GaussianMixture; half: number }>> = {
  ring: { description: '8 Gaussians on the unit circle, sigma 0.01 (PacGAN)', make: ringMixture, half: 1.5 },
  grid: { description: '25 Gaussians on {-4,-2,0,2,4}^2, sigma 0.05 (PacGAN)', make: gridMixture, half: 6 },
};

export const BUILTIN_PREFIX = 'builtin:';

/** Every built-in name (without the prefix) with a one-line description. */
export function builtinCatalogue(): { name: string; description: string; conditional: boolean }[] {
  return [
    ...Object.entries(MIXTURES).map(([name, m]) => ({ name, description: m.description, conditional: false })),
    ...Object.entries(PICTURES).map(([name, p]) => ({ name, description: p.description, conditional: p.conditional })),
  ];
}

export function builtinNames(): string[] {
  return builtinCatalogue().map((b) => b.name);
}

export function isBuiltinName(name: string): boolean {
  return Object.hasOwn(MIXTURES, name) || Object.hasOwn(PICTURES, name);
}

/** The built-in target NAME (no prefix). Throws a RangeError for an unknown name. */
export function builtinTarget(name: string, options: { stretch?: boolean; rasterSize?: number } = {}): Target {
  const label = BUILTIN_PREFIX + name;
  if (Object.hasOwn(MIXTURES, name)) {
    const m = MIXTURES[name];
    return mixtureTarget(label, m.make(), { xMin: -m.half, xMax: m.half, yMin: -m.half, yMax: m.half }, options.rasterSize);
  }
  if (Object.hasOwn(PICTURES, name)) return pictureTarget(label, drawPicture(name), options);
  throw new RangeError(`unknown builtin ${name}`);
}

/** The parts of a built-in picture as one target each (its conditional version). */
export function builtinPartTargets(name: string, options: { stretch?: boolean } = {}): Target[] {
  if (!Object.hasOwn(PICTURES, name)) throw new RangeError(`builtin ${name} has no parts`);
  return drawPictureParts(name).map((grid, i) => pictureTarget(`${BUILTIN_PREFIX}${name}/${i}`, grid, options));
}
