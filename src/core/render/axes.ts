/** Axes around a plot rectangle: a frame, outward ticks, tick labels, optional grid lines. */
import { GRID_LINE, INK, MUTED_INK, css } from './colors.js';
import { font, type PixelRect, type RenderContext } from './context.js';
import { formatTick } from './ticks.js';

export interface Axis {
  min: number;
  max: number;
  ticks: readonly number[];
  log?: boolean;
}

export interface AxesStyle {
  fontSize: number;
  tickLength: number;
  gridLines?: boolean;
}

/** Maps a data value on `axis` to a canvas coordinate from `from` (at min) to `to` (at max). */
export function axisToPixel(axis: Axis, from: number, to: number): (value: number) => number {
  if (axis.log) {
    const low = Math.log10(axis.min);
    const span = Math.log10(axis.max) - low;
    return (value) => from + ((Math.log10(value) - low) / span) * (to - from);
  }
  const span = axis.max - axis.min;
  return (value) => from + ((value - axis.min) / span) * (to - from);
}

export function drawAxes(ctx: RenderContext, rect: PixelRect, xAxis: Axis, yAxis: Axis, style: AxesStyle): void {
  const xPixel = axisToPixel(xAxis, rect.x, rect.x + rect.width);
  const yPixel = axisToPixel(yAxis, rect.y + rect.height, rect.y);
  // Half-pixel offsets put one-pixel lines exactly on pixel rows instead of blurring over two.
  const crisp = (value: number): number => Math.round(value) + 0.5;
  ctx.save();
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  if (style.gridLines) {
    ctx.strokeStyle = css(GRID_LINE);
    ctx.beginPath();
    for (const tick of xAxis.ticks) {
      const x = crisp(xPixel(tick));
      ctx.moveTo(x, rect.y);
      ctx.lineTo(x, rect.y + rect.height);
    }
    for (const tick of yAxis.ticks) {
      const y = crisp(yPixel(tick));
      ctx.moveTo(rect.x, y);
      ctx.lineTo(rect.x + rect.width, y);
    }
    ctx.stroke();
  }
  ctx.strokeStyle = css(INK);
  ctx.beginPath();
  for (const tick of xAxis.ticks) {
    const x = crisp(xPixel(tick));
    ctx.moveTo(x, rect.y + rect.height);
    ctx.lineTo(x, rect.y + rect.height + style.tickLength);
  }
  for (const tick of yAxis.ticks) {
    const y = crisp(yPixel(tick));
    ctx.moveTo(rect.x, y);
    ctx.lineTo(rect.x - style.tickLength, y);
  }
  ctx.stroke();
  ctx.strokeRect(Math.round(rect.x) - 0.5, Math.round(rect.y) - 0.5, Math.round(rect.width) + 1, Math.round(rect.height) + 1);

  ctx.fillStyle = css(MUTED_INK);
  ctx.font = font(style.fontSize);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of xAxis.ticks) {
    ctx.fillText(formatTick(tick), xPixel(tick), rect.y + rect.height + style.tickLength + 2);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const tick of yAxis.ticks) {
    ctx.fillText(formatTick(tick), rect.x - style.tickLength - 2, yPixel(tick));
  }
  ctx.restore();
}
