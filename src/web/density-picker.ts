/**
 * The built-in densities as thumbnails (a radio group: arrow keys move, Enter/Space pick),
 * plus a switch to train a picture's parts as conditions.
 */
import { builtinCatalogue, builtinTarget, drawPicture, drawPictureParts, isBuiltinName, pictureNames } from '../core/density/index.js';
import type { DensityGrid } from '../core/density/grid.js';
import { conditionColor, REAL, type Rgb } from '../core/render/colors.js';
import { gaussianBlur } from '../core/render/histogram.js';

const THUMB_SIZE = 64;

export interface DensityPicker {
  /** Marks the current choice (null: the data is not a built-in). */
  select(name: string | null, conditional: boolean): void;
  onPick(listener: (name: string, conditional: boolean) => void): void;
}

/** Paints grids onto a canvas as tints of their colours on white, each scaled to its maximum. */
export function paintThumbnail(canvas: HTMLCanvasElement, grids: DensityGrid[], colors: Rgb[]): void {
  const { width, height } = grids[0];
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  image.data.fill(255);
  grids.forEach((grid, g) => {
    let max = 0;
    for (const value of grid.values) max = Math.max(max, value);
    if (!(max > 0)) return;
    const color = colors[g];
    for (let i = 0; i < grid.values.length; i++) {
      const t = Math.sqrt(grid.values[i] / max);
      if (t <= 0) continue;
      for (let channel = 0; channel < 3; channel++) {
        const current = image.data[4 * i + channel];
        image.data[4 * i + channel] = Math.round(current + (color[channel] - current) * t);
      }
    }
  });
  context.putImageData(image, 0, 0);
}

function thumbnailGrids(name: string, conditional: boolean): { grids: DensityGrid[]; colors: Rgb[] } {
  const entry = builtinCatalogue().find((b) => b.name === name);
  if (entry && entry.conditional && conditional) {
    const grids = drawPictureParts(name, THUMB_SIZE);
    return { grids, colors: grids.map((_, i) => conditionColor(i)) };
  }
  if (pictureNames().includes(name)) return { grids: [drawPicture(name, THUMB_SIZE)], colors: [REAL] };
  const target = builtinTarget(name, { rasterSize: THUMB_SIZE });
  // A mixture's modes are narrower than a thumbnail's pixel: blur them into visible dots.
  const values = gaussianBlur(target.raster.values, THUMB_SIZE, THUMB_SIZE, 1);
  return { grids: [{ width: THUMB_SIZE, height: THUMB_SIZE, values }], colors: [REAL] };
}

export function buildDensityPicker(container: HTMLElement, conditionalSwitch: HTMLInputElement): DensityPicker {
  const listeners: ((name: string, conditional: boolean) => void)[] = [];
  const catalogue = builtinCatalogue();
  const buttons: HTMLButtonElement[] = [];
  const canvases = new Map<string, HTMLCanvasElement>();
  let current: string | null = null;

  for (const entry of catalogue) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'thumb';
    button.setAttribute('role', 'radio');
    button.setAttribute('aria-checked', 'false');
    button.dataset.name = entry.name;
    button.title = entry.description;
    button.setAttribute('aria-label', `${entry.name}: ${entry.description}`);
    button.tabIndex = -1;
    const canvas = document.createElement('canvas');
    const { grids, colors } = thumbnailGrids(entry.name, false);
    paintThumbnail(canvas, grids, colors);
    canvases.set(entry.name, canvas);
    const label = document.createElement('span');
    label.textContent = entry.name;
    button.append(canvas, label);
    button.addEventListener('click', () => pick(entry.name));
    button.addEventListener('keydown', (event) => {
      const index = buttons.indexOf(button);
      const move = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
      if (move === 0) return;
      event.preventDefault();
      const next = buttons[(index + move + buttons.length) % buttons.length];
      next.focus();
      pick(next.dataset.name ?? entry.name);
    });
    buttons.push(button);
    container.append(button);
  }
  conditionalSwitch.addEventListener('change', () => {
    if (current) pick(current);
  });

  function canBeConditional(name: string): boolean {
    return catalogue.some((entry) => entry.name === name && entry.conditional);
  }

  function pick(name: string): void {
    const conditional = conditionalSwitch.checked && canBeConditional(name);
    select(name, conditional);
    for (const listener of listeners) listener(name, conditional);
  }

  function select(name: string | null, conditional: boolean): void {
    const previous = current;
    current = name !== null && isBuiltinName(name) ? name : null;
    for (const button of buttons) {
      const chosen = button.dataset.name === current;
      button.setAttribute('aria-checked', String(chosen));
      button.tabIndex = chosen || (current === null && button === buttons[0]) ? 0 : -1;
    }
    conditionalSwitch.disabled = current === null || !canBeConditional(current);
    conditionalSwitch.checked = conditional && !conditionalSwitch.disabled;
    // The chosen picture's thumbnail shows its parts in their condition colours when trained as conditions.
    for (const name of [previous, current]) {
      if (!name) continue;
      const canvas = canvases.get(name);
      if (!canvas) continue;
      const { grids, colors } = thumbnailGrids(name, name === current && conditionalSwitch.checked);
      paintThumbnail(canvas, grids, colors);
    }
  }

  return {
    select,
    onPick: (listener) => listeners.push(listener),
  };
}
