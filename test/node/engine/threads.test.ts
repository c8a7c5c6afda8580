// The WebAssembly kernels on several threads: the same results, bit for bit, on 1, 2 and 3
// threads (parts split outputs, never sums), the work really shared, and workers that
// neither outlive their engine nor keep the process alive.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ActivationCode } from '../../../src/core/nn/kernels.js';
import { referenceKernels } from '../../../src/core/nn/kernels-reference.js';
import type { WasmEngine } from '../../../src/core/nn/wasm/wasm-engine.js';
import { createWasmEngine } from '../../../src/core/nn/wasm/wasm-engine.js';
import { createNodeWasmEngine, nodeThreadHost } from '../../../src/node/engine/threads.js';
import { assertSameBits, assertWithinUlp, fillUniform } from '../../support/wasm.js';

/** Every kernel at sizes above the sharing thresholds; returns the outputs in order. */
function workload(engine: WasmEngine): Float32Array[] {
  const { arena, kernels } = engine;
  arena.reset();
  let seed = 1;
  const input = (length: number, low = -1, high = 1): Float32Array => {
    const data = arena.scratch(1, length).data;
    fillUniform(data, seed++, low, high);
    return data;
  };
  const outputs: Float32Array[] = [];
  // gemm: the 4×8 tile split by rows and by columns; narrow (rows only), short (columns only)
  // and small-k products, the memory-bound ones big enough (about 4 MB) to be shared.
  const shapes = [
    [1003, 131, 67], [13, 517, 300], [8001, 2, 130], [540, 3, 2001], [4001, 1, 263], [3, 517, 2100], [8001, 131, 3],
  ];
  for (const [m, n, k] of shapes) {
    const a = input(m * k);
    const b = input(k * n);
    const c0 = input(m * n);
    for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
      for (const accumulate of [false, true]) {
        const c = arena.scratch(1, m * n).data;
        c.set(c0);
        kernels.gemm(transA, transB, m, n, k, a, b, c, accumulate);
        outputs.push(c);
      }
    }
  }
  const rows = 4101, cols = 131;
  const length = 350003;
  const x = input(rows * cols, -9, 9);
  const bias = input(cols);
  const dy = input(length);
  const y = input(length, -0.5, 1);
  for (const code of Object.values(ActivationCode)) {
    const out = arena.scratch(1, rows * cols).data;
    kernels.biasActivation(x, bias, rows, cols, code, 0.2, out);
    outputs.push(out);
    const dx = arena.scratch(1, length).data;
    kernels.activationBackward(dy, y, length, code, 0.3, dx);
    outputs.push(dx);
  }
  const sums = input(cols);
  kernels.columnSums(input(8101 * cols), 8101, cols, sums, true);
  outputs.push(sums);
  const n = length;
  const state = (): Float32Array[] => [input(n), input(n), input(n, 0, 1), input(n, 0, 1)];
  const [p1, g1, b1] = state();
  kernels.sgdStep(p1, g1, b1, n, 0.1, 0.9, 0.1, 0.01, true, false);
  const [p2, g2, m2, v2] = state();
  kernels.adamStep(p2, g2, m2, v2, n, 1e-3, 0.5, 0.999, 1e-8, 0.01, 3);
  const [p3, g3, s3, b3] = state();
  kernels.rmspropStep(p3, g3, s3, b3, n, 0.01, 0.99, 1e-8, 0, 0.9);
  const [p4, g4, s4, d4] = state();
  kernels.adadeltaStep(p4, g4, s4, d4, n, 1, 0.9, 1e-6, 0);
  outputs.push(p1, b1, p2, m2, v2, p3, s3, b3, p4, s4, d4);
  return outputs.map((output) => output.slice());
}

/** Kernel calls in workload() that are big enough to be shared. */
const SHARED_CALLS = 7 * 4 * 2 + 6 * 2 + 1 + 4;

describe('threads', () => {
  const engines = new Map<number, WasmEngine>();
  before(async () => {
    // No backing off: a busy machine must not change which kernels are shared (counted below).
    for (const threads of [1, 2, 3]) {
      engines.set(threads, await createNodeWasmEngine({ threads, backOffWhenBusy: false }));
    }
  });
  after(async () => {
    for (const engine of engines.values()) await engine.dispose();
  });

  test('1, 2 and 3 threads give bit-identical results for every kernel', () => {
    const single = workload(engines.get(1)!);
    for (const threads of [2, 3]) {
      const engine = engines.get(threads)!;
      assert.equal(engine.threads, threads);
      const before = engine.sharedKernelCount();
      const shared = workload(engine);
      assert.equal(engine.sharedKernelCount() - before, SHARED_CALLS, 'every large kernel was shared');
      shared.forEach((output, i) => assertSameBits(output, single[i], `${threads} threads, output ${i}`));
    }
    assert.equal(engines.get(1)!.sharedKernelCount(), 0);
  });

  test('a shared gemm agrees with the reference', () => {
    const engine = engines.get(2)!;
    engine.arena.reset();
    const m = 700, n = 96, k = 200;
    const a = engine.arena.scratch(m, k).data;
    const b = engine.arena.scratch(k, n).data;
    fillUniform(a, 11);
    fillUniform(b, 12);
    const ours = engine.arena.scratch(m, n).data;
    const theirs = engine.arena.scratch(m, n).data;
    const before = engine.sharedKernelCount();
    engine.kernels.gemm(false, false, m, n, k, a, b, ours, false);
    assert.equal(engine.sharedKernelCount(), before + 1);
    referenceKernels.gemm(false, false, m, n, k, a, b, theirs, false);
    // Both sum in the same order; they differ only in the reference rounding a·b + c once.
    let worst = 0;
    for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
    assert.ok(worst < 1e-4, `largest difference ${worst}`);
  });
});

test('workers see memory grown after they started', async () => {
  const engine = await createNodeWasmEngine({ threads: 2, initialBytes: 1 << 16, backOffWhenBusy: false });
  const before = engine.memory.buffer.byteLength;
  const m = 1200, n = 300, k = 100; // about 2 MB: well past the initial memory
  const a = engine.arena.persistent(m, k).data;
  const b = engine.arena.persistent(k, n).data;
  const c = engine.arena.persistent(m, n).data;
  assert.ok(engine.memory.buffer.byteLength > before + (m * n * 4));
  fillUniform(a, 21);
  fillUniform(b, 22);
  engine.kernels.gemm(false, false, m, n, k, a, b, c, false);
  assert.equal(engine.sharedKernelCount(), 1);
  const expected = new Float32Array(m * n);
  referenceKernels.gemm(false, false, m, n, k, a, b, expected, false);
  let worst = 0;
  for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(c[i] - expected[i]));
  assert.ok(worst < 1e-4, `largest difference ${worst}`);
  await engine.dispose();
});

test('after dispose the engine works on one thread, with the same results', async () => {
  const engine = await createNodeWasmEngine({ threads: 2, backOffWhenBusy: false });
  const before = workload(engine);
  await engine.dispose();
  assert.equal(engine.threads, 1);
  const count = engine.sharedKernelCount();
  const afterwards = workload(engine);
  assert.equal(engine.sharedKernelCount(), count, 'nothing shared after dispose');
  afterwards.forEach((output, i) => assertWithinUlp(output, before[i], 0, `output ${i}`));
  await engine.dispose(); // a second dispose is harmless
});

test('without a thread host the engine runs on one thread; a thread count must be a positive integer', async () => {
  const engine = await createWasmEngine({ threads: 4 });
  assert.equal(engine.threads, 1);
  await engine.dispose();
  for (const threads of [0, 1.5, Number.NaN]) {
    await assert.rejects(createWasmEngine({ threads }), /threads must be a positive integer/);
  }
});

test('a worker that fails to start fails createWasmEngine, and the started ones are stopped', async () => {
  await assert.rejects(
    createWasmEngine({
      threads: 3,
      host: { start: (init) => (init.index === 2 ? Promise.reject(new Error('no more workers')) : nodeThreadHost.start(init)) },
    }),
    /no more workers/,
  );
});

test('when the workers take no share, the caller stops sharing after a window of 32 jobs', async () => {
  // A host whose "workers" never run: the caller claims every chunk itself.
  const absent = { start: async () => ({ terminate: async () => undefined }) };
  const counts: number[] = [];
  for (const backOffWhenBusy of [true, false]) {
    const engine = await createWasmEngine({ threads: 2, host: absent, backOffWhenBusy });
    const a = engine.arena.persistent(512, 128).data;
    const c = engine.arena.persistent(512, 128).data;
    for (let call = 0; call < 40; call++) engine.kernels.gemm(false, false, 512, 128, 128, a, a, c, false);
    counts.push(engine.sharedKernelCount());
    // Not disposed: stopping workers that never ran would wait for them.
  }
  assert.deepEqual(counts, [32, 40]);
});

test('a kernel thread that traps makes kernel calls throw, not hang, and dispose still ends', async () => {
  // The worker gets a scratch region outside the memory: its first chunk traps.
  const engine = await createWasmEngine({
    threads: 2,
    host: { start: (init) => nodeThreadHost.start({ ...init, scratchBase: 0x7fff0000 }) },
    backOffWhenBusy: false,
  });
  const m = 1024, n = 256, k = 256;
  const a = engine.arena.persistent(m, k).data;
  const b = engine.arena.persistent(k, n).data;
  const c = engine.arena.persistent(m, n).data;
  const run = (): void => {
    // The worker may be slow to wake and leave every chunk to this thread: try until it takes one.
    for (let call = 0; call < 2000; call++) engine.kernels.gemm(false, false, m, n, k, a, b, c, false);
  };
  assert.throws(run, /a kernel thread failed/);
  assert.throws(() => engine.kernels.gemm(false, false, 4, 4, 4, a, b, c, false), /a kernel thread failed/);
  await engine.dispose();
});

test('an engine that is never disposed does not keep the process alive', () => {
  const threadsModule = fileURLToPath(new URL('../../../src/node/engine/threads.js', import.meta.url));
  const script = `
    const { createNodeWasmEngine } = await import(${JSON.stringify(threadsModule)});
    const engine = await createNodeWasmEngine({ threads: 2 });
    const a = engine.arena.scratch(1000, 100).data;
    const c = engine.arena.scratch(1000, 100).data;
    engine.kernels.gemm(false, true, 1000, 100, 100, a, engine.arena.scratch(100, 100).data, c, false);
    if (engine.sharedKernelCount() !== 1) process.exit(3);
    console.log('done');
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 90_000 }); // generous: only a hang takes that long
  assert.equal(child.signal, null, 'the child had to be killed: its workers kept it alive');
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'done');
});
