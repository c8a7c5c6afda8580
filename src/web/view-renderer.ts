/**
 * Draws the main view: one square plot whose layers (D's surface, the two densities, G's
 * manifold, real and generated points, G's gradients) can each be switched off. Colours
 * and scales come from core/render, so the page and the CLI's frames agree.
 */
import { pointsAtTime } from '../core/flow/flow-view.js';
import {
  conditionColor, css, drawAxes, FLOW, GENERATED, GENERATOR_GRADIENT, linearTicks, REAL,
  smoothedHistogram, type Bounds, type PixelRect, type Rgb,
} from '../core/render/index.js';
import type { LayerVisibility } from './layers.js';
import { generatedPointColor, realPointColor } from './point-styles.js';
import { surfaceColor } from './surface-colors.js';
import type { FrameData, RasterData, RunInfo } from './protocol.js';

/** A flow's points at time t (its trajectories read there); a GAN's generated points as they are. */
export function shownPoints(frame: FrameData, time: number): Float32Array {
  if (!frame.flow) return frame.generated;
  return pointsAtTime(frame.flow.paths, frame.flow.steps, time, new Float32Array(frame.generated.length), frame.flow.spacing);
}

/** Trajectories drawn: about this many, spread over the display points (and so over every condition). */
const TRAJECTORIES = 120;

/** Cells across the generated density's histogram, and its blur in cells. */
const HISTOGRAM_SIZE = 72;
const HISTOGRAM_SIGMA = 1.3;
/** The densest place of a density layer gets this opacity, so the layers under it still show. */
const DENSITY_ALPHA = 0.62;

interface Layout {
  plot: PixelRect;
  pixelRatio: number;
}

function offscreen(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** A density as a tint: colour `base`, opacity rising with the value (each grid scaled to its own maximum). */
function tintCanvas(width: number, height: number, values: Float32Array, color: (cell: number) => Rgb, into?: HTMLCanvasElement): HTMLCanvasElement {
  const canvas = into && into.width === width && into.height === height ? into : offscreen(width, height);
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const image = context.createImageData(width, height);
  let max = 0;
  for (const value of values) if (value > max) max = value;
  const scale = max > 0 ? 1 / max : 0;
  for (let i = 0; i < values.length; i++) {
    const t = Math.min(1, Math.max(0, values[i] * scale));
    const rgb = color(i);
    image.data[4 * i] = rgb[0];
    image.data[4 * i + 1] = rgb[1];
    image.data[4 * i + 2] = rgb[2];
    image.data[4 * i + 3] = Math.round(255 * DENSITY_ALPHA * Math.sqrt(t));
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

export interface ViewRenderer {
  /** A new run: its bounds, real sample and densities. */
  setRun(info: RunInfo): void;
  /** `time`: for a flow, the time in [0, 1] its points are shown at (a GAN's ignore it). */
  draw(frame: FrameData | null, visible: LayerVisibility, condition: number | null, time?: number): void;
  /** The canvas's pixels follow its CSS size times the device pixel ratio. */
  resize(): void;
}

export function createViewRenderer(canvas: HTMLCanvasElement): ViewRenderer {
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) throw new Error('this browser cannot draw on a canvas');
  const ctx = context;
  let run: RunInfo | null = null;
  let layout: Layout = computeLayout();
  const surfaceCanvas = offscreen(1, 1);
  let generatedDensityCanvas: HTMLCanvasElement | undefined;
  /** Real density tints, per condition filter (null: all conditions). */
  const realDensityCache = new Map<string, { canvas: HTMLCanvasElement; box: RasterData['box'] }[]>();

  function computeLayout(): Layout {
    const pixelRatio = Math.min(3, window.devicePixelRatio || 1);
    const cssSide = Math.max(240, Math.round(canvas.getBoundingClientRect().width || 640));
    const side = Math.round(cssSide * pixelRatio);
    if (canvas.width !== side || canvas.height !== side) {
      canvas.width = side;
      canvas.height = side;
    }
    const left = Math.round(34 * pixelRatio);
    const bottom = Math.round(24 * pixelRatio);
    const top = Math.round(10 * pixelRatio);
    const right = Math.round(12 * pixelRatio);
    const plotSide = Math.min(side - left - right, side - top - bottom);
    return { plot: { x: left, y: top, width: plotSide, height: plotSide }, pixelRatio };
  }

  function toPixel(bounds: Bounds): { x: (v: number) => number; y: (v: number) => number } {
    const { plot } = layout;
    const sx = plot.width / (bounds.xMax - bounds.xMin);
    const sy = plot.height / (bounds.yMax - bounds.yMin);
    return { x: (v) => plot.x + (v - bounds.xMin) * sx, y: (v) => plot.y + (bounds.yMax - v) * sy };
  }

  function drawImageOverBox(image: HTMLCanvasElement, box: RasterData['box'], bounds: Bounds, smooth: boolean): void {
    const p = toPixel(bounds);
    ctx.imageSmoothingEnabled = smooth;
    ctx.drawImage(image, p.x(box.xMin), p.y(box.yMax), p.x(box.xMax) - p.x(box.xMin), p.y(box.yMin) - p.y(box.yMax));
  }

  function drawSurface(surface: NonNullable<FrameData['surface']>, bounds: Bounds): void {
    const { size, values, probability } = surface;
    if (surfaceCanvas.width !== size) {
      surfaceCanvas.width = size;
      surfaceCanvas.height = size;
    }
    const surfaceContext = surfaceCanvas.getContext('2d');
    if (!surfaceContext) return;
    // A critic (WGAN, hinge) is unbounded: squash it around 0 by its largest magnitude.
    let spread = 1;
    if (!probability) {
      spread = 0;
      for (const value of values) spread = Math.max(spread, Math.abs(value));
      spread = spread > 0 ? spread : 1;
    }
    const image = surfaceContext.createImageData(size, size);
    for (let i = 0; i < values.length; i++) {
      const p = probability ? values[i] : 0.5 + 0.5 * Math.tanh((2 * values[i]) / spread);
      const rgb = surfaceColor(p);
      image.data[4 * i] = rgb[0];
      image.data[4 * i + 1] = rgb[1];
      image.data[4 * i + 2] = rgb[2];
      image.data[4 * i + 3] = 255;
    }
    surfaceContext.putImageData(image, 0, 0);
    drawImageOverBox(surfaceCanvas, bounds, bounds, true);
  }

  function realDensityTints(condition: number | null): { canvas: HTMLCanvasElement; box: RasterData['box'] }[] {
    if (!run) return [];
    const key = String(condition);
    const cached = realDensityCache.get(key);
    if (cached) return cached;
    const conditional = run.conditions.length > 0;
    const tints = run.densities
      .map((density, index) => ({ density, index }))
      .filter(({ index }) => condition === null || index === condition)
      .map(({ density, index }) => ({
        canvas: tintCanvas(density.width, density.height, density.values, () => (conditional ? conditionColor(index) : REAL)),
        box: density.box,
      }));
    realDensityCache.set(key, tints);
    return tints;
  }

  function drawGeneratedDensity(frame: FrameData, shown: Float32Array, bounds: Bounds, condition: number | null): void {
    const points = filterPoints(shown, frame.generatedConditions, condition);
    const values = smoothedHistogram(points, bounds, HISTOGRAM_SIZE, HISTOGRAM_SIGMA);
    generatedDensityCanvas = tintCanvas(HISTOGRAM_SIZE, HISTOGRAM_SIZE, values, () => GENERATED, generatedDensityCanvas);
    drawImageOverBox(generatedDensityCanvas, bounds, bounds, true);
  }

  function drawManifold(manifold: NonNullable<FrameData['manifold']>, bounds: Bounds): void {
    const p = toPixel(bounds);
    const { rows, columns, points } = manifold;
    ctx.save();
    ctx.strokeStyle = css(GENERATED);
    ctx.globalAlpha = 0.55;
    ctx.lineWidth = 1 * layout.pixelRatio;
    ctx.beginPath();
    const at = (r: number, c: number): [number, number] => {
      const i = 2 * (r * columns + c);
      return [p.x(points[i]), p.y(points[i + 1])];
    };
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const [x, y] = at(r, c);
        if (c + 1 < columns) {
          const [x2, y2] = at(r, c + 1);
          ctx.moveTo(x, y);
          ctx.lineTo(x2, y2);
        }
        if (r + 1 < rows) {
          const [x2, y2] = at(r + 1, c);
          ctx.moveTo(x, y);
          ctx.lineTo(x2, y2);
        }
      }
    }
    ctx.stroke();
    ctx.restore();
  }

  /**
   * Draws points grouped by colour: one path per colour keeps thousands of points cheap.
   * Colours and marks come from point-styles.ts (conditional runs: darker bold × for real, rimmed • for generated).
   */
  function drawPoints(points: Float32Array, conditions: Uint8Array | null, condition: number | null, bounds: Bounds, shape: 'cross' | 'dot'): void {
    const p = toPixel(bounds);
    const unit = layout.pixelRatio;
    const groups = new Map<number, number[]>();
    for (let i = 0, k = 0; i + 1 < points.length; i += 2, k++) {
      const group = conditions ? conditions[k] : -1;
      if (condition !== null && conditions && group !== condition) continue;
      let list = groups.get(group);
      if (!list) groups.set(group, (list = []));
      list.push(p.x(points[i]), p.y(points[i + 1]));
    }
    ctx.save();
    for (const [group, xy] of groups) {
      const of = group < 0 ? null : group;
      const color = css(shape === 'cross' ? realPointColor(of) : generatedPointColor(of));
      ctx.beginPath();
      if (shape === 'cross') {
        const arm = 2.5 * unit;
        for (let i = 0; i < xy.length; i += 2) {
          ctx.moveTo(xy[i] - arm, xy[i + 1] - arm);
          ctx.lineTo(xy[i] + arm, xy[i + 1] + arm);
          ctx.moveTo(xy[i] - arm, xy[i + 1] + arm);
          ctx.lineTo(xy[i] + arm, xy[i + 1] - arm);
        }
        ctx.strokeStyle = color;
        ctx.lineWidth = (of === null ? 1.1 : 1.6) * unit;
        ctx.globalAlpha = 0.8;
        ctx.stroke();
      } else {
        const radius = 2.1 * unit;
        for (let i = 0; i < xy.length; i += 2) {
          ctx.moveTo(xy[i] + radius, xy[i + 1]);
          ctx.arc(xy[i], xy[i + 1], radius, 0, 2 * Math.PI);
        }
        ctx.fillStyle = color;
        ctx.globalAlpha = 0.9;
        ctx.fill();
        if (of !== null) {
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 0.8 * unit;
          ctx.stroke();
        }
      }
    }
    ctx.restore();
  }

  /**
   * The arrows of D's gradient: at the generated points, or, just after the staged step's G
   * half, at where the points were (the arrows they followed).
   */
  function drawGradients(frame: FrameData, bounds: Bounds, condition: number | null): void {
    const followed = frame.stage?.part === 'g' ? frame.stage : null;
    const gradients = followed?.pushedBy ?? frame.gradients;
    if (!gradients) return;
    const p = toPixel(bounds);
    const points = followed?.before ?? frame.generated;
    const maxNorm = longestVector(gradients);
    if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) return;
    // The longest arrow spans 6% of the view: directions and relative sizes are what matter.
    const longest = 0.06 * layout.plot.width;
    const head = 3 * layout.pixelRatio;
    ctx.save();
    ctx.strokeStyle = css(GENERATOR_GRADIENT);
    ctx.lineWidth = 1 * layout.pixelRatio;
    ctx.globalAlpha = 0.85;
    ctx.beginPath();
    const stride = frame.gradientStride;
    for (let i = 0, k = 0; i + 1 < gradients.length; i += 2, k++) {
      const point = k * stride;
      if (condition !== null && frame.generatedConditions && frame.generatedConditions[point] !== condition) continue;
      const gx = gradients[i];
      const gy = gradients[i + 1];
      const norm = Math.hypot(gx, gy);
      if (!(norm > 0)) continue;
      const length = (longest * norm) / maxNorm;
      if (length < 1.5 * layout.pixelRatio) continue;
      // Pixel y grows downwards, data y upwards.
      const ux = gx / norm;
      const uy = -gy / norm;
      const x0 = p.x(points[2 * point]);
      const y0 = p.y(points[2 * point + 1]);
      arrowPath(ctx, x0, y0, ux, uy, length, head);
    }
    ctx.stroke();
    ctx.restore();
  }

  /** After the staged step's G half: a faint trail from where each generated point was to where it is. */
  function drawTrails(frame: FrameData, bounds: Bounds, condition: number | null): void {
    const before = frame.stage?.part === 'g' ? frame.stage.before : null;
    if (!before) return;
    const p = toPixel(bounds);
    const after = frame.generated;
    ctx.save();
    ctx.strokeStyle = css(GENERATED);
    ctx.globalAlpha = 0.45;
    ctx.lineWidth = 1 * layout.pixelRatio;
    ctx.beginPath();
    for (let i = 0, k = 0; i + 1 < before.length && i + 1 < after.length; i += 2, k++) {
      if (condition !== null && frame.generatedConditions && frame.generatedConditions[k] !== condition) continue;
      ctx.moveTo(p.x(before[i]), p.y(before[i + 1]));
      ctx.lineTo(p.x(after[i]), p.y(after[i + 1]));
    }
    ctx.stroke();
    ctx.restore();
  }

  /** A flow's trajectories: thin translucent lines through the solver's steps, for every few display points. */
  function drawTrajectories(frame: FrameData, bounds: Bounds, condition: number | null): void {
    if (!frame.flow) return;
    const { steps, paths } = frame.flow;
    const block = paths.length / (steps + 1);
    const count = block / 2;
    const stride = Math.max(1, Math.floor(count / TRAJECTORIES));
    const p = toPixel(bounds);
    ctx.save();
    ctx.strokeStyle = css(FLOW);
    ctx.globalAlpha = 0.3;
    ctx.lineWidth = 1 * layout.pixelRatio;
    ctx.beginPath();
    for (let k = 0; k < count; k += stride) {
      if (condition !== null && frame.generatedConditions && frame.generatedConditions[k] !== condition) continue;
      ctx.moveTo(p.x(paths[2 * k]), p.y(paths[2 * k + 1]));
      for (let s = 1; s <= steps; s++) ctx.lineTo(p.x(paths[s * block + 2 * k]), p.y(paths[s * block + 2 * k + 1]));
    }
    ctx.stroke();
    ctx.restore();
  }

  /** A flow's velocity field at t: an arrow per grid cell, the longest spanning most of a cell, lengths in proportion. */
  function drawVelocity(frame: FrameData, bounds: Bounds): void {
    const grid = frame.flow?.velocity;
    if (!grid) return;
    const { points, vectors, size } = grid;
    const maxNorm = longestVector(vectors);
    if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) return;
    const p = toPixel(bounds);
    const longest = (0.9 * layout.plot.width) / size;
    const head = 2.5 * layout.pixelRatio;
    ctx.save();
    ctx.strokeStyle = css(FLOW);
    ctx.lineWidth = 1.1 * layout.pixelRatio;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    for (let i = 0; i + 1 < vectors.length; i += 2) {
      const norm = Math.hypot(vectors[i], vectors[i + 1]);
      const length = (longest * norm) / maxNorm;
      if (!(length >= 1.5 * layout.pixelRatio)) continue;
      const ux = vectors[i] / norm;
      const uy = -vectors[i + 1] / norm; // pixel y grows downwards
      const x0 = p.x(points[i]) - (ux * length) / 2;
      const y0 = p.y(points[i + 1]) - (uy * length) / 2;
      arrowPath(ctx, x0, y0, ux, uy, length, head);
    }
    ctx.stroke();
    ctx.restore();
  }

  function drawFrameAxes(bounds: Bounds): void {
    const ticks = Math.max(2, Math.floor(layout.plot.width / (90 * layout.pixelRatio)));
    drawAxes(
      ctx,
      layout.plot,
      { min: bounds.xMin, max: bounds.xMax, ticks: linearTicks(bounds.xMin, bounds.xMax, ticks) },
      { min: bounds.yMin, max: bounds.yMax, ticks: linearTicks(bounds.yMin, bounds.yMax, ticks) },
      { fontSize: 11 * layout.pixelRatio, tickLength: 4 * layout.pixelRatio },
    );
  }

  return {
    setRun(info) {
      run = info;
      realDensityCache.clear();
    },
    resize() {
      layout = computeLayout();
    },
    draw(frame, visible, condition, time = 1) {
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      if (!run) {
        ctx.restore();
        return;
      }
      const bounds = run.bounds;
      ctx.save();
      ctx.beginPath();
      ctx.rect(layout.plot.x, layout.plot.y, layout.plot.width, layout.plot.height);
      ctx.clip();
      if (run.model === 'gan' && visible.surface && frame?.surface) drawSurface(frame.surface, bounds);
      if (visible.realDensity) for (const tint of realDensityTints(condition)) drawImageOverBox(tint.canvas, tint.box, bounds, true);
      const flow = run.model === 'flow';
      const shown = frame ? shownPoints(frame, time) : null;
      if (visible.generatedDensity && frame && shown) drawGeneratedDensity(frame, shown, bounds, condition);
      if (!flow && visible.manifold && frame?.manifold) drawManifold(frame.manifold, bounds);
      if (flow && visible.trajectories && frame) drawTrajectories(frame, bounds, condition);
      // Generated dots under the thin real crosses: once G covers the data, the target still shows.
      if (visible.generated && frame) drawTrails(frame, bounds, condition);
      if (visible.generated && frame && shown) drawPoints(shown, frame.generatedConditions, condition, bounds, 'dot');
      if (visible.real) drawPoints(run.real, run.realConditions, condition, bounds, 'cross');
      if (!flow && visible.gradients && frame) drawGradients(frame, bounds, condition);
      if (flow && visible.velocity && frame) drawVelocity(frame, bounds);
      ctx.restore();
      drawFrameAxes(bounds);
      ctx.restore();
    },
  };
}

/** Adds an arrow to the path: from (x0, y0) along the unit direction (ux, uy) in pixels, `length` long, with a head of `head`. */
/** The largest norm among (x, y) pairs: arrows are drawn relative to it. */
function longestVector(pairs: Float32Array): number {
  let longest = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) longest = Math.max(longest, Math.hypot(pairs[i], pairs[i + 1]));
  return longest;
}

function arrowPath(ctx: CanvasRenderingContext2D, x0: number, y0: number, ux: number, uy: number, length: number, head: number): void {
  const x1 = x0 + ux * length;
  const y1 = y0 + uy * length;
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - head * (ux - 0.5 * uy), y1 - head * (uy + 0.5 * ux));
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - head * (ux + 0.5 * uy), y1 - head * (uy - 0.5 * ux));
}

/** The points of one condition (all of them when `condition` is null). */
function filterPoints(points: Float32Array, conditions: Uint8Array | null, condition: number | null): Float32Array {
  if (condition === null || !conditions) return points;
  let count = 0;
  for (const c of conditions) if (c === condition) count++;
  const out = new Float32Array(2 * count);
  for (let k = 0, j = 0; k < conditions.length; k++) {
    if (conditions[k] !== condition) continue;
    out[j++] = points[2 * k];
    out[j++] = points[2 * k + 1];
  }
  return out;
}
