/**
 * training.gif drawn on a worker thread: the run loop posts each frame's points and goes
 * on training while the worker draws and compresses it (about a tenth of a default run's
 * work, on a core the engine leaves idle). Where a worker cannot start, the frames are
 * drawn inline instead; the file is the same either way.
 */
import { Worker } from 'node:worker_threads';
import type { PlacedDensity } from '../../core/render/density-image.js';
import type { TrainingFrameData } from '../../core/render/frame.js';
import { WriteError } from '../files.js';
import { TrainingAnimation, type TrainingAnimationOptions } from './gif-animation.js';

export type AnimationRequest =
  | { type: 'frame'; data: TrainingFrameData }
  | { type: 'finish' }
  | { type: 'abort' };

/** An error as it crosses from the worker: a WriteError keeps its file and code. */
export interface AnimationFault {
  message: string;
  path?: string;
  code?: string;
}

/**
 * `broken` comes as soon as a frame could not be written (before that frame's `drawn`), so
 * the run loop stops at once and no checkpoint counts the frame.
 */
export type AnimationReply = { type: 'drawn' } | { type: 'done' } | { type: 'broken'; fault: AnimationFault } | { type: 'failed'; fault: AnimationFault };

/** An error to send across from the worker. */
export function animationFault(error: unknown): AnimationFault {
  if (error instanceof WriteError) return { message: error.message, path: error.path, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The error a fault from the worker stands for: a WriteError naming the file, else drawing failed. */
function faultError(fault: AnimationFault): Error {
  if (fault.path !== undefined) return new WriteError(fault.path, fault.code);
  return new Error(`drawing training.gif failed: ${fault.message}`);
}

export interface Animation {
  /** Frames in the GIF: those it continues after, then those added. */
  readonly frameCount: number;
  /** Queues a frame. Its realDensity, if any, must be the one given at the start (it is sent once). */
  addFrame(data: TrainingFrameData): void;
  /**
   * Resolves once few enough frames wait to be drawn: the run loop awaits it so frames never
   * pile up in memory. Rejects once a frame could not be written (a full disk): the error names the file.
   */
  whenReady(): Promise<void>;
  /** Resolves once every frame added is written to the part file (so a checkpoint that counts them may follow); rejects as whenReady. */
  flush(): Promise<void>;
  /** Throws the error of a frame that could not be written, if one was reported by now. */
  check(): void;
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
  private waiting: { queued: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  /** Why the animation cannot go on: a frame not written, or the worker crashed. */
  private failure: Error | null = null;
  /** The worker itself is gone: nothing more can be asked of it. */
  private crashed = false;
  private closed = false;

  constructor(private readonly worker: Worker, private frames: number) {
    worker.on('message', (reply: AnimationReply) => {
      if (reply.type === 'drawn') {
        this.queued--;
        this.wake();
        return;
      }
      if (reply.type === 'broken') {
        this.fail(faultError(reply.fault));
        return;
      }
      const resolve = this.pending;
      this.pending = null;
      resolve?.(reply);
    });
    worker.on('error', (error: Error) => {
      this.crashed = true;
      this.pending?.({ type: 'failed', fault: { message: error.message } });
      this.pending = null;
      this.queued = 0;
      this.fail(new Error(`drawing training.gif failed: ${error.message}`));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(this.failure);
  }

  private wake(): void {
    const ready = this.waiting.filter((waiter) => this.queued <= waiter.queued);
    this.waiting = this.waiting.filter((waiter) => this.queued > waiter.queued);
    for (const waiter of ready) waiter.resolve();
  }

  private queueAtMost(queued: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.queued <= queued) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ queued, resolve, reject }));
  }

  whenReady(): Promise<void> {
    return this.queueAtMost(MAX_QUEUED_FRAMES);
  }

  flush(): Promise<void> {
    return this.queueAtMost(0);
  }

  check(): void {
    if (this.failure) throw this.failure;
  }

  get frameCount(): number {
    return this.frames;
  }

  addFrame(data: TrainingFrameData): void {
    this.check();
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
    await this.ask({ type: 'abort' }, true).catch(() => undefined);
  }

  private async ask(request: AnimationRequest, evenFailed = false): Promise<void> {
    if (this.closed) return;
    try {
      if (this.crashed || !evenFailed) this.check();
      const reply = await new Promise<AnimationReply>((resolve) => {
        this.pending = resolve;
        this.worker.postMessage(request);
      });
      if (reply.type === 'failed') throw faultError(reply.fault);
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
    return Promise.resolve(); // each frame is written as it is added (or addFrame throws)
  }

  check(): void {
    // addFrame throws at once when a frame cannot be written.
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
