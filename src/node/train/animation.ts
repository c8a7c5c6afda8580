/**
 * training.gif drawn on a worker thread: the run loop posts each frame's points and goes
 * on training while the worker draws and compresses it (about a tenth of a default run's
 * work, on a core the engine leaves idle). Where a worker cannot start, the frames are
 * drawn inline instead; the file is the same either way.
 */
import { Worker } from 'node:worker_threads';
import type { PlacedDensity } from '../../core/render/density-image.js';
import type { TrainingFrameData } from '../../core/render/frame.js';
import { TrainingAnimation, type TrainingAnimationOptions } from './gif-animation.js';

export type AnimationRequest =
  | { type: 'frame'; data: TrainingFrameData }
  | { type: 'finish' }
  | { type: 'abort' };

export type AnimationReply = { type: 'drawn' } | { type: 'done' } | { type: 'failed'; message: string };

export interface Animation {
  /** Frames in the GIF: those it continues after, then those added. */
  readonly frameCount: number;
  /** Queues a frame. Its realDensity, if any, must be the one given at the start (it is sent once). */
  addFrame(data: TrainingFrameData): void;
  /** Resolves once few enough frames wait to be drawn: the run loop awaits it so frames never pile up in memory. */
  whenReady(): Promise<void>;
  /** Resolves once every frame added is written to the part file (so a checkpoint that counts them may follow). */
  flush(): Promise<void>;
  /** Writes the GIF into place once every queued frame is in it. */
  finish(): Promise<void>;
  /** Drops the animation; the GIF's path is left as it was. */
  abort(): Promise<void>;
}

const workerScript = new URL('./render-worker.js', import.meta.url);

/** Frames posted but not yet drawn before the run loop waits for the worker. */
const MAX_QUEUED_FRAMES = 8;

class WorkerAnimation implements Animation {
  private queued = 0;
  private pending: ((reply: AnimationReply) => void) | null = null;
  /** Who waits for the queue to shrink to at most `queued` frames. */
  private waiting: { queued: number; resolve: () => void }[] = [];
  private crashed: Error | null = null;
  private closed = false;

  constructor(private readonly worker: Worker, private frames: number) {
    worker.on('message', (reply: AnimationReply) => {
      if (reply.type === 'drawn') {
        this.queued--;
        this.wake();
        return;
      }
      const resolve = this.pending;
      this.pending = null;
      resolve?.(reply);
    });
    worker.on('error', (error: Error) => {
      this.crashed = error;
      this.pending?.({ type: 'failed', message: error.message });
      this.pending = null;
      this.queued = 0;
      this.wake();
    });
  }

  private wake(): void {
    const ready = this.waiting.filter((waiter) => this.queued <= waiter.queued);
    this.waiting = this.waiting.filter((waiter) => this.queued > waiter.queued);
    for (const waiter of ready) waiter.resolve();
  }

  private queueAtMost(queued: number): Promise<void> {
    if (this.queued <= queued) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ queued, resolve }));
  }

  whenReady(): Promise<void> {
    return this.queueAtMost(MAX_QUEUED_FRAMES);
  }

  flush(): Promise<void> {
    return this.queueAtMost(0);
  }

  get frameCount(): number {
    return this.frames;
  }

  addFrame(data: TrainingFrameData): void {
    if (this.crashed) throw new Error(`drawing training.gif failed: ${this.crashed.message}`);
    const { realDensity: _sentOnce, ...rest } = data;
    this.worker.postMessage({ type: 'frame', data: rest } satisfies AnimationRequest);
    this.frames++;
    this.queued++;
  }

  finish(): Promise<void> {
    return this.ask({ type: 'finish' });
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    await this.ask({ type: 'abort' }).catch(() => undefined);
  }

  private async ask(request: AnimationRequest): Promise<void> {
    if (this.closed) return;
    try {
      if (this.crashed) throw new Error(`drawing training.gif failed: ${this.crashed.message}`);
      const reply = await new Promise<AnimationReply>((resolve) => {
        this.pending = resolve;
        this.worker.postMessage(request);
      });
      if (reply.type === 'failed') throw new Error(`drawing training.gif failed: ${reply.message}`);
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }
}

class InlineAnimation implements Animation {
  private readonly animation: TrainingAnimation;

  constructor(options: TrainingAnimationOptions, private readonly realDensity: PlacedDensity | undefined) {
    this.animation = new TrainingAnimation(options);
  }

  get frameCount(): number {
    return this.animation.frameCount;
  }

  addFrame(data: TrainingFrameData): void {
    this.animation.addFrame(this.realDensity ? { ...data, realDensity: this.realDensity } : data);
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  flush(): Promise<void> {
    return Promise.resolve(); // each frame is written as it is added
  }

  finish(): Promise<void> {
    return this.animation.finish();
  }

  async abort(): Promise<void> {
    this.animation.abort();
  }
}

/** The animation on a worker thread, or inline where one cannot start (or `inline` asks for it). */
export function createAnimation(options: TrainingAnimationOptions, realDensity: PlacedDensity | undefined, inline = false): Animation {
  if (!inline) {
    try {
      return new WorkerAnimation(new Worker(workerScript, { workerData: { options, realDensity } }), options.continueAfter?.frames ?? 0);
    } catch {
      // No worker threads here: draw on this thread.
    }
  }
  return new InlineAnimation(options, realDensity);
}
