/**
 * Export PNG: the view as a figure that stands alone, like the CLI's frames: a title (the
 * data, the iteration, the losses and quality figures) above it, and its key below (D's
 * surface colour bar or a flow's arrow and trajectory, the real and generated marks, per
 * condition in a conditional run).
 */
import { css, FLOW, INK, MUTED_INK, type Rgb } from '../core/render/colors.js';
import { generatedPointColor, realPointColor } from './point-styles.js';
import { surfaceColor } from './surface-colors.js';

export interface ExportContent {
  /** The first line, bold, and the lines under it. */
  title: string;
  lines: string[];
  /** The conditions' names (none: a plain run). */
  conditions: readonly string[];
  /** Whether D's surface is shown (its colour bar then goes in the key). */
  surface: boolean;
  /** A flow's layers shown: its arrows' words ("velocity at t = 0.50 …", null: hidden) and whether the trajectories are. */
  flow: { velocity: string | null; trajectories: boolean } | null;
}

function cross(context: CanvasRenderingContext2D, x: number, y: number, arm: number, color: Rgb, width: number): void {
  context.strokeStyle = css(color);
  context.lineWidth = width;
  context.beginPath();
  context.moveTo(x - arm, y - arm);
  context.lineTo(x + arm, y + arm);
  context.moveTo(x - arm, y + arm);
  context.lineTo(x + arm, y - arm);
  context.stroke();
}

/** A flow's mark in the key: a short red line, with an arrow's head when it stands for the velocity. */
function flowMark(context: CanvasRenderingContext2D, x: number, y: number, length: number, head: number, width: number): void {
  context.strokeStyle = css(FLOW);
  context.lineWidth = width;
  context.beginPath();
  context.moveTo(x, y);
  context.lineTo(x + length, y);
  if (head > 0) {
    context.moveTo(x + length - head, y - head / 2);
    context.lineTo(x + length, y);
    context.lineTo(x + length - head, y + head / 2);
  }
  context.stroke();
}

function dot(context: CanvasRenderingContext2D, x: number, y: number, radius: number, color: Rgb): void {
  context.fillStyle = css(color);
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.fill();
}

/** One entry of the key: a mark drawn from (x, y) on the row's middle line, then its words. */
interface KeyItem {
  markWidth: number;
  mark(context: CanvasRenderingContext2D, x: number, y: number): void;
  text: string;
  /** Starts a row of its own (the conditions come under the plain marks). */
  newRow?: boolean;
}

export function composeExport(view: HTMLCanvasElement, content: ExportContent): HTMLCanvasElement {
  const scale = Math.max(1, view.width / 640);
  const font = (size: number, weight = 400): string => `${weight} ${Math.round(size * scale)}px system-ui, sans-serif`;
  const pad = Math.round(10 * scale);
  const lineHeight = Math.round(18 * scale);
  const header = pad + lineHeight * (1 + content.lines.length) + pad / 2;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return view;

  // The key's entries: the surface's bar or a flow's marks and the plain marks, then the conditions.
  const arm = 4 * scale;
  const items: KeyItem[] = [];
  if (content.surface) {
    // Whole pixels: each column is exactly its colour, as on the view.
    const width = Math.round(140 * scale);
    items.push({
      markWidth: 0, text: "D's surface: fake", mark: () => undefined,
    }, {
      markWidth: width + 6 * scale, text: 'real',
      mark: (c, x, y) => {
        const [left, top, height] = [Math.round(x), Math.round(y - 6 * scale), Math.round(12 * scale)];
        for (let i = 0; i < width; i++) {
          c.fillStyle = css(surfaceColor(i / (width - 1)));
          c.fillRect(left + i, top, 1, height);
        }
      },
    });
  }
  if (content.conditions.length === 0) {
    items.push({ markWidth: 2 * arm + 5 * scale, text: 'real', mark: (c, x, y) => cross(c, x + arm, y, arm, realPointColor(null), 1.5 * scale) });
    items.push({ markWidth: 2 * arm + 5 * scale, text: 'generated', mark: (c, x, y) => dot(c, x + arm, y, arm, generatedPointColor(null)) });
  }
  if (content.flow?.velocity) {
    items.push({ markWidth: 21 * scale, text: content.flow.velocity, mark: (c, x, y) => flowMark(c, x, y, 16 * scale, 5 * scale, 1.5 * scale) });
  }
  if (content.flow?.trajectories) {
    items.push({
      markWidth: 21 * scale, text: 'trajectory, noise (t = 0) to data (t = 1)',
      mark: (c, x, y) => {
        c.globalAlpha = 0.6; // faint, as the page's key draws it
        flowMark(c, x, y, 16 * scale, 0, 1.5 * scale);
        c.globalAlpha = 1;
      },
    });
  }
  content.conditions.forEach((name, i) => items.push({
    markWidth: 4 * arm + 8 * scale, text: `${name} (× real, • generated)`, newRow: i === 0 && items.length > 0,
    mark: (c, x, y) => {
      cross(c, x + arm, y, arm, realPointColor(i), 2 * scale);
      dot(c, x + 3 * arm + 3 * scale, y, arm, generatedPointColor(i));
    },
  }));
  // Rows filled from the left, an entry moving to the next row when it would pass the right edge.
  context.font = font(12.5);
  const gap = 14 * scale;
  const placed: { item: KeyItem; x: number; row: number }[] = [];
  let [x, row] = [pad, 0];
  for (const item of items) {
    const width = item.markWidth + context.measureText(item.text).width;
    if (x > pad && (item.newRow || x + width > view.width - pad)) [x, row] = [pad, row + 1];
    placed.push({ item, x, row });
    x += width + gap;
  }
  const keyRows = row + 1;
  const footer = pad + keyRows * lineHeight * 1.4 + pad;

  canvas.width = view.width;
  canvas.height = Math.round(header + view.height + footer);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.textBaseline = 'middle';
  context.fillStyle = css(INK);
  context.font = font(15, 600);
  context.fillText(content.title, pad, pad + lineHeight / 2);
  context.font = font(12.5);
  context.fillStyle = css(MUTED_INK);
  content.lines.forEach((line, i) => context.fillText(line, pad, pad + lineHeight * (i + 1.5)));
  context.drawImage(view, 0, header);

  // Setting the canvas's size reset the context: the key's font again.
  context.font = font(12.5);
  for (const { item, x: left, row: at } of placed) {
    const y = header + view.height + pad + lineHeight * 1.4 * (at + 0.5);
    item.mark(context, left, y);
    context.fillStyle = css(INK);
    context.fillText(item.text, left + item.markWidth, y);
  }
  return canvas;
}
