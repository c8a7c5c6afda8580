/**
 * The `gan2d sample` figure, like one in a paper: the target density on the left, a scatter
 * of the samples on the right, both over the target's bounds with y up, axes and labels.
 * Real data is green (#008837) per DESIGN.md.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Box } from '../core/density/placement.js';
import type { Target } from '../core/density/target.js';

const REAL_GREEN: readonly [number, number, number] = [0x00, 0x88, 0x37];
const INK = '#222222';
const MUTED_INK = '#6e6e6e';
const FONT = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';

const PLOT = 400;
const MARGIN_LEFT = 64;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 64;
const GAP = 88;
const MARGIN_RIGHT = 28;

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
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  const { target } = figure;
  const left = { x: MARGIN_LEFT, y: MARGIN_TOP };
  const right = { x: MARGIN_LEFT + PLOT + GAP, y: MARGIN_TOP };

  paintDensity(context, left, target);
  paintScatter(context, right, target.bounds, figure.samples);
  for (const corner of [left, right]) drawAxes(context, corner, target.bounds);
  drawTitle(context, left, `density: ${target.name}`);
  drawTitle(context, right, figure.caption);
  return canvas;
}

interface Corner {
  x: number;
  y: number;
}

/** The raster through a white-to-green ramp scaled to its maximum; each pixel flat (the density is piecewise constant). */
function paintDensity(context: SKRSContext2D, corner: Corner, target: Target): void {
  const { raster, rasterBox, bounds } = target;
  let max = 0;
  for (const v of raster.values) if (v > max) max = v;
  const image = createCanvas(raster.width, raster.height);
  const imageContext = image.getContext('2d');
  const pixels = imageContext.createImageData(raster.width, raster.height);
  for (let i = 0; i < raster.values.length; i++) {
    const t = max > 0 ? raster.values[i] / max : 0;
    for (let c = 0; c < 3; c++) pixels.data[4 * i + c] = Math.round(255 + (REAL_GREEN[c] - 255) * t);
    pixels.data[4 * i + 3] = 255;
  }
  imageContext.putImageData(pixels, 0, 0);
  const toX = (x: number): number => corner.x + ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * PLOT;
  const toY = (y: number): number => corner.y + ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * PLOT;
  context.imageSmoothingEnabled = raster.width > PLOT || raster.height > PLOT; // smooth only when shrinking
  context.drawImage(image, toX(rasterBox.xMin), toY(rasterBox.yMax), toX(rasterBox.xMax) - toX(rasterBox.xMin), toY(rasterBox.yMin) - toY(rasterBox.yMax));
}

/** Each sample a 2x2 green dot blended over white; the opacity falls as the count grows so dense places stay readable. */
function paintScatter(context: SKRSContext2D, corner: Corner, bounds: Box, samples: Float32Array): void {
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
    for (let c = 0; c < 3; c++) image.data[4 * i + c] = Math.round(REAL_GREEN[c] + (255 - REAL_GREEN[c]) * light[i]);
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, corner.x, corner.y);
}

function drawAxes(context: SKRSContext2D, corner: Corner, bounds: Box): void {
  const xTicks = niceTicks(bounds.xMin, bounds.xMax);
  const yTicks = niceTicks(bounds.yMin, bounds.yMax);
  const toX = (x: number): number => corner.x + ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * PLOT;
  const toY = (y: number): number => corner.y + ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * PLOT;
  context.save();
  context.strokeStyle = INK;
  context.lineWidth = 1;
  context.strokeRect(corner.x - 0.5, corner.y - 0.5, PLOT + 1, PLOT + 1);
  context.beginPath();
  for (const t of xTicks) {
    const x = Math.round(toX(t)) + 0.5;
    context.moveTo(x, corner.y + PLOT);
    context.lineTo(x, corner.y + PLOT + 5);
  }
  for (const t of yTicks) {
    const y = Math.round(toY(t)) + 0.5;
    context.moveTo(corner.x, y);
    context.lineTo(corner.x - 5, y);
  }
  context.stroke();
  context.fillStyle = MUTED_INK;
  context.font = `13px ${FONT}`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const t of xTicks) context.fillText(formatTick(t), toX(t), corner.y + PLOT + 8);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const t of yTicks) context.fillText(formatTick(t), corner.x - 8, toY(t));
  context.fillStyle = INK;
  context.font = `italic 15px ${FONT}`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillText('x', corner.x + PLOT / 2, corner.y + PLOT + 30);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  context.fillText('y', corner.x - 44, corner.y + PLOT / 2);
  context.restore();
}

function drawTitle(context: SKRSContext2D, corner: Corner, text: string): void {
  context.save();
  context.fillStyle = INK;
  context.font = `15px ${FONT}`;
  context.textAlign = 'center';
  context.textBaseline = 'bottom';
  context.fillText(ellipsize(context, text, PLOT + 40), corner.x + PLOT / 2, corner.y - 14);
  context.restore();
}

function ellipsize(context: SKRSContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let kept = text;
  while (kept.length > 1 && context.measureText(`…${kept}`).width > maxWidth) kept = kept.slice(1);
  return `…${kept}`;
}

/** About six ticks at 1, 2, 2.5 or 5 times a power of ten, inside [min, max]. */
export function niceTicks(min: number, max: number): number[] {
  const rough = (max - min) / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9 * step; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

function formatTick(value: number): string {
  return String(Number(value.toPrecision(6)));
}
