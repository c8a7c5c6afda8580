/**
 * Line charts: a generic multi-series plot (axes, ticks, legend, optional log scale) and
 * losses.png's figure built from it — D real / D fake / G losses over iterations, and
 * below them the quality metrics (js64, oos, ...) with their floors.
 */
import { DISCRIMINATOR, FLOW, GENERATOR_GRADIENT, INK, MUTED_INK, WHITE, css, type Rgb } from './colors.js';
import { font, type PixelRect, type RenderContext } from './context.js';
import { axisToPixel, drawAxes, type Axis } from './axes.js';
import { formatMeasurement, linearTicks, logTicks } from './ticks.js';

export interface LineSeries {
  label: string;
  /** Defaults by position: ink solid, ink dashed, grey dash-dot, grey dotted (colour stays free for meanings; thin dotted lines are floors). */
  color?: Rgb;
  /** Canvas dash pattern in pixels; solid when left out. */
  dash?: readonly number[];
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** A reference level drawn as a thin dotted line in the series' colour, e.g. a metric's floor. */
  floor?: number;
}

export interface LinePlot {
  title: string;
  xLabel?: string;
  logY?: boolean;
  /** Draw each series faintly as measured and a moving average over it in full colour (noisy losses). */
  smooth?: boolean;
  series: readonly LineSeries[];
}

export interface LinePlotStyle {
  fontSize: number;
}

const DEFAULT_STYLES: readonly { color: Rgb; dash: readonly number[] }[] = [
  { color: INK, dash: [] },
  { color: INK, dash: [6, 4] },
  { color: MUTED_INK, dash: [8, 3, 2, 3] },
  { color: MUTED_INK, dash: [2, 3] },
];

/** Draws `plot` into `rect` (the whole chart: title, axes, labels and legend fit inside it). */
export function drawLinePlot(ctx: RenderContext, rect: PixelRect, plot: LinePlot, style: LinePlotStyle = { fontSize: 12 }): void {
  const fontSize = style.fontSize;
  const area: PixelRect = {
    x: rect.x + fontSize * 4.5,
    y: rect.y + fontSize * 2.2,
    width: rect.width - fontSize * 5.5,
    height: rect.height - fontSize * (2.2 + (plot.xLabel ? 3.4 : 2.2)),
  };
  const series = plot.series.map((line, index) => ({
    ...line,
    color: line.color ?? DEFAULT_STYLES[index % DEFAULT_STYLES.length].color,
    dash: line.dash ?? (line.color ? [] : DEFAULT_STYLES[index % DEFAULT_STYLES.length].dash),
  }));
  const ranges = dataRanges(series, plot.logY === true);

  ctx.save();
  ctx.fillStyle = css(INK);
  ctx.font = font(fontSize * 1.1, 'bold');
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(plot.title, area.x, rect.y + fontSize);
  if (plot.xLabel) {
    ctx.font = font(fontSize);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(plot.xLabel, area.x + area.width / 2, rect.y + rect.height - 2);
  }
  if (!ranges) {
    drawAxes(ctx, area, { min: 0, max: 1, ticks: [] }, { min: 0, max: 1, ticks: [] }, { fontSize, tickLength: 4 });
    ctx.fillStyle = css(MUTED_INK);
    ctx.font = font(fontSize);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('no data yet', area.x + area.width / 2, area.y + area.height / 2);
    ctx.restore();
    return;
  }
  const tickCount = (pixels: number): number => Math.max(2, Math.floor(pixels / (fontSize * 6)));
  const xAxis: Axis = { min: ranges.xMin, max: ranges.xMax, ticks: linearTicks(ranges.xMin, ranges.xMax, tickCount(area.width)) };
  const yAxis: Axis = ranges.log
    ? { min: ranges.yMin, max: ranges.yMax, ticks: logTicks(ranges.yMin, ranges.yMax), log: true }
    : { min: ranges.yMin, max: ranges.yMax, ticks: linearTicks(ranges.yMin, ranges.yMax, tickCount(area.height)) };
  drawAxes(ctx, area, xAxis, yAxis, { fontSize, tickLength: 4, gridLines: true });

  const xPixel = axisToPixel(xAxis, area.x, area.x + area.width);
  const yPixel = axisToPixel(yAxis, area.y + area.height, area.y);
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.x, area.y, area.width, area.height);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const line of series) {
    if (line.floor !== undefined && (!ranges.log || line.floor > 0)) {
      ctx.strokeStyle = css(line.color);
      ctx.lineWidth = 1;
      ctx.setLineDash([1, 3]);
      ctx.beginPath();
      ctx.moveTo(area.x, yPixel(line.floor));
      ctx.lineTo(area.x + area.width, yPixel(line.floor));
      ctx.stroke();
    }
    if (plot.smooth) {
      strokeSeries(ctx, line.x, line.y, xPixel, yPixel, ranges.log, `rgba(${line.color.join(', ')}, 0.25)`, 1, []);
      const averaged = movingAverage(line.y, Math.max(1, Math.round(line.y.length / 60)));
      strokeSeries(ctx, line.x, averaged, xPixel, yPixel, ranges.log, css(line.color), 2, line.dash);
    } else {
      strokeSeries(ctx, line.x, line.y, xPixel, yPixel, ranges.log, css(line.color), 2, line.dash);
    }
  }
  ctx.restore();
  drawLegend(ctx, area, series, fontSize);
  ctx.restore();
}

/** A GAN's losses (dReal, dFake, g) or a flow's (flow), over iterations; then the quality figures. */
export type TrainingCurves = CurvesBase & ({ dReal: ArrayLike<number>; dFake: ArrayLike<number>; g: ArrayLike<number> } | { flow: ArrayLike<number> });

interface CurvesBase {
  iterations: ArrayLike<number>;
  /** The second panel: quality metrics over iterations (each series brings its own x). */
  metrics?: { title?: string; logY?: boolean; series: readonly LineSeries[] };
}

/** losses.png: losses on top (D real and D fake in the discriminator's blue, G in the generator's magenta), metrics below. */
export function drawLossPlot(ctx: RenderContext, size: { width: number; height: number }, curves: TrainingCurves): void {
  const fontSize = Math.max(10, Math.round(size.width / 75));
  ctx.save();
  ctx.fillStyle = css(WHITE);
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.restore();
  const hasMetrics = curves.metrics !== undefined && curves.metrics.series.length > 0;
  const lossHeight = hasMetrics ? Math.round(size.height * 0.55) : size.height;
  const pad = fontSize;
  drawLinePlot(
    ctx,
    { x: pad, y: pad / 2, width: size.width - 2 * pad, height: lossHeight - pad / 2 },
    {
      title: 'losses',
      xLabel: hasMetrics ? undefined : 'iteration',
      smooth: true,
      series: 'flow' in curves
        ? [{ label: 'flow matching (velocity MSE)', color: FLOW, x: curves.iterations, y: curves.flow }]
        : [
          { label: 'D real', color: DISCRIMINATOR, x: curves.iterations, y: curves.dReal },
          { label: 'D fake', color: DISCRIMINATOR, dash: [6, 4], x: curves.iterations, y: curves.dFake },
          { label: 'G', color: GENERATOR_GRADIENT, x: curves.iterations, y: curves.g },
        ],
    },
    { fontSize },
  );
  if (hasMetrics && curves.metrics) {
    drawLinePlot(
      ctx,
      { x: pad, y: lossHeight, width: size.width - 2 * pad, height: size.height - lossHeight - pad / 2 },
      {
        title: curves.metrics.title ?? 'quality (lower is better; dotted: floor)',
        xLabel: 'iteration',
        logY: curves.metrics.logY ?? true,
        series: curves.metrics.series,
      },
      { fontSize },
    );
  }
}

interface Ranges {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  log: boolean;
}

/** The extent of all finite points (and floors); null when there is nothing to draw. Log falls back to linear without positive values. */
function dataRanges(series: readonly LineSeries[], logWanted: boolean): Ranges | null {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity, positiveMin = Infinity;
  const seeY = (y: number): void => {
    if (!Number.isFinite(y)) return;
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
    if (y > 0) positiveMin = Math.min(positiveMin, y);
  };
  for (const line of series) {
    const count = Math.min(line.x.length, line.y.length);
    for (let i = 0; i < count; i++) {
      const x = line.x[i];
      const y = line.y[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      seeY(y);
    }
    if (line.floor !== undefined && count > 0) seeY(line.floor);
  }
  if (!Number.isFinite(xMin) || !Number.isFinite(yMin)) return null;
  if (xMax === xMin) xMax = xMin + 1;
  const log = logWanted && Number.isFinite(positiveMin) && yMax > 0;
  if (log) {
    const low = positiveMin;
    const high = yMax > low ? yMax : low * 10;
    // A little room above and below, in log space.
    const margin = (Math.log10(high) - Math.log10(low)) * 0.05 || 0.5;
    return { xMin, xMax, yMin: 10 ** (Math.log10(low) - margin), yMax: 10 ** (Math.log10(high) + margin), log };
  }
  if (yMax === yMin) {
    yMin -= 0.5;
    yMax += 0.5;
  }
  const margin = (yMax - yMin) * 0.05;
  return { xMin, xMax, yMin: yMin - margin, yMax: yMax + margin, log };
}

/** A polyline through the finite points, broken where a value is missing (or not positive on a log axis). */
function strokeSeries(
  ctx: RenderContext,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  xPixel: (value: number) => number,
  yPixel: (value: number) => number,
  log: boolean,
  style: string,
  width: number,
  dash: readonly number[],
): void {
  ctx.strokeStyle = style;
  ctx.lineWidth = width;
  ctx.setLineDash([...dash]);
  ctx.beginPath();
  let drawing = false;
  const count = Math.min(xs.length, ys.length);
  for (let i = 0; i < count; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y) || (log && y <= 0)) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(xPixel(x), yPixel(y));
    else ctx.moveTo(xPixel(x), yPixel(y));
    drawing = true;
  }
  ctx.stroke();
}

/** Centred moving average over `window` points; NaN stays NaN (breaks the line) and is left out of its neighbours' means. */
export function movingAverage(values: ArrayLike<number>, window: number): Float64Array {
  const result = new Float64Array(values.length);
  const half = Math.floor(window / 2);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      result[i] = NaN;
      continue;
    }
    let sum = 0;
    let count = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(values.length - 1, i + half); k++) {
      if (Number.isFinite(values[k])) {
        sum += values[k];
        count++;
      }
    }
    result[i] = sum / count;
  }
  return result;
}

function drawLegend(
  ctx: RenderContext,
  area: PixelRect,
  series: readonly (LineSeries & { color: Rgb; dash: readonly number[] })[],
  fontSize: number,
): void {
  if (series.length === 0) return;
  ctx.save();
  ctx.font = font(fontSize);
  const labels = series.map((line) => (line.floor !== undefined ? `${line.label} (floor ${formatMeasurement(line.floor)})` : line.label));
  const sample = fontSize * 2.2;
  const rowHeight = fontSize * 1.4;
  const width = Math.max(...labels.map((label) => ctx.measureText(label).width)) + sample + fontSize * 1.4;
  const height = rowHeight * series.length + fontSize * 0.6;
  const x = area.x + area.width - width - fontSize * 0.5;
  const y = area.y + fontSize * 0.5;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.88)';
  ctx.strokeStyle = css(MUTED_INK);
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  ctx.fillRect(x, y, width, height);
  ctx.strokeRect(Math.round(x) + 0.5, Math.round(y) + 0.5, Math.round(width), Math.round(height));
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  series.forEach((line, index) => {
    const rowY = y + fontSize * 0.3 + rowHeight * (index + 0.5);
    ctx.strokeStyle = css(line.color);
    ctx.lineWidth = 2;
    ctx.setLineDash([...line.dash]);
    ctx.beginPath();
    ctx.moveTo(x + fontSize * 0.5, rowY);
    ctx.lineTo(x + fontSize * 0.5 + sample, rowY);
    ctx.stroke();
    ctx.fillStyle = css(INK);
    ctx.fillText(labels[index], x + sample + fontSize, rowY);
  });
  ctx.restore();
}
