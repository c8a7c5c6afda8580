/**
 * The training run's animation: each display interval's frame drawn once at GIF size,
 * appended to training.gif, and (with --frames) also saved as frames/iter_NNNNNN.png.
 */
import { join } from 'node:path';
import { trainingFrameLayout, type TrainingFrameData, type TrainingFrameLayout } from '../../core/render/frame.js';
import { TrainingFrameComposer } from '../../core/render/frame-composer.js';
import { createNodeCanvas, writePng, type NodeCanvas } from '../image/canvas.js';
import { gifPreamble, GifWriter } from '../image/gif-writer.js';

export interface TrainingAnimationOptions {
  gifPath: string;
  /** Where the frames go until the GIF is finished (GifWriter's partPath); default a temporary name. */
  partPath?: string;
  /** Continues the part file after its first frames (GifWriter's continueAfter). */
  continueAfter?: { frames: number; bytes: number };
  /** When set, every frame is also written there as iter_NNNNNN.png (the folder must exist). */
  framesFolder?: string;
  /** Width of each of the three panels; 240 gives 720-pixel-wide frames. */
  panelWidth?: number;
  delayMs?: number;
}

export class TrainingAnimation {
  readonly layout: TrainingFrameLayout;
  private readonly target: NodeCanvas;
  private readonly composer: TrainingFrameComposer;
  private readonly gif: GifWriter;
  private readonly framesFolder: string | undefined;

  constructor(options: TrainingAnimationOptions) {
    this.layout = trainingFrameLayout(options.panelWidth ?? 240);
    this.target = createNodeCanvas(this.layout.width, this.layout.height);
    this.composer = new TrainingFrameComposer(this.target.context, this.layout);
    this.gif = new GifWriter(options.gifPath, this.layout.width, this.layout.height, writerOptions(options));
    this.framesFolder = options.framesFolder;
  }

  /** Frames in the GIF, those it continues after included. */
  get frameCount(): number {
    return this.gif.frameCount;
  }

  addFrame(data: TrainingFrameData): void {
    const pixels = this.composer.compose(data);
    this.gif.addFrame(pixels);
    if (this.framesFolder !== undefined) {
      // The composer leaves only parts on its canvas: put the whole frame there to encode it.
      const image = this.target.context.createImageData(this.layout.width, this.layout.height);
      image.data.set(pixels);
      this.target.context.putImageData(image, 0, 0);
      writePng(join(this.framesFolder, frameFileName(data.iteration)), this.target);
    }
  }

  finish(): Promise<void> {
    return this.gif.finish();
  }

  abort(): void {
    this.gif.abort();
  }
}

function writerOptions(options: TrainingAnimationOptions) {
  return { delayMs: options.delayMs ?? 100, partPath: options.partPath, continueAfter: options.continueAfter };
}

/** The bytes training.gif starts with, for these options: a part file to continue must start with them. */
export function trainingGifPreamble(options: Pick<TrainingAnimationOptions, 'panelWidth' | 'delayMs'> = {}): Uint8Array {
  const layout = trainingFrameLayout(options.panelWidth ?? 240);
  return gifPreamble(layout.width, layout.height, { delayMs: options.delayMs ?? 100 });
}

/** iter_000120.png: zero-padded so the files sort in training order. */
export function frameFileName(iteration: number): string {
  return `iter_${String(iteration).padStart(6, '0')}.png`;
}
