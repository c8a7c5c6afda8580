/**
 * The part of the standard Canvas 2D API the renderer draws with. The browser's
 * CanvasRenderingContext2D has it; so has @napi-rs/canvas's context in Node (the Node
 * edge passes that one in with a cast, see src/node/image/canvas.ts).
 */
export type RenderContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'lineCap' | 'lineJoin' | 'font' | 'textAlign' | 'textBaseline'
  | 'save' | 'restore' | 'beginPath' | 'closePath' | 'moveTo' | 'lineTo' | 'rect' | 'arc' | 'clip'
  | 'fill' | 'stroke' | 'fillRect' | 'strokeRect' | 'fillText' | 'measureText' | 'setLineDash'
  | 'createImageData' | 'putImageData' | 'getImageData'
>;

/** A rectangle on the canvas, in canvas pixels (y down, as the canvas has it). */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Fonts found on the machines gan2d runs on (Debian's DejaVu and Liberation), then the browser's defaults. */
export const FONT_FAMILY = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif';

export function font(sizePx: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${Math.round(sizePx * 10) / 10}px ${FONT_FAMILY}`;
}
