// The kernels as the host calls them (each returns 0, or 1 when a worker thread failed): each
// decides whether its work is worth sharing, and if so publishes itself as a job of chunks
// (arguments in the control block's slots), takes chunks on the calling thread with the
// workers, and waits for the last one. Chunks split the output (rows or columns of C, rows of
// an activation, parameter ranges), never a sum, and a chunk's result does not depend on which
// thread computes it: results are the same on any number of threads.

import { activationBackwardRange, biasActivationRange } from './activation';
import { columnSumsRange } from './column-sums';
import { firstColumnsRange, gemmRange, isNarrow, isShort, isSmallK } from './gemm';
import { adadeltaRange, adamRange, rmspropRange, sgdRange } from './optimizers';
import {
  awaitChunks, chunkDone, claim, failed, getFloat, getInt, JOB_QUIT, jobChunks, jobKind, nextJob, publish, recordShare,
  setFloat, setInt, sharing, threads,
} from './threads';

const GEMM = 1;
const BIAS_ACTIVATION = 2;
const ACTIVATION_BACKWARD = 3;
const COLUMN_SUMS = 4;
const SGD = 5;
const ADAM = 6;
const RMSPROP = 7;
const ADADELTA = 8;

// When to share. The handshake costs about 2 µs on 2 cores, but the bigger cost is moving
// data between the cores' caches: a kernel that streams data another core just wrote (most of
// them: the previous op's output) and does little arithmetic on it runs no faster on two cores
// while the data fits in one core's L2 (2 MiB here). So compute-bound kernels (the 4×8-tile
// gemm, transcendental activations, the f64 optimizers) are shared from about 10 µs of work,
// memory-bound ones (elementwise, column sums, narrow/short/small-k gemm) only once the bytes
// they touch outgrow L2. Shared work is cut into up to CHUNKS_PER_THREAD chunks a thread.
const GEMM_MIN_MULTIPLY_ADDS: i64 = 1 << 18;
const TRANSCENDENTAL_MIN: i64 = 1 << 13; // elements of ELU/tanh/sigmoid forward (about 2 ns each)
const DOUBLE_BACKWARD_MIN: i64 = 1 << 15; // elements of the f64 backward (about 0.5 ns each)
const OPTIMIZER_MIN: i64 = 1 << 14; // parameters of Adam/RMSprop/Adadelta (f64, about 2 ns each)
const MEMORY_BOUND_MIN_BYTES: i64 = 1 << 22;
const CHUNKS_PER_THREAD = 4;

/** How many chunks `work` (in units of `minimum`) over `units` output pieces gets; 1 = run here. */
function chunksFor(work: i64, minimum: i64, units: i32): i32 {
  const t = threads();
  if (t <= 1 || work < minimum || !sharing(work / minimum)) return 1;
  const byWork = <i32>min<i64>(work / minimum, <i64>t * CHUNKS_PER_THREAD);
  return max(1, min(units, max(t, byWork)));
}

/** Start of chunk `chunk` when `units` units are dealt out evenly to `chunks` chunks. */
// @ts-ignore: decorator
@inline
function share(units: i32, chunk: i32, chunks: i32): i32 {
  return <i32>((<i64>units * chunk) / chunks);
}

function run(kind: i32, chunk: i32, chunks: i32): void {
  switch (kind) {
    case GEMM: gemmChunk(chunk, chunks); break;
    case BIAS_ACTIVATION: biasActivationChunk(chunk, chunks); break;
    case ACTIVATION_BACKWARD: activationBackwardChunk(chunk, chunks); break;
    case COLUMN_SUMS: columnSumsChunk(chunk, chunks); break;
    case SGD: sgdChunk(chunk, chunks); break;
    case ADAM: adamChunk(chunk, chunks); break;
    case RMSPROP: rmspropChunk(chunk, chunks); break;
    case ADADELTA: adadeltaChunk(chunk, chunks); break;
  }
}

/** Claims and runs chunks of job `generation` until none is left: how many it ran, −1 on quit. */
function work(generation: i32): i32 {
  let ran = 0;
  while (true) {
    const chunk = claim(generation);
    if (chunk < 0) return ran;
    const kind = jobKind();
    if (kind != JOB_QUIT) run(kind, chunk, jobChunks());
    chunkDone();
    if (kind == JOB_QUIT) return -1;
    ran++;
  }
}

/** Runs a published job with the workers; 1 if a worker failed (see markFailed), else 0. */
function runShared(kind: i32, chunks: i32): i32 {
  const ranHere = work(publish(kind, chunks));
  awaitChunks(chunks);
  recordShare(chunks, ranHere);
  return failed() ? 1 : 0;
}

/** A worker thread's entry point: serves jobs until stopWorkers(). */
export function workerLoop(startGeneration: i32): void {
  let seen = startGeneration;
  while (true) {
    seen = nextJob(seen);
    if (work(seen) < 0) return;
  }
}

/** Makes every worker return from workerLoop (one quit chunk each); call from the publishing thread. */
export function stopWorkers(): void {
  const workers = threads() - 1;
  if (workers > 0) {
    publish(JOB_QUIT, workers);
    awaitChunks(workers);
  }
}

// ---- gemm: split C by blocks of 4 rows, or by strips of 8 columns when it has more of those.

export function gemm(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, accumulate: bool,
): i32 {
  const rowTiles = (m + 3) >> 2;
  const columnStrips = (n + 7) >> 3;
  // The narrow kernels need whole rows, the short ones whole columns. Otherwise columns when
  // A is read in place (each column chunk packs only its own part of B; a row chunk packs all
  // of B) and there are enough strips, else the dimension with more tiles.
  const enoughStrips = columnStrips >= threads() * CHUNKS_PER_THREAD;
  const byRows = isNarrow(n, k) || (!isShort(m, transA, transB) && !(enoughStrips && !transA) && rowTiles >= columnStrips);
  const units = byRows ? rowTiles : columnStrips;
  const tiled = !isNarrow(n, k) && !isShort(m, transA, transB) && !isSmallK(n, k);
  const chunks = tiled
    ? chunksFor(<i64>m * n * k, GEMM_MIN_MULTIPLY_ADDS, units)
    : chunksFor(4 * (<i64>m * k + <i64>k * n + <i64>m * n), MEMORY_BOUND_MIN_BYTES, units);
  if (chunks == 1) {
    gemmRange(transA, transB, m, n, k, a, b, c, accumulate, 0, m, 0, n);
    return 0;
  }
  setInt(0, transA ? 1 : 0); setInt(1, transB ? 1 : 0);
  setInt(2, m); setInt(3, n); setInt(4, k);
  setInt(5, <i32>a); setInt(6, <i32>b); setInt(7, <i32>c);
  setInt(8, accumulate ? 1 : 0); setInt(9, byRows ? 1 : 0);
  return runShared(GEMM, chunks);
}

/**
 * The first `columns` columns of A·Bᵀ (A m×k, B n×k) in the bits gemm(false, true, m, n, k)
 * gives them (gemm.ts: firstColumnsRange). On the calling thread: it is a narrow, memory-bound
 * product (the input gradient of a conditional first layer).
 */
export function gemmFirstColumns(m: i32, n: i32, k: i32, columns: i32, a: usize, b: usize, c: usize): i32 {
  firstColumnsRange(m, n, k, columns, a, b, c);
  return 0;
}

function gemmChunk(chunk: i32, chunks: i32): void {
  const transA = getInt(0) != 0, transB = getInt(1) != 0;
  const m = getInt(2), n = getInt(3), k = getInt(4);
  const a = <usize>getInt(5), b = <usize>getInt(6), c = <usize>getInt(7);
  const accumulate = getInt(8) != 0;
  if (getInt(9) != 0) {
    const tiles = (m + 3) >> 2;
    const i0 = share(tiles, chunk, chunks) * 4, i1 = min(m, share(tiles, chunk + 1, chunks) * 4);
    gemmRange(transA, transB, m, n, k, a, b, c, accumulate, i0, i1, 0, n);
  } else {
    const strips = (n + 7) >> 3;
    const j0 = share(strips, chunk, chunks) * 8, j1 = min(n, share(strips, chunk + 1, chunks) * 8);
    gemmRange(transA, transB, m, n, k, a, b, c, accumulate, 0, m, j0, j1);
  }
}

// ---- bias + activation: split by rows.

export function biasActivation(x: usize, bias: usize, rows: i32, cols: i32, act: i32, alpha: f64, out: usize): i32 {
  const cheap = act <= 2; // identity, ReLU, LeakyReLU
  const chunks = cheap
    ? chunksFor(8 * <i64>rows * cols, MEMORY_BOUND_MIN_BYTES, rows)
    : chunksFor(<i64>rows * cols, TRANSCENDENTAL_MIN, rows);
  if (chunks == 1) {
    biasActivationRange(x, bias, cols, act, alpha, out, 0, rows);
    return 0;
  }
  setInt(0, <i32>x); setInt(1, <i32>bias); setInt(2, rows); setInt(3, cols); setInt(4, act);
  setInt(5, <i32>out); setFloat(0, alpha);
  return runShared(BIAS_ACTIVATION, chunks);
}

function biasActivationChunk(chunk: i32, chunks: i32): void {
  const rows = getInt(2);
  biasActivationRange(
    <usize>getInt(0), <usize>getInt(1), getInt(3), getInt(4), getFloat(0), <usize>getInt(5),
    share(rows, chunk, chunks), share(rows, chunk + 1, chunks),
  );
}

// ---- elementwise ranges (activation backward, optimizers): split in runs of 4 elements.

/** Start of chunk `chunk` of n elements, on a multiple of 4 (chunk == chunks gives n). */
function runStart(n: i32, chunk: i32, chunks: i32): i32 {
  return min(n, share((n + 3) >> 2, chunk, chunks) * 4);
}

function runEnd(n: i32, chunk: i32, chunks: i32): i32 {
  return runStart(n, chunk + 1, chunks);
}

export function activationBackward(dy: usize, y: usize, n: i32, act: i32, alpha: f64, dx: usize): i32 {
  const cheap = act <= 2;
  const chunks = cheap
    ? chunksFor(12 * <i64>n, MEMORY_BOUND_MIN_BYTES, (n + 3) >> 2)
    : chunksFor(<i64>n, DOUBLE_BACKWARD_MIN, (n + 3) >> 2);
  if (chunks == 1) {
    activationBackwardRange(dy, y, act, alpha, dx, 0, n);
    return 0;
  }
  setInt(0, <i32>dy); setInt(1, <i32>y); setInt(2, n); setInt(3, act); setInt(4, <i32>dx); setFloat(0, alpha);
  return runShared(ACTIVATION_BACKWARD, chunks);
}

function activationBackwardChunk(chunk: i32, chunks: i32): void {
  const n = getInt(2);
  activationBackwardRange(
    <usize>getInt(0), <usize>getInt(1), getInt(3), getFloat(0), <usize>getInt(4),
    runStart(n, chunk, chunks), runEnd(n, chunk, chunks),
  );
}

// ---- column sums: split by runs of 16 columns.

export function columnSums(x: usize, rows: i32, cols: i32, out: usize, accumulate: bool): i32 {
  const chunks = chunksFor(4 * <i64>rows * cols, MEMORY_BOUND_MIN_BYTES, (cols + 15) >> 4);
  if (chunks == 1) {
    columnSumsRange(x, rows, cols, out, accumulate, 0, cols);
    return 0;
  }
  setInt(0, <i32>x); setInt(1, rows); setInt(2, cols); setInt(3, <i32>out); setInt(4, accumulate ? 1 : 0);
  return runShared(COLUMN_SUMS, chunks);
}

function columnSumsChunk(chunk: i32, chunks: i32): void {
  const cols = getInt(2);
  const blocks = (cols + 15) >> 4;
  const c0 = share(blocks, chunk, chunks) * 16, c1 = min(cols, share(blocks, chunk + 1, chunks) * 16);
  columnSumsRange(<usize>getInt(0), getInt(1), cols, <usize>getInt(3), getInt(4) != 0, c0, c1);
}

// ---- optimizers: split by parameter ranges.

export function sgdStep(
  param: usize, grad: usize, momentumBuffer: usize, n: i32,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, nesterov: bool, firstStep: bool,
): i32 {
  const chunks = chunksFor(12 * <i64>n, MEMORY_BOUND_MIN_BYTES, (n + 3) >> 2);
  if (chunks == 1) {
    sgdRange(param, grad, momentumBuffer, 0, n, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    return 0;
  }
  setInt(0, <i32>param); setInt(1, <i32>grad); setInt(2, <i32>momentumBuffer); setInt(3, n);
  setInt(4, nesterov ? 1 : 0); setInt(5, firstStep ? 1 : 0);
  setFloat(0, lr); setFloat(1, momentum); setFloat(2, dampening); setFloat(3, weightDecay);
  return runShared(SGD, chunks);
}

function sgdChunk(chunk: i32, chunks: i32): void {
  const n = getInt(3);
  sgdRange(
    <usize>getInt(0), <usize>getInt(1), <usize>getInt(2), runStart(n, chunk, chunks), runEnd(n, chunk, chunks),
    getFloat(0), getFloat(1), getFloat(2), getFloat(3), getInt(4) != 0, getInt(5) != 0,
  );
}

export function adamStep(
  param: usize, grad: usize, m: usize, v: usize, n: i32,
  stepSize: f64, correction2: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
): i32 {
  const chunks = chunksFor(<i64>n, OPTIMIZER_MIN, (n + 3) >> 2);
  if (chunks == 1) {
    adamRange(param, grad, m, v, 0, n, stepSize, correction2, beta1, beta2, eps, weightDecay);
    return 0;
  }
  setInt(0, <i32>param); setInt(1, <i32>grad); setInt(2, <i32>m); setInt(3, <i32>v); setInt(4, n);
  setFloat(0, stepSize); setFloat(1, correction2); setFloat(2, beta1); setFloat(3, beta2);
  setFloat(4, eps); setFloat(5, weightDecay);
  return runShared(ADAM, chunks);
}

function adamChunk(chunk: i32, chunks: i32): void {
  const n = getInt(4);
  adamRange(
    <usize>getInt(0), <usize>getInt(1), <usize>getInt(2), <usize>getInt(3), runStart(n, chunk, chunks), runEnd(n, chunk, chunks),
    getFloat(0), getFloat(1), getFloat(2), getFloat(3), getFloat(4), getFloat(5),
  );
}

export function rmspropStep(
  param: usize, grad: usize, squareAverage: usize, momentumBuffer: usize, n: i32,
  lr: f64, alpha: f64, eps: f64, weightDecay: f64, momentum: f64,
): i32 {
  const chunks = chunksFor(<i64>n, OPTIMIZER_MIN, (n + 3) >> 2);
  if (chunks == 1) {
    rmspropRange(param, grad, squareAverage, momentumBuffer, 0, n, lr, alpha, eps, weightDecay, momentum);
    return 0;
  }
  setInt(0, <i32>param); setInt(1, <i32>grad); setInt(2, <i32>squareAverage); setInt(3, <i32>momentumBuffer); setInt(4, n);
  setFloat(0, lr); setFloat(1, alpha); setFloat(2, eps); setFloat(3, weightDecay); setFloat(4, momentum);
  return runShared(RMSPROP, chunks);
}

function rmspropChunk(chunk: i32, chunks: i32): void {
  const n = getInt(4);
  rmspropRange(
    <usize>getInt(0), <usize>getInt(1), <usize>getInt(2), <usize>getInt(3), runStart(n, chunk, chunks), runEnd(n, chunk, chunks),
    getFloat(0), getFloat(1), getFloat(2), getFloat(3), getFloat(4),
  );
}

export function adadeltaStep(
  param: usize, grad: usize, squareAverage: usize, accumulatedDelta: usize, n: i32,
  lr: f64, rho: f64, eps: f64, weightDecay: f64,
): i32 {
  const chunks = chunksFor(<i64>n, OPTIMIZER_MIN, (n + 3) >> 2);
  if (chunks == 1) {
    adadeltaRange(param, grad, squareAverage, accumulatedDelta, 0, n, lr, rho, eps, weightDecay);
    return 0;
  }
  setInt(0, <i32>param); setInt(1, <i32>grad); setInt(2, <i32>squareAverage); setInt(3, <i32>accumulatedDelta); setInt(4, n);
  setFloat(0, lr); setFloat(1, rho); setFloat(2, eps); setFloat(3, weightDecay);
  return runShared(ADADELTA, chunks);
}

function adadeltaChunk(chunk: i32, chunks: i32): void {
  const n = getInt(4);
  adadeltaRange(
    <usize>getInt(0), <usize>getInt(1), <usize>getInt(2), <usize>getInt(3), runStart(n, chunk, chunks), runEnd(n, chunk, chunks),
    getFloat(0), getFloat(1), getFloat(2), getFloat(3),
  );
}
