/**
 * A pad to paint a density with a brush: the painted area is the mass, grey levels give
 * less of it, an eraser takes it away. Pointer events, so a finger or a pen works as a
 * mouse does. The pad is the DRAW_SIZE² grid itself, so what is drawn is what trains
 * and what a link carries.
 */
import { createGrid, type DensityGrid } from '../core/density/grid.js';
import { DRAW_LEVELS, DRAW_SIZE } from '../core/density/drawn-density-codec.js';

export interface PaintTools {
  /** 'brush' paints the chosen grey level, 'eraser' clears. */
  tool(): 'brush' | 'eraser';
  /** Brush radius in cells. */
  radius(): number;
  /** Grey level 1..DRAW_LEVELS. */
  level(): number;
}

export interface PaintPad {
  grid(): DensityGrid;
  load(grid: DensityGrid): void;
  clear(): void;
  isEmpty(): boolean;
  onChange(listener: () => void): void;
}

export function createPaintPad(canvas: HTMLCanvasElement, tools: PaintTools): PaintPad {
  canvas.width = DRAW_SIZE;
  canvas.height = DRAW_SIZE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  const ctx = context;
  const levels = new Uint8Array(DRAW_SIZE * DRAW_SIZE);
  const listeners: (() => void)[] = [];
  let last: [number, number] | null = null;

  function render(): void {
    const image = ctx.createImageData(DRAW_SIZE, DRAW_SIZE);
    for (let i = 0; i < levels.length; i++) {
      const grey = Math.round((255 * levels[i]) / DRAW_LEVELS);
      image.data[4 * i] = grey;
      image.data[4 * i + 1] = grey;
      image.data[4 * i + 2] = grey;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  function stamp(cx: number, cy: number): void {
    const radius = tools.radius();
    const value = tools.tool() === 'eraser' ? 0 : tools.level();
    const reach = Math.ceil(radius);
    for (let row = Math.floor(cy) - reach; row <= Math.floor(cy) + reach; row++) {
      if (row < 0 || row >= DRAW_SIZE) continue;
      for (let col = Math.floor(cx) - reach; col <= Math.floor(cx) + reach; col++) {
        if (col < 0 || col >= DRAW_SIZE) continue;
        if (Math.hypot(col + 0.5 - cx, row + 0.5 - cy) <= radius) levels[row * DRAW_SIZE + col] = value;
      }
    }
  }

  /** Stamps along the segment from the last position, so fast strokes leave no gaps. */
  function strokeTo(x: number, y: number): void {
    const [x0, y0] = last ?? [x, y];
    const steps = Math.max(1, Math.ceil(Math.hypot(x - x0, y - y0) / Math.max(0.5, tools.radius() / 2)));
    for (let s = 1; s <= steps; s++) stamp(x0 + ((x - x0) * s) / steps, y0 + ((y - y0) * s) / steps);
    last = [x, y];
    render();
  }

  function cellOf(event: PointerEvent): [number, number] {
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * DRAW_SIZE, ((event.clientY - rect.top) / rect.height) * DRAW_SIZE];
  }

  canvas.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    last = null;
    strokeTo(...cellOf(event));
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!canvas.hasPointerCapture(event.pointerId)) return;
    strokeTo(...cellOf(event));
  });
  const finish = (event: PointerEvent): void => {
    if (!canvas.hasPointerCapture(event.pointerId)) return;
    canvas.releasePointerCapture(event.pointerId);
    last = null;
    for (const listener of listeners) listener();
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointercancel', finish);
  render();

  return {
    grid() {
      const grid = createGrid(DRAW_SIZE, DRAW_SIZE);
      for (let i = 0; i < levels.length; i++) grid.values[i] = levels[i] / DRAW_LEVELS;
      return grid;
    },
    load(grid) {
      if (grid.width !== DRAW_SIZE || grid.height !== DRAW_SIZE) return;
      for (let i = 0; i < levels.length; i++) levels[i] = Math.round(Math.max(0, Math.min(1, grid.values[i])) * DRAW_LEVELS);
      render();
    },
    clear() {
      levels.fill(0);
      render();
      for (const listener of listeners) listener();
    },
    isEmpty: () => levels.every((level) => level === 0),
    onChange: (listener) => listeners.push(listener),
  };
}
