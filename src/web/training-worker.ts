/**
 * The training worker: owns the engine (WebAssembly SIMD, on several threads when the page
 * is cross-origin isolated) and the run. While playing it trains in short slices, so the
 * page's messages (pause, a frame request) are answered within a few milliseconds, and it
 * answers frame requests at most MAX_FRAME_RATE times a second, so drawing never starves training.
 */
import { createWasmEngine, type WasmEngine } from '../core/nn/wasm/wasm-engine.js';
import { nextIterationDue, type Pace } from './pace.js';
import type { FromWorker, LayerRequest, ToWorker } from './protocol.js';
import { FlowSession } from './flow-session.js';
import { TrainingSession } from './training-session.js';
import { createWebThreadHost } from './web-thread-host.js';
import { workerScope } from './worker-scope.js';

const scope = workerScope<ToWorker, FromWorker>();
/** Training runs this long between looks at the message queue. */
const SLICE_MS = 8;
const MAX_FRAME_RATE = 36;
/**
 * A flow's frame integrates its display points through every solver step, and its quality
 * sample 2,500 points: its frames come at most this often, and take at most a third of the
 * time (the rest trains); its quality samples at most every FLOW_EVALUATION_EVERY_MS.
 */
const MAX_FLOW_FRAME_RATE = 12;
const FLOW_FRAME_SHARE = 1 / 3;
const FLOW_EVALUATION_EVERY_MS = 2000;
/** Moving average of one iteration's time: a frame goes out early rather than an iteration late. */
let iterationMs = 5;
let frameMs = 0;
/** The same, of frames without a quality sample: what a frame's view costs, which spaces a flow's frames. */
let viewMs = 0;
/** Quality samples (2,500 points through G) at most this often while playing. */
const EVALUATION_EVERY_MS = 500;
let lastEvaluationAt = -Infinity;
/** D's surface at most this often while playing; the page keeps showing the last one between. */
const SURFACE_EVERY_MS = 60;
let lastSurfaceAt = -Infinity;
/** Beyond this many threads the kernels' shapes have too little work per thread. */
const MAX_THREADS = 4;

let engine: WasmEngine | null = null;
let engineThreads = 0;
let session: TrainingSession | FlowSession | null = null;
let playing = false;
let pace: Pace = { kind: 'fastest' };
let iterationsSinceFrame = 0;
/** Per-second pacing: when the last iteration ran (null: none since Play), and the timer for the next. */
let lastIterationAt: number | null = null;
let slowTimer: ReturnType<typeof setTimeout> | null = null;
/** The iteration the last frame showed: at a per-second pace, a frame waits for a new one. */
let lastFrameIteration = -1;
let pendingFrame: LayerRequest | null = null;
let lastFrameAt = 0;
/** (time, iteration) pairs of the last second or so, for the iterations/s figure. */
const rateSamples: [number, number][] = [];

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Threads for a config: its own count, or one core fewer than the machine has (the page's
 * own thread draws meanwhile, and a kernel thread that has to share a core waits on it),
 * at most MAX_THREADS. The engine falls back to one without shared memory.
 */
function threadsFor(requested: number): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
  return Math.max(1, requested > 0 ? requested : Math.min(cores - 1, MAX_THREADS));
}

async function engineWith(threads: number): Promise<WasmEngine> {
  // A fresh engine per run: the old run's networks live in the old engine's memory.
  if (engine) await engine.dispose();
  engine = await createWasmEngine({ threads, host: threads > 1 ? createWebThreadHost() : undefined });
  engineThreads = engine.threads;
  return engine;
}

async function start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  session = null;
  playing = false;
  pendingFrame = null;
  rateSamples.length = 0;
  try {
    const wasm = await engineWith(threadsFor(message.config.threads));
    const common = { data: message.data, checkpoint: message.checkpoint, stopAfter: message.stopAfter, engine: wasm, engineName: wasm.kernels.name, threads: engineThreads };
    session = message.model === 'flow'
      ? new FlowSession({ ...common, config: message.config })
      : new TrainingSession({ ...common, config: message.config });
    const info = session.runInfo();
    post({ type: 'started', info });
  } catch (error) {
    session = null;
    post({ type: 'error', message: `Could not start the run: ${errorText(error)}` });
  }
}

function iterationsPerSecond(now: number): number {
  if (!session) return 0;
  rateSamples.push([now, session.iteration]);
  while (rateSamples.length > 2 && now - rateSamples[1][0] >= 1000) rateSamples.shift();
  const [then, iterationThen] = rateSamples[0];
  return now > then ? ((session.iteration - iterationThen) * 1000) / (now - then) : 0;
}

function sendFrame(now: number): void {
  if (!session || !pendingFrame) return;
  const layers = pendingFrame;
  pendingFrame = null;
  iterationsSinceFrame = 0;
  lastFrameAt = now;
  lastFrameIteration = session.iteration;
  try {
    const evaluationEvery = session instanceof FlowSession ? FLOW_EVALUATION_EVERY_MS : EVALUATION_EVERY_MS;
    // A run that stopped by itself (its limit, a loss not finite) shows its last iteration's scores and surface, as a paused one does.
    const still = !playing || session.stopped !== null;
    const mayEvaluate = still || now - lastEvaluationAt >= evaluationEvery;
    const surfaceDue = still || now - lastSurfaceAt >= SURFACE_EVERY_MS;
    const frame = session.frame(layers, !still, playing ? iterationsPerSecond(now) : 0, mayEvaluate, surfaceDue);
    if (frame.evaluation) lastEvaluationAt = now;
    if (frame.surface) lastSurfaceAt = now;
    const elapsed = performance.now() - now;
    frameMs = 0.9 * frameMs + 0.1 * elapsed;
    if (!frame.evaluation) viewMs = 0.8 * viewMs + 0.2 * elapsed;
    frame.iterationMilliseconds = iterationMs;
    frame.frameMilliseconds = frameMs;
    if (frame.stopped) playing = false;
    const transfer: Transferable[] = [frame.generated.buffer];
    if (frame.gradients) transfer.push(frame.gradients.buffer);
    if (frame.surface) transfer.push(frame.surface.values.buffer);
    if (frame.manifold) transfer.push(frame.manifold.points.buffer);
    if (frame.evaluation) transfer.push(frame.evaluation.points.buffer);
    if (frame.flow) transfer.push(frame.flow.paths.buffer);
    if (frame.flow?.velocity) transfer.push(frame.flow.velocity.points.buffer, frame.flow.velocity.vectors.buffer);
    post({ type: 'frame', frame }, transfer);
  } catch (error) {
    playing = false;
    post({ type: 'error', message: `Drawing failed: ${errorText(error)}` });
  }
}

function frameReady(now: number): boolean {
  if (!playing || !session || session.stopped !== null) return true;
  if (pace.kind === 'per-frame') return iterationsSinceFrame >= pace.iterations;
  if (pace.kind === 'per-second') return session.iteration !== lastFrameIteration;
  const spacing = session instanceof FlowSession ? Math.max(1000 / MAX_FLOW_FRAME_RATE, viewMs / FLOW_FRAME_SHARE) : 1000 / MAX_FRAME_RATE;
  return now - lastFrameAt + iterationMs / 2 >= spacing;
}

// A MessageChannel schedules the next slice as a task: unlike setTimeout, never clamped to 4 ms.
const ticker = new MessageChannel();
let tickQueued = false;
function scheduleTick(): void {
  if (tickQueued) return;
  tickQueued = true;
  ticker.port2.postMessage(null);
}

/** At a per-second pace: one tick when the next iteration is due (a timer: nothing runs between). */
function scheduleAt(due: number): void {
  const wait = due - performance.now();
  if (wait <= 0) {
    scheduleTick();
    return;
  }
  if (slowTimer !== null) clearTimeout(slowTimer);
  slowTimer = setTimeout(() => {
    slowTimer = null;
    tick();
  }, wait);
}

function tick(): void {
  if (!session) return;
  const begin = performance.now();
  try {
    if (playing && session.stopped === null) {
      if (pace.kind === 'fastest') {
        let count = 0;
        while (performance.now() - begin < SLICE_MS && session.iterate() !== null) count++;
        if (count > 0) iterationMs = 0.8 * iterationMs + (0.2 * (performance.now() - begin)) / count;
      } else if (pace.kind === 'per-frame') {
        while (iterationsSinceFrame < pace.iterations && session.iterate() !== null) iterationsSinceFrame++;
      } else if (begin >= nextIterationDue(pace.iterations, lastIterationAt, begin)) {
        session.iterate();
        lastIterationAt = begin;
      }
    }
  } catch (error) {
    playing = false;
    post({ type: 'error', message: `Training failed: ${errorText(error)}` });
  }
  const now = performance.now();
  if (pendingFrame && frameReady(now)) sendFrame(now);
  const going = playing && session.stopped === null;
  if (going && pace.kind === 'per-second') {
    scheduleAt(nextIterationDue(pace.iterations, lastIterationAt, now));
    return;
  }
  // Keep going while there is training to do; a paced run waits for the page's next request.
  const canTrain = going && (pace.kind === 'fastest' || iterationsSinceFrame < pace.iterations);
  if (canTrain || (pendingFrame && playing)) scheduleTick();
}

ticker.port1.onmessage = () => {
  tickQueued = false;
  tick();
};

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'start') {
    await start(message);
    return;
  }
  if (!session) return;
  switch (message.type) {
    case 'play':
      // After a stop at the limit, Play goes on past it; after a loss that is not finite it
      // cannot, and the next frame says so again.
      playing = session.resume();
      rateSamples.length = 0;
      lastIterationAt = null;
      scheduleTick();
      break;
    case 'pause':
      playing = false;
      break;
    case 'step':
      try {
        session.step(message.part);
      } catch (error) {
        post({ type: 'error', message: `The step failed: ${errorText(error)}` });
      }
      break;
    case 'stage':
      try {
        session.stepStage();
      } catch (error) {
        post({ type: 'error', message: `The step failed: ${errorText(error)}` });
      }
      break;
    case 'speed':
      pace = message.pace;
      rateSamples.length = 0;
      scheduleTick();
      break;
    case 'free-options':
      session.setFreeOptions(message.stopAfter, message.displayInterval);
      break;
    case 'frame':
      pendingFrame = message.layers;
      scheduleTick();
      break;
    case 'get-checkpoint':
      post({ type: 'checkpoint', checkpoint: session.checkpoint() });
      break;
  }
}

// Messages are handled one after another, in order: those sent while a run is being built
// (engine creation is asynchronous) wait for it.
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event) => {
  queue = queue.then(() => handle(event.data)).catch((error: unknown) => post({ type: 'error', message: errorText(error) }));
});
