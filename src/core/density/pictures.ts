import { Rng } from '../rng.js';
import { annulus, disc, rasterizeField, rasterizeShape, segment, stroke, union, type SignedDistance } from './drawing.js';
import type { DensityGrid } from './grid.js';

/**
 * The built-in pictures, drawn by math in unit-square coordinates (y up). Each has parts
 * (the conditions of its conditional version: examples/NAME/0.png, 1.png, ...) and the whole
 * picture is their union. The same code draws examples/ and serves `builtin:NAME`.
 */
export interface PictureSpec {
  readonly description: string;
  /** Signed-distance parts, or one value field for pictures that are not shapes. */
  readonly parts?: readonly SignedDistance[];
  readonly field?: (x: number, y: number) => number;
  /** Whether examples/ ships NAME/0.png ... one picture a part. */
  readonly conditional: boolean;
}

export const PICTURE_SIZE = 256;

/** The two discs of the seed demo (../shared/bench/torch_gan2d.py), y up. */
const binaryParts = [disc(0.34, 0.637, 0.176), disc(0.687, 0.302, 0.111)];

/** "<": two thin lines meeting at an acute angle (about 37°) whose vertex touches the left edge. */
const zigParts = [segment(0.012, 0.5, 0.92, 0.8, 0.012), segment(0.012, 0.5, 0.92, 0.2, 0.012)];

/** Three tapered arms of a pinwheel, curling the same way around the centre, apart from each other. */
const vortexParts = [0, 1, 2].map((k) => {
  const points: [number, number][] = [];
  const halfWidths: number[] = [];
  for (let i = 0; i <= 48; i++) {
    const r = 0.07 + (0.36 * i) / 48;
    const angle = (2 * Math.PI * k) / 3 + 3.2 * r;
    points.push([0.5 + r * Math.cos(angle), 0.5 + r * Math.sin(angle)]);
    halfWidths.push(0.045 - 0.075 * (r - 0.07));
  }
  return stroke(points, halfWidths);
});

/** A pentagram: five strokes, each joining a vertex of a regular pentagon to the one two along. */
const pentaParts = [0, 1, 2, 3, 4].map((k) => {
  const vertex = (i: number): [number, number] => {
    const angle = Math.PI / 2 + (2 * Math.PI * i) / 5;
    return [0.5 + 0.42 * Math.cos(angle), 0.48 + 0.42 * Math.sin(angle)];
  };
  const [ax, ay] = vertex(k);
  const [bx, by] = vertex(k + 2);
  return segment(ax, ay, bx, by, 0.018);
});

/** The letter G from strokes: an open arc and its bar. */
const letterParts = [
  union(
    stroke(
      Array.from({ length: 41 }, (_, i) => {
        const angle = (30 + (i * 290) / 40) * (Math.PI / 180);
        return [0.5 + 0.33 * Math.cos(angle), 0.5 + 0.36 * Math.sin(angle)] as [number, number];
      }),
      new Array(41).fill(0.055),
    ),
    segment(0.53, 0.45, 0.8, 0.45, 0.05),
    segment(0.8, 0.45, 0.8, 0.2, 0.055),
  ),
];

/** A smooth random field: a few low-frequency waves with a fixed seed, clipped to [0, 1] and raised to 1.5 for contrast. */
function makeField(): (x: number, y: number) => number {
  const rng = new Rng(20240611, 1);
  const waves: { fx: number; fy: number; phase: number; amplitude: number }[] = [];
  for (let i = 0; i < 14; i++) {
    const fx = rng.int(7) - 3;
    const fy = rng.int(7) - 3;
    if (fx === 0 && fy === 0) continue;
    waves.push({ fx, fy, phase: 2 * Math.PI * rng.uniform(), amplitude: 1 / Math.hypot(fx, fy) });
  }
  let norm = 0;
  for (const w of waves) norm += w.amplitude;
  return (x, y) => {
    let f = 0;
    for (const w of waves) f += w.amplitude * Math.cos(2 * Math.PI * (w.fx * x + w.fy * y) + w.phase);
    const v = Math.max(0, Math.min(1, 0.45 + 1.6 * (f / norm)));
    return v * Math.sqrt(v);
  };
}

export const PICTURES: Readonly<Record<string, PictureSpec>> = {
  binary: { description: 'two disjoint discs, one large and one small (the seed demo)', parts: binaryParts, conditional: true },
  zig: { description: 'an open acute angle of thin lines touching the left edge', parts: zigParts, conditional: false },
  vortex: { description: 'three curved arms of a pinwheel', parts: vortexParts, conditional: true },
  penta: { description: 'a five-stroke star', parts: pentaParts, conditional: true },
  annulus: { description: 'a thin ring', parts: [annulus(0.5, 0.5, 0.32, 0.035)], conditional: false },
  letter: { description: 'the letter G drawn with strokes', parts: letterParts, conditional: false },
  field: { description: 'a smooth random field', field: makeField(), conditional: false },
};

export function pictureNames(): string[] {
  return Object.keys(PICTURES);
}

/** Draws the whole picture (the union of its parts). */
export function drawPicture(name: string, size = PICTURE_SIZE): DensityGrid {
  const spec = PICTURES[name];
  if (!spec) throw new RangeError(`drawPicture: unknown picture ${name}`);
  if (spec.field) return rasterizeField(spec.field, size);
  return rasterizeShape(union(...(spec.parts ?? [])), size);
}

/** Draws each part alone: the conditions of the picture's conditional version. */
export function drawPictureParts(name: string, size = PICTURE_SIZE): DensityGrid[] {
  const spec = PICTURES[name];
  if (!spec) throw new RangeError(`drawPictureParts: unknown picture ${name}`);
  if (spec.field) return [rasterizeField(spec.field, size)];
  return (spec.parts ?? []).map((part) => rasterizeShape(part, size));
}
