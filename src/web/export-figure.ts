/**
 * Export PNG: the view as a figure that stands alone, like the CLI's frames: a title (the
 * data, the iteration, the losses and quality figures) above it, and its key below (D's
 * surface colour bar, the real and generated marks, per condition in a conditional run).
 */
import { css, INK, MUTED_INK, type Rgb } from '../core/render/colors.js';
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

function dot(context: CanvasRenderingContext2D, x: number, y: number, radius: number, color: Rgb): void {
  context.fillStyle = css(color);
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.fill();
}

export function composeExport(view: HTMLCanvasElement, content: ExportContent): HTMLCanvasElement {
  const scale = Math.max(1, view.width / 640);
  const font = (size: number, weight = 400): string => `${weight} ${Math.round(size * scale)}px system-ui, sans-serif`;
  const pad = Math.round(10 * scale);
  const lineHeight = Math.round(18 * scale);
  const header = pad + lineHeight * (1 + content.lines.length) + pad / 2;
  const keyRows = 1 + (content.conditions.length > 0 ? Math.ceil(content.conditions.length / 3) : 0);
  const footer = pad + keyRows * lineHeight * 1.4 + pad;
  const canvas = document.createElement('canvas');
  canvas.width = view.width;
  canvas.height = Math.round(header + view.height + footer);
  const context = canvas.getContext('2d');
  if (!context) return view;
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

  // The key, row by row: the surface's bar and the plain marks, then the conditions.
  let y = header + view.height + pad + (lineHeight * 1.4) / 2;
  let x = pad;
  const arm = 4 * scale;
  context.font = font(12.5);
  const label = (text: string): void => {
    context.fillStyle = css(INK);
    context.fillText(text, x, y);
    x += context.measureText(text).width + 14 * scale;
  };
  if (content.surface) {
    label("D's surface: fake");
    // Whole pixels: each column is exactly its colour, as on the view.
    const width = Math.round(140 * scale);
    const [left, top, height] = [Math.round(x), Math.round(y - 6 * scale), Math.round(12 * scale)];
    for (let i = 0; i < width; i++) {
      context.fillStyle = css(surfaceColor(i / (width - 1)));
      context.fillRect(left + i, top, 1, height);
    }
    x += width + 6 * scale;
    label('real');
  }
  if (content.conditions.length === 0) {
    cross(context, x + arm, y, arm, realPointColor(null), 1.5 * scale);
    x += 2 * arm + 5 * scale;
    label('real');
    dot(context, x + arm, y, arm, generatedPointColor(null));
    x += 2 * arm + 5 * scale;
    label('generated');
  }
  content.conditions.forEach((name, i) => {
    if (i % 3 === 0) {
      y += lineHeight * 1.4;
      x = pad;
    }
    cross(context, x + arm, y, arm, realPointColor(i), 2 * scale);
    x += 2 * arm + 3 * scale;
    dot(context, x + arm, y, arm, generatedPointColor(i));
    x += 2 * arm + 5 * scale;
    label(`${name} (× real, • generated)`);
  });
  return canvas;
}
