/**
 * One frame of a training run: a title (iteration, losses, metrics) over three panels —
 * real (×) and generated (•) points together, the real density, the generated density.
 *
 * Data are in data space with y UP: a point at y = 0.9 in the unit square is drawn near
 * the top of its panel. Plot areas are painted as pixels (fast for thousands of points
 * and whole rasters, and exact colours for the GIF palette); axes and text are drawn
 * with the canvas on top.
 */
import { assertBounds, type Bounds } from './bounds.js';
import { GENERATED, INK, REAL, WHITE, conditionColor, css, densityScale, rampTable, type Rgb } from './colors.js';
import { font, type PixelRect, type RenderContext } from './context.js';
import { drawAxes } from './axes.js';
import { paintDensity, type PlacedDensity } from './density-image.js';
import { smoothedHistogram } from './histogram.js';
import { fillPixels, paintCross, paintDot, type PixelBuffer } from './pixel-painters.js';
import { formatMeasurement, linearTicks } from './ticks.js';

/** A GAN's losses (D on real and fake points, G), or a flow's (the velocity's mean squared error). */
export type TrainingLosses = { dReal: number; dFake: number; g: number } | { flow: number };

export interface TrainingFrameData {
  /** Real points, x and y interleaved. */
  real: Float32Array;
  /** Generated points, x and y interleaved. */
  fake: Float32Array;
  /** Condition index of each real point (conditional runs); points are then coloured by condition. */
  realConditions?: Uint8Array;
  fakeConditions?: Uint8Array;
  conditionCount?: number;
  /** The target's exact density when known (drawn cell by cell); otherwise the real points' smoothed histogram is shown. */
  realDensity?: PlacedDensity;
  /** The region every panel shows: the unit square for pictures, the mixture's extent for builtin:ring/grid. */
  bounds: Bounds;
  iteration: number;
  losses: TrainingLosses;
  /** Extra figures for the title, in order, e.g. { js64: 0.031, oos: 0.02 }. */
  metrics?: Readonly<Record<string, number>>;
  /** What made the generated points when it is not the model alone, e.g. "G + D-correction (drs)"; after the iteration. */
  label?: string;
}

export interface TrainingFrameLayout {
  width: number;
  height: number;
  /** 1 at the GIF's 240-pixel panels; fonts, ticks and markers grow with it. */
  scale: number;
  /** Plot areas of the three panels: samples, real density, generated density. */
  panels: readonly [PixelRect, PixelRect, PixelRect];
  titleHeight: number;
  panelTitleHeight: number;
  fontSize: { title: number; panelTitle: number; tick: number };
  tickLength: number;
  crossArm: number;
  dotSide: number;
  /** Cells across the smoothed histograms, and their blur in cells. */
  histogramSize: number;
  histogramSigma: number;
}

/** The layout of a frame whose three panels are each `panelWidth` pixels wide (240 for the GIF, 480 for final.png). */
export function trainingFrameLayout(panelWidth = 240): TrainingFrameLayout {
  if (!Number.isInteger(panelWidth) || panelWidth < 120) {
    throw new RangeError(`trainingFrameLayout: panel width must be a whole number of pixels >= 120 (got ${panelWidth})`);
  }
  const scale = panelWidth / 240;
  const left = Math.round(32 * scale);
  const right = Math.round(10 * scale);
  const plot = panelWidth - left - right;
  const titleHeight = Math.round(24 * scale);
  const panelTitleHeight = Math.round(20 * scale);
  const bottom = Math.round(22 * scale);
  const top = titleHeight + panelTitleHeight;
  const panel = (index: number): PixelRect => ({ x: index * panelWidth + left, y: top, width: plot, height: plot });
  const markerUnit = Math.max(1, Math.round(plot / 200));
  return {
    width: 3 * panelWidth,
    height: top + plot + bottom,
    scale,
    panels: [panel(0), panel(1), panel(2)],
    titleHeight,
    panelTitleHeight,
    fontSize: { title: 13 * scale, panelTitle: 12 * scale, tick: 10 * scale },
    tickLength: Math.max(3, Math.round(3 * scale)),
    crossArm: 1 + markerUnit,
    dotSide: 1 + markerUnit,
    histogramSize: 64,
    histogramSigma: 1.5,
  };
}

const REAL_RAMP = rampTable((t) => densityScale(REAL, t));
const GENERATED_RAMP = rampTable((t) => densityScale(GENERATED, t));

export function drawTrainingFrame(ctx: RenderContext, layout: TrainingFrameLayout, data: TrainingFrameData): void {
  drawTrainingFrameChrome(ctx, layout, data);
  const buffers = layout.panels.map((rect, i) => imageBuffer(ctx, rect, i));
  paintTrainingPanels(layout, data, buffers);
  buffers.forEach((buffer, i) => ctx.putImageData(buffer.image, layout.panels[i].x, layout.panels[i].y));
  drawTrainingFrameTitle(ctx, layout, data);
}

/**
 * The plot areas' pixels: samples, real density, generated density, each painted into
 * its buffer (of its panel's size). Pure pixel work, no canvas.
 */
export function paintTrainingPanels(layout: TrainingFrameLayout, data: TrainingFrameData, buffers: readonly PixelBuffer[]): void {
  assertFrameData(data);
  layout.panels.forEach((rect, i) => {
    const buffer = buffers[i];
    if (!buffer || buffer.width !== rect.width || buffer.height !== rect.height) {
      throw new RangeError(`paintTrainingPanels: buffer ${i} must be ${rect.width}×${rect.height}`);
    }
  });
  const [samples, real, generated] = buffers;
  paintSamples(samples, layout, data);
  const realDensity = data.realDensity ?? histogramRaster(data.real, data.bounds, layout);
  paintDensity(real, data.bounds, realDensity, REAL_RAMP, { interpolation: data.realDensity ? 'area' : 'bilinear' });
  paintDensity(generated, data.bounds, histogramRaster(data.fake, data.bounds, layout), GENERATED_RAMP, { interpolation: 'bilinear' });
}

/**
 * Everything of a frame that stays put while training runs: the white page, axes,
 * ticks, panel titles and the legend (plot areas are left white). It changes only
 * with the key below, so a host may draw it once and reuse its pixels.
 */
export function drawTrainingFrameChrome(ctx: RenderContext, layout: TrainingFrameLayout, data: TrainingFrameData): void {
  assertFrameData(data);
  const [samplesRect, realRect, generatedRect] = layout.panels;
  ctx.save();
  ctx.fillStyle = css(WHITE);
  ctx.fillRect(0, 0, layout.width, layout.height);
  for (const rect of layout.panels) drawPanelAxes(ctx, layout, rect, data.bounds);
  drawPanelTitle(ctx, layout, samplesRect, 'samples');
  drawSamplesLegend(ctx, layout, samplesRect, isByCondition(data));
  drawPanelTitle(ctx, layout, realRect, data.realDensity ? 'real density' : 'real density (histogram)');
  drawPanelTitle(ctx, layout, generatedRect, 'generated density');
  ctx.restore();
}

/** What the chrome depends on: equal keys draw identical chrome. */
export function trainingFrameChromeKey(layout: TrainingFrameLayout, data: TrainingFrameData): string {
  const { xMin, xMax, yMin, yMax } = data.bounds;
  return [layout.width, layout.height, xMin, xMax, yMin, yMax, isByCondition(data), data.realDensity !== undefined].join('|');
}

/** The title strip (the top `layout.titleHeight` rows): iteration, losses and metrics, on white. */
export function drawTrainingFrameTitle(ctx: RenderContext, layout: TrainingFrameLayout, data: TrainingFrameData): void {
  ctx.save();
  ctx.fillStyle = css(WHITE);
  ctx.fillRect(0, 0, layout.width, layout.titleHeight);
  drawTitle(ctx, layout, data);
  ctx.restore();
}

function isByCondition(data: TrainingFrameData): boolean {
  return data.realConditions !== undefined || data.fakeConditions !== undefined;
}

interface ImagePixels extends PixelBuffer {
  image: ImageData;
}

// One ImageData per context, panel and size, reused frame after frame (putImageData copies it).
const imageCache = new WeakMap<RenderContext, Map<string, ImageData>>();

function imageBuffer(ctx: RenderContext, rect: PixelRect, panel: number): ImagePixels {
  let images = imageCache.get(ctx);
  if (!images) imageCache.set(ctx, (images = new Map()));
  const key = `${panel}:${rect.width}x${rect.height}`;
  let image = images.get(key);
  if (!image) images.set(key, (image = ctx.createImageData(rect.width, rect.height)));
  return { image, width: image.width, height: image.height, data: image.data };
}

function histogramRaster(points: Float32Array, bounds: Bounds, layout: TrainingFrameLayout): PlacedDensity {
  const size = layout.histogramSize;
  return { width: size, height: size, values: smoothedHistogram(points, bounds, size, layout.histogramSigma), bounds };
}

/**
 * Real crosses and generated dots, interleaved one of each in turn, so where the two
 * clouds overlap neither hides the other.
 */
function paintSamples(buffer: PixelBuffer, layout: TrainingFrameLayout, data: TrainingFrameData): void {
  fillPixels(buffer, WHITE);
  const { bounds } = data;
  const xScale = buffer.width / (bounds.xMax - bounds.xMin);
  const yScale = buffer.height / (bounds.yMax - bounds.yMin);
  const paintPoint = (
    points: Float32Array,
    index: number,
    conditions: Uint8Array | undefined,
    plain: Rgb,
    paint: (x: number, y: number, color: Rgb) => void,
  ): void => {
    const x = points[2 * index];
    const y = points[2 * index + 1];
    if (!(x >= bounds.xMin && x <= bounds.xMax && y >= bounds.yMin && y <= bounds.yMax)) return;
    const column = Math.min(buffer.width - 1, Math.floor((x - bounds.xMin) * xScale));
    const row = Math.min(buffer.height - 1, Math.floor((bounds.yMax - y) * yScale));
    paint(column, row, conditions ? conditionColor(conditions[index]) : plain);
  };
  const cross = (x: number, y: number, color: Rgb): void => paintCross(buffer, x, y, layout.crossArm, color);
  const dot = (x: number, y: number, color: Rgb): void => paintDot(buffer, x, y, layout.dotSide, color);
  const realCount = data.real.length / 2;
  const fakeCount = data.fake.length / 2;
  for (let i = 0; i < Math.max(realCount, fakeCount); i++) {
    if (i < realCount) paintPoint(data.real, i, data.realConditions, REAL, cross);
    if (i < fakeCount) paintPoint(data.fake, i, data.fakeConditions, GENERATED, dot);
  }
}

function drawPanelAxes(ctx: RenderContext, layout: TrainingFrameLayout, rect: PixelRect, bounds: Bounds): void {
  const tickCount = Math.max(2, Math.floor(rect.width / 50));
  drawAxes(
    ctx,
    rect,
    { min: bounds.xMin, max: bounds.xMax, ticks: linearTicks(bounds.xMin, bounds.xMax, tickCount) },
    { min: bounds.yMin, max: bounds.yMax, ticks: linearTicks(bounds.yMin, bounds.yMax, tickCount) },
    { fontSize: layout.fontSize.tick, tickLength: layout.tickLength },
  );
}

function drawTitle(ctx: RenderContext, layout: TrainingFrameLayout, data: TrainingFrameData): void {
  const { losses } = data;
  const parts = [
    ...('flow' in losses
      ? [`flow loss ${formatMeasurement(losses.flow)}`]
      : [`loss D real ${formatMeasurement(losses.dReal)}`, `D fake ${formatMeasurement(losses.dFake)}`, `G ${formatMeasurement(losses.g)}`]),
    ...Object.entries(data.metrics ?? {}).map(([name, value]) => `${name} ${formatMeasurement(value)}`),
  ];
  const x = layout.panels[0].x;
  const y = layout.titleHeight / 2 + 2 * layout.scale;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = css(INK);
  ctx.font = font(layout.fontSize.title, 'bold');
  const heading = `iteration ${data.iteration.toLocaleString('en-US')}${data.label ? ` · ${data.label}` : ''}`;
  ctx.fillText(heading, x, y);
  const headingWidth = ctx.measureText(heading).width;
  ctx.font = font(layout.fontSize.title);
  ctx.fillText(parts.join(' · '), x + headingWidth + 14 * layout.scale, y);
}

function drawPanelTitle(ctx: RenderContext, layout: TrainingFrameLayout, rect: PixelRect, title: string): void {
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillStyle = css(INK);
  ctx.font = font(layout.fontSize.panelTitle, 'bold');
  ctx.fillText(title, rect.x, rect.y - 5 * layout.scale);
}

/** "× real  • generated" at the right of the samples panel's title; ink-coloured when colour means condition. */
function drawSamplesLegend(ctx: RenderContext, layout: TrainingFrameLayout, rect: PixelRect, byCondition: boolean): void {
  const entries: [string, Rgb][] = [
    ['× real', byCondition ? INK : REAL],
    ['• generated', byCondition ? INK : GENERATED],
  ];
  ctx.font = font(layout.fontSize.panelTitle);
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'right';
  let right = rect.x + rect.width;
  for (let i = entries.length - 1; i >= 0; i--) {
    const [label, color] = entries[i];
    ctx.fillStyle = css(color);
    ctx.fillText(label, right, rect.y - 5 * layout.scale);
    right -= ctx.measureText(label).width + 8 * layout.scale;
  }
}

function assertFrameData(data: TrainingFrameData): void {
  assertBounds(data.bounds, 'drawTrainingFrame');
  for (const [name, points] of [['real', data.real], ['fake', data.fake]] as const) {
    if (points.length % 2 !== 0) throw new RangeError(`drawTrainingFrame: ${name} points must be x,y pairs (got ${points.length} numbers)`);
  }
  const checkConditions = (name: string, conditions: Uint8Array | undefined, points: Float32Array): void => {
    if (!conditions) return;
    if (conditions.length !== points.length / 2) {
      throw new RangeError(`drawTrainingFrame: ${name} has ${conditions.length} entries for ${points.length / 2} points`);
    }
    const count = data.conditionCount;
    if (count !== undefined && conditions.some((condition) => condition >= count)) {
      throw new RangeError(`drawTrainingFrame: ${name} holds a condition >= conditionCount ${count}`);
    }
  };
  checkConditions('realConditions', data.realConditions, data.real);
  checkConditions('fakeConditions', data.fakeConditions, data.fake);
}
