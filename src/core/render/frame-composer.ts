/**
 * Training frames as RGBA pixels, fast, for the animation: the same picture
 * drawTrainingFrame draws, assembled from parts so the canvas is read back as little
 * as possible (reading a canvas back costs more than painting the plots):
 * - the chrome (axes, ticks, panel titles, legend) is drawn and read back only when it changes;
 * - the plot areas are painted straight into pixel buffers;
 * - only the title strip is drawn and read back each frame.
 */
import type { RenderContext } from './context.js';
import {
  drawTrainingFrameChrome, drawTrainingFrameTitle, paintTrainingPanels, trainingFrameChromeKey,
  type TrainingFrameData, type TrainingFrameLayout,
} from './frame.js';
import type { PixelBuffer } from './pixel-painters.js';

export class TrainingFrameComposer {
  readonly layout: TrainingFrameLayout;
  private readonly ctx: RenderContext;
  private readonly frame: Uint8ClampedArray;
  private readonly panels: PixelBuffer[];
  private chrome: Uint8ClampedArray | null = null;
  private chromeKey = '';

  /** `ctx` is a scratch canvas of at least the layout's size; its content is overwritten. */
  constructor(ctx: RenderContext, layout: TrainingFrameLayout) {
    this.ctx = ctx;
    this.layout = layout;
    this.frame = new Uint8ClampedArray(layout.width * layout.height * 4);
    this.panels = layout.panels.map((rect) => ({
      width: rect.width,
      height: rect.height,
      data: new Uint8ClampedArray(rect.width * rect.height * 4),
    }));
  }

  /** The frame's pixels (RGBA, row 0 at the top). The array is reused: copy it to keep it past the next call. */
  compose(data: TrainingFrameData): Uint8ClampedArray {
    const { layout, ctx, frame } = this;
    const key = trainingFrameChromeKey(layout, data);
    if (!this.chrome || key !== this.chromeKey) {
      drawTrainingFrameChrome(ctx, layout, data);
      this.chrome = ctx.getImageData(0, 0, layout.width, layout.height).data.slice();
      this.chromeKey = key;
    }
    frame.set(this.chrome);

    paintTrainingPanels(layout, data, this.panels);
    const rowBytes = layout.width * 4;
    layout.panels.forEach((rect, i) => {
      const panel = this.panels[i].data;
      const panelRowBytes = rect.width * 4;
      for (let row = 0; row < rect.height; row++) {
        const from = row * panelRowBytes;
        frame.set(panel.subarray(from, from + panelRowBytes), (rect.y + row) * rowBytes + rect.x * 4);
      }
    });

    drawTrainingFrameTitle(ctx, layout, data);
    frame.set(ctx.getImageData(0, 0, layout.width, layout.titleHeight).data, 0);
    return frame;
  }
}
