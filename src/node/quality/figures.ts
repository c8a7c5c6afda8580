/**
 * The benchmark's pictures: every seed's generated points over the target's high-quality
 * discs (radius 3σ around each centre), and a close-up of one mode where generated and
 * exact points sit side by side, so a mode that is too narrow or too wide shows.
 */
import type { Box } from '../../core/density/placement.js';
import { css, GENERATED, INK, MUTED_INK, REAL } from '../../core/render/colors.js';
import { font, type RenderContext } from '../../core/render/context.js';
import { HIGH_QUALITY_SIGMAS } from '../../core/metrics/index.js';
import { readFileSync } from 'node:fs';
import { loadImage, type Image } from '@napi-rs/canvas';
import { createNodeCanvas, writePng } from '../image/canvas.js';

export interface SeedPanel {
  title: string;
  points: Float32Array;
}

export interface MixtureShape {
  centres: Float64Array;
  sigma: number;
}

const PANEL = 220;
const TITLE = 18;
const GAP = 8;
const COLUMNS = 5;

function toCanvas(box: Box, x0: number, y0: number, size: number): (x: number, y: number) => [number, number] {
  const sx = size / (box.xMax - box.xMin);
  const sy = size / (box.yMax - box.yMin);
  return (x, y) => [x0 + (x - box.xMin) * sx, y0 + (box.yMax - y) * sy];
}

function drawPanel(ctx: RenderContext, box: Box, mixture: MixtureShape, x0: number, y0: number, size: number, sets: { points: Float32Array; color: string; radius: number }[]): void {
  const at = toCanvas(box, x0, y0, size);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0, size, size);
  ctx.clip();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x0, y0, size, size);
  // The high-quality discs: a point inside one counts as high quality.
  const pixelsPerUnit = size / (box.xMax - box.xMin);
  ctx.fillStyle = 'rgba(0, 136, 55, 0.12)';
  ctx.strokeStyle = 'rgba(0, 136, 55, 0.6)';
  ctx.lineWidth = 1;
  for (let c = 0; c < mixture.centres.length; c += 2) {
    const [cx, cy] = at(mixture.centres[c], mixture.centres[c + 1]);
    ctx.beginPath();
    ctx.arc(cx, cy, Math.max(1.5, HIGH_QUALITY_SIGMAS * mixture.sigma * pixelsPerUnit), 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  for (const set of sets) {
    ctx.fillStyle = set.color;
    for (let i = 0; i < set.points.length; i += 2) {
      const [px, py] = at(set.points[i], set.points[i + 1]);
      ctx.fillRect(px - set.radius, py - set.radius, 2 * set.radius, 2 * set.radius);
    }
  }
  ctx.restore();
  ctx.strokeStyle = css(MUTED_INK);
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, size - 1, size - 1);
}

function drawTitle(ctx: RenderContext, text: string, x: number, y: number, width: number): void {
  ctx.fillStyle = css(INK);
  ctx.font = font(12);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(text, x + width / 2, y + 3, width);
}

/** One panel per seed, COLUMNS to a row: generated points (purple) over the 3σ discs (green). */
export function writeSeedGrid(path: string, panels: readonly SeedPanel[], box: Box, mixture: MixtureShape): void {
  const columns = Math.min(COLUMNS, panels.length);
  const rows = Math.ceil(panels.length / COLUMNS);
  const width = columns * PANEL + (columns + 1) * GAP;
  const height = rows * (PANEL + TITLE) + (rows + 1) * GAP;
  const target = createNodeCanvas(width, height);
  const ctx = target.context;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  panels.forEach((panel, i) => {
    const x = GAP + (i % COLUMNS) * (PANEL + GAP);
    const y = GAP + Math.floor(i / COLUMNS) * (PANEL + TITLE + GAP);
    drawTitle(ctx, panel.title, x, y, PANEL);
    drawPanel(ctx, box, mixture, x, y + TITLE, PANEL, [{ points: panel.points, color: 'rgba(163, 62, 189, 0.55)', radius: 1 }]);
  });
  writePng(path, target);
}

/**
 * Close-ups of one mode (±6σ around `centre`), one pair of panels per entry: exact samples
 * (green) on the left, generated points (purple) on the right, the 3σ circle on both.
 */
export function writeModeCloseUps(path: string, entries: readonly { title: string; centre: readonly [number, number]; generated: Float32Array; exact: Float32Array; mixture: MixtureShape }[]): void {
  const size = 200;
  const width = 2 * size + 3 * GAP;
  const height = entries.length * (size + TITLE + GAP) + GAP;
  const target = createNodeCanvas(width, height);
  const ctx = target.context;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  entries.forEach((entry, row) => {
    const half = 6 * entry.mixture.sigma;
    const box: Box = { xMin: entry.centre[0] - half, xMax: entry.centre[0] + half, yMin: entry.centre[1] - half, yMax: entry.centre[1] + half };
    const y = GAP + row * (size + TITLE + GAP);
    drawTitle(ctx, `${entry.title}: exact`, GAP, y, size);
    drawPanel(ctx, box, entry.mixture, GAP, y + TITLE, size, [{ points: entry.exact, color: css(REAL), radius: 1.5 }]);
    drawTitle(ctx, `${entry.title}: generated`, 2 * GAP + size, y, size);
    drawPanel(ctx, box, entry.mixture, 2 * GAP + size, y + TITLE, size, [{ points: entry.generated, color: css(GENERATED), radius: 1.5 }]);
  });
  writePng(path, target);
}

export interface FramePanel {
  title: string;
  /** A PNG file (a run's final.png). */
  png: string;
}

/** Runs' final frames side by side, `columns` to a row, each scaled to `width` pixels wide under its title. */
export async function writeFrameGrid(path: string, panels: readonly FramePanel[], columns: number, width = 360): Promise<void> {
  const images = await Promise.all(panels.map((panel) => loadImage(readFileSync(panel.png))));
  const height = Math.max(1, ...images.map((image) => Math.round((image.height * width) / image.width)));
  const across = Math.max(1, Math.min(columns, panels.length));
  const rows = Math.ceil(panels.length / across);
  const target = createNodeCanvas(across * width + (across + 1) * GAP, rows * (height + TITLE) + (rows + 1) * GAP);
  const ctx = target.context;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, target.width, target.height);
  panels.forEach((panel, i) => {
    const x = GAP + (i % across) * (width + GAP);
    const y = GAP + Math.floor(i / across) * (height + TITLE + GAP);
    drawTitle(ctx, panel.title, x, y, width);
    // Skia's drawImage takes its own Image; the renderer's context type is lib.dom's.
    (ctx as unknown as { drawImage(image: Image, x: number, y: number, w: number, h: number): void })
      .drawImage(images[i], x, y + TITLE, width, Math.round((images[i].height * width) / images[i].width));
  });
  writePng(path, target);
}
