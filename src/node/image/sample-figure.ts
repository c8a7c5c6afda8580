/**
 * The `gan2d sample` figure, like one in a paper: the target density on the left, a scatter
 * of the samples on the right, both over the target's bounds with y up, axes and labels.
 * Colours, fonts, the density painter and the axes are the renderer's (src/core/render).
 */
import type { Canvas } from '@napi-rs/canvas';
import type { Box } from '../../core/density/placement.js';
import type { Target } from '../../core/density/target.js';
import { drawAxes, type Axis } from '../../core/render/axes.js';
import { css, densityScale, INK, mix, rampTable, REAL, WHITE } from '../../core/render/colors.js';
import { font, type PixelRect, type RenderContext } from '../../core/render/context.js';
import { paintDensity } from '../../core/render/density-image.js';
import { linearTicks } from '../../core/render/ticks.js';
import { createNodeCanvas } from './canvas.js';

const REAL_RAMP = rampTable((t) => densityScale(REAL, t));

const PLOT = 400;
const MARGIN_LEFT = 64;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 64;
const GAP = 88;
const MARGIN_RIGHT = 28;
const TICKS = 6;

export interface SampleFigure {
  readonly target: Target;
  /** Interleaved (x, y). */
  readonly samples: Float32Array;
  /** Shown under the scatter, e.g. "10,000 samples, seed 1". */
  readonly caption: string;
}

export function drawSampleFigure(figure: SampleFigure): Canvas {
  const width = MARGIN_LEFT + PLOT + GAP + PLOT + MARGIN_RIGHT;
  const height = MARGIN_TOP + PLOT + MARGIN_BOTTOM;
  const { canvas, context } = createNodeCanvas(width, height);
  context.fillStyle = css(WHITE);
  context.fillRect(0, 0, width, height);
  const { target } = figure;
  const left: PixelRect = { x: MARGIN_LEFT, y: MARGIN_TOP, width: PLOT, height: PLOT };
  const right: PixelRect = { x: MARGIN_LEFT + PLOT + GAP, y: MARGIN_TOP, width: PLOT, height: PLOT };

  // The density is piecewise constant: 'area' shows each pixel flat at any zoom.
  const density = context.createImageData(PLOT, PLOT);
  paintDensity(density, target.bounds, { ...target.raster, bounds: target.rasterBox }, REAL_RAMP, { interpolation: 'area' });
  context.putImageData(density, left.x, left.y);
  paintScatter(context, right, target.bounds, figure.samples);
  for (const panel of [left, right]) drawLabelledAxes(context, panel, target.bounds);
  drawTitle(context, left, `density: ${target.name}`);
  drawTitle(context, right, figure.caption);
  return canvas;
}

/** Each sample a 2x2 green dot blended over white; the opacity falls as the count grows so dense places stay readable. */
function paintScatter(context: RenderContext, panel: PixelRect, bounds: Box, samples: Float32Array): void {
  const n = samples.length / 2;
  const alpha = Math.min(0.7, Math.max(0.03, 4000 / Math.max(n, 1)));
  const light = new Float32Array(PLOT * PLOT).fill(1); // share of white left in each pixel
  const sx = PLOT / (bounds.xMax - bounds.xMin);
  const sy = PLOT / (bounds.yMax - bounds.yMin);
  for (let i = 0; i < n; i++) {
    const px = Math.floor((samples[2 * i] - bounds.xMin) * sx);
    const py = Math.floor((bounds.yMax - samples[2 * i + 1]) * sy);
    for (let dy = 0; dy < 2; dy++) {
      for (let dx = 0; dx < 2; dx++) {
        const x = px + dx - 1;
        const y = py + dy - 1;
        if (x >= 0 && x < PLOT && y >= 0 && y < PLOT) light[y * PLOT + x] *= 1 - alpha;
      }
    }
  }
  const image = context.createImageData(PLOT, PLOT);
  for (let i = 0; i < light.length; i++) {
    image.data.set(mix(REAL, WHITE, light[i]), 4 * i);
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, panel.x, panel.y);
}

/** The renderer's axes (frame, ticks, tick labels) and the axis names x and y. */
function drawLabelledAxes(context: RenderContext, panel: PixelRect, bounds: Box): void {
  const xAxis: Axis = { min: bounds.xMin, max: bounds.xMax, ticks: linearTicks(bounds.xMin, bounds.xMax, TICKS) };
  const yAxis: Axis = { min: bounds.yMin, max: bounds.yMax, ticks: linearTicks(bounds.yMin, bounds.yMax, TICKS) };
  drawAxes(context, panel, xAxis, yAxis, { fontSize: 13, tickLength: 5 });
  context.save();
  context.fillStyle = css(INK);
  context.font = `italic ${font(15)}`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillText('x', panel.x + PLOT / 2, panel.y + PLOT + 30);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  context.fillText('y', panel.x - 44, panel.y + PLOT / 2);
  context.restore();
}

function drawTitle(context: RenderContext, panel: PixelRect, text: string): void {
  context.save();
  context.fillStyle = css(INK);
  context.font = font(15);
  context.textAlign = 'center';
  context.textBaseline = 'bottom';
  context.fillText(ellipsize(context, text, PLOT + 40), panel.x + PLOT / 2, panel.y - 14);
  context.restore();
}

function ellipsize(context: RenderContext, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let kept = text;
  while (kept.length > 1 && context.measureText(`…${kept}`).width > maxWidth) kept = kept.slice(1);
  return `…${kept}`;
}
