/**
 * The Node host for src/core/render: a Skia canvas from @napi-rs/canvas, PNG encoding,
 * and the figures a training run leaves behind written as PNG files (atomically).
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { RenderContext } from '../../core/render/context.js';
import { drawTrainingFrame, trainingFrameLayout, type TrainingFrameData } from '../../core/render/frame.js';
import { drawLossPlot, type TrainingCurves } from '../../core/render/line-plot.js';
import { writeFileAtomic } from '../files.js';

export interface NodeCanvas {
  canvas: Canvas;
  context: RenderContext;
  width: number;
  height: number;
}

export function createNodeCanvas(width: number, height: number): NodeCanvas {
  const canvas = createCanvas(width, height);
  // Skia's context implements the standard API the renderer draws with; its own type
  // declarations differ from lib.dom's in details the renderer does not use.
  const context = canvas.getContext('2d') as unknown as RenderContext;
  return { canvas, context, width, height };
}

/** The canvas's pixels as RGBA bytes (row 0 at the top). */
export function readPixels(target: NodeCanvas): Uint8ClampedArray {
  return target.context.getImageData(0, 0, target.width, target.height).data;
}

export function encodePng(target: NodeCanvas): Uint8Array {
  return target.canvas.encodeSync('png');
}

export function writePng(path: string, target: NodeCanvas): void {
  writeFileAtomic(path, encodePng(target));
}

/** One training frame as a PNG: final.png at panelWidth 480, frames/iter_NNNNNN.png at the GIF's 240. */
export function writeTrainingFramePng(path: string, data: TrainingFrameData, panelWidth = 480): void {
  const layout = trainingFrameLayout(panelWidth);
  const target = createNodeCanvas(layout.width, layout.height);
  drawTrainingFrame(target.context, layout, data);
  writePng(path, target);
}

/** losses.png: the losses over iterations and, below, the quality metrics. */
export function writeLossPlotPng(path: string, curves: TrainingCurves, size = { width: 900, height: 640 }): void {
  const target = createNodeCanvas(size.width, size.height);
  drawLossPlot(target.context, size, curves);
  writePng(path, target);
}
