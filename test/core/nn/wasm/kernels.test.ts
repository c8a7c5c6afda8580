// The WebAssembly kernels (one thread) against the TypeScript reference kernels, on awkward
// shapes: sizes 0, 1, 3, 17, 129 (not multiples of the 4×8 tile), every transpose form, with
// and without accumulation, every activation far into saturation.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivationCode } from '../../../../src/core/nn/kernels.js';
import { referenceKernels } from '../../../../src/core/nn/kernels-reference.js';
import { createWasmEngine, type WasmEngine } from '../../../../src/core/nn/wasm/wasm-engine.js';
import { createWasmKernels } from '../../../../src/core/nn/wasm/wasm-kernels.js';
import {
  assertSameBits, assertWithinBounds, assertWithinUlp, fillUniform, gemmBound, U32,
} from '../../../support/wasm.js';

let engine: WasmEngine;
before(async () => {
  engine = await createWasmEngine();
});

/** A scratch array in the engine's memory, filled with seeded uniforms in [low, high). */
function array(length: number, seed: number, low = -1, high = 1): Float32Array {
  const data = engine.arena.scratch(1, length).data;
  fillUniform(data, seed, low, high);
  return data;
}

function copy(values: Float32Array): Float32Array {
  const data = engine.arena.scratch(1, values.length).data;
  data.set(values);
  return data;
}

describe('gemm', () => {
  const forms: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];
  const sizesM = [1, 3, 17, 129];
  const sizesN = [1, 2, 3, 8, 17, 129];
  const sizesK = [0, 1, 3, 17, 129];
  for (const [transA, transB] of forms) {
    for (const accumulate of [false, true]) {
      test(`${transA ? 'T' : 'N'}${transB ? 'T' : 'N'} ${accumulate ? 'accumulating' : 'overwriting'}, m×n×k over {1,3,17,129}×{1,2,3,8,17,129}×{0,1,3,17,129}`, () => {
        let seed = 1;
        for (const m of sizesM) {
          for (const n of sizesN) {
            for (const k of sizesK) {
              engine.arena.reset();
              const a = array(m * k, seed++);
              const b = array(k * n, seed++);
              const c0 = array(m * n, seed++);
              const ours = copy(c0);
              const theirs = copy(c0);
              engine.kernels.gemm(transA, transB, m, n, k, a, b, ours, accumulate);
              referenceKernels.gemm(transA, transB, m, n, k, a, b, theirs, accumulate);
              const bound = gemmBound(transA, transB, m, n, k, a, b, accumulate ? c0 : null);
              assertWithinBounds(ours, theirs, bound, `${m}×${n}×${k}`);
            }
          }
        }
      });
    }
  }

  test('several packed panels (n > 512, k > 256) and a full 4×8 tile, every form', () => {
    for (const [transA, transB] of forms) {
      for (const [m, n, k] of [[5, 520, 300], [4, 8, 1], [131, 9, 600], [6, 1, 700]]) {
        engine.arena.reset();
        const a = array(m * k, m + n);
        const b = array(k * n, k);
        const c0 = array(m * n, 7);
        const ours = copy(c0);
        const theirs = copy(c0);
        engine.kernels.gemm(transA, transB, m, n, k, a, b, ours, true);
        referenceKernels.gemm(transA, transB, m, n, k, a, b, theirs, true);
        assertWithinBounds(ours, theirs, gemmBound(transA, transB, m, n, k, a, b, c0), `${m}×${n}×${k} ${transA}/${transB}`);
      }
    }
  });

  test('touches nothing outside C', () => {
    engine.arena.reset();
    const m = 3, n = 5, k = 7;
    const a = array(m * k, 1);
    const b = array(k * n, 2);
    const around = array(m * n + 8, 3);
    const before = copy(around);
    const c = around.subarray(4, 4 + m * n);
    engine.kernels.gemm(false, false, m, n, k, a, b, c, false);
    assertSameBits(around.subarray(0, 4), before.subarray(0, 4), 'floats before C');
    assertSameBits(around.subarray(4 + m * n), before.subarray(4 + m * n), 'floats after C');
  });
});

describe('gemmFirstColumns', () => {
  // Shapes that take every kernel for the whole product: narrow n <= 3 (dotRows), k <= 8
  // (small k), m <= 3 (short), and the 4×8 tile, with k having a tail past its vectors.
  const sizesM = [1, 3, 4, 17, 130];
  const sizesN = [2, 3, 4, 7, 12, 17];
  const sizesK = [0, 1, 3, 8, 9, 17, 100];
  test('equals the first columns of the whole gemm A·Bᵀ, bit for bit, on both kernels; nothing past C written', () => {
    let seed = 900;
    for (const m of sizesM) {
      for (const n of sizesN) {
        for (const k of sizesK) {
          for (const columns of [1, 2, 3, n].filter((c) => c <= n)) {
            engine.arena.reset();
            const a = array(m * k, seed++);
            const b = array(n * k, seed++);
            for (const kernels of [engine.kernels, referenceKernels]) {
              const whole = array(m * n, seed);
              kernels.gemm(false, true, m, n, k, a, b, whole, false);
              const expected = copy(whole);
              for (let i = 0; i < m; i++) expected.copyWithin(i * columns, i * n, i * n + columns);
              const around = array(m * columns + 4, seed++);
              const tail = copy(around.subarray(m * columns));
              kernels.gemmFirstColumns(m, n, k, columns, a, b, around);
              const what = `${kernels.name} ${m}×${n}×${k}, ${columns} columns`;
              assertSameBits(around.subarray(0, m * columns), expected.subarray(0, m * columns), what);
              assertSameBits(around.subarray(m * columns), tail, `${what}: floats after C`);
            }
          }
        }
      }
    }
  });

  test('more columns than the product has are refused', () => {
    engine.arena.reset();
    const a = array(6, 1), b = array(6, 2), c = array(9, 3);
    assert.throws(() => engine.kernels.gemmFirstColumns(2, 2, 3, 3, a, b, c), /3 columns of 2/);
    assert.throws(() => referenceKernels.gemmFirstColumns(2, 2, 3, 3, a, b, c), /3 columns of 2/);
  });
});

/** maxUlp: forward distance allowed from the reference; backward is exact but for LeakyReLU (1 ulp). */
const ACTIVATIONS: { name: string; code: ActivationCode; alpha: number; maxUlp: number }[] = [
  { name: 'identity', code: ActivationCode.identity, alpha: 0, maxUlp: 0 },
  { name: 'relu', code: ActivationCode.relu, alpha: 0, maxUlp: 0 },
  { name: 'leaky-relu 0.2', code: ActivationCode.leakyRelu, alpha: 0.2, maxUlp: 1 },
  { name: 'elu 1', code: ActivationCode.elu, alpha: 1, maxUlp: 2 },
  { name: 'elu 0.3', code: ActivationCode.elu, alpha: 0.3, maxUlp: 2 },
  { name: 'tanh', code: ActivationCode.tanh, alpha: 0, maxUlp: 3 },
  { name: 'sigmoid', code: ActivationCode.sigmoid, alpha: 0, maxUlp: 2 },
];

/** Inputs from tiny to saturated: exp overflows/underflows past |x| ≈ 88, tanh saturates by 9. */
const SPECIAL = [0, -0, 1e-30, -1e-30, 1e-7, -1e-7, 0.3, -0.3, 9, -9, 20, -20, 88.5, -88.5, 104, -104, 500, -500, 1e30, -1e30];

describe('biasActivation', () => {
  for (const { name, code, alpha, maxUlp } of ACTIVATIONS) {
    test(`${name}: within ${maxUlp} ulp of the reference, rows {1,3,17} × cols {1,2,3,4,5,17,129}, with and without bias`, () => {
      let seed = 100;
      for (const scale of [1e-6, 3, 120]) {
        for (const rows of [1, 3, 17]) {
          for (const cols of [1, 2, 3, 4, 5, 17, 129]) {
            for (const withBias of [false, true]) {
              engine.arena.reset();
              const x = array(rows * cols, seed++, -scale, scale);
              const bias = withBias ? array(cols, seed++, -scale, scale) : null;
              const ours = engine.arena.scratch(1, rows * cols).data;
              const theirs = engine.arena.scratch(1, rows * cols).data;
              engine.kernels.biasActivation(x, bias, rows, cols, code, alpha, ours);
              referenceKernels.biasActivation(x, bias, rows, cols, code, alpha, theirs);
              assertWithinUlp(ours, theirs, maxUlp, `${rows}×${cols} scale ${scale} bias ${withBias}`);
            }
          }
        }
      }
    });
  }

  test('special inputs (±0, tiny, saturating, beyond exp range), every activation', () => {
    for (const { name, code, alpha, maxUlp } of ACTIVATIONS) {
      engine.arena.reset();
      const x = copy(Float32Array.from(SPECIAL));
      const ours = engine.arena.scratch(1, x.length).data;
      const theirs = engine.arena.scratch(1, x.length).data;
      engine.kernels.biasActivation(x, null, x.length, 1, code, alpha, ours);
      referenceKernels.biasActivation(x, null, x.length, 1, code, alpha, theirs);
      assertWithinUlp(ours, theirs, maxUlp, name);
      for (const value of ours) assert.ok(Number.isFinite(value), `${name} gave ${value}`);
    }
  });

  test('out may be x itself', () => {
    engine.arena.reset();
    const rows = 17, cols = 5;
    const x = array(rows * cols, 5, -4, 4);
    const bias = array(cols, 6);
    const expected = engine.arena.scratch(1, rows * cols).data;
    referenceKernels.biasActivation(x, bias, rows, cols, ActivationCode.tanh, 0, expected);
    engine.kernels.biasActivation(x, bias, rows, cols, ActivationCode.tanh, 0, x);
    assertWithinUlp(x, expected, 3, 'in place');
  });
});

describe('activationBackward', () => {
  for (const { name, code, alpha } of ACTIVATIONS) {
    const maxUlp = code === ActivationCode.leakyRelu ? 1 : 0;
    test(`${name}: within ${maxUlp} ulp of the reference, n in {1,3,17,129,1000}`, () => {
      let seed = 300;
      for (const n of [1, 3, 17, 129, 1000]) {
        engine.arena.reset();
        const x = array(n, seed++, -6, 6);
        x.set(Float32Array.from(SPECIAL).subarray(0, Math.min(n, SPECIAL.length)));
        const y = engine.arena.scratch(1, n).data;
        referenceKernels.biasActivation(x, null, 1, n, code, alpha, y);
        const dy = array(n, seed++, -2, 2);
        const ours = engine.arena.scratch(1, n).data;
        const theirs = engine.arena.scratch(1, n).data;
        engine.kernels.activationBackward(dy, y, n, code, alpha, ours);
        referenceKernels.activationBackward(dy, y, n, code, alpha, theirs);
        assertWithinUlp(ours, theirs, maxUlp, `n ${n}`);
        // dx may be dy itself.
        engine.kernels.activationBackward(dy, y, n, code, alpha, dy);
        assertWithinUlp(dy, theirs, maxUlp, `n ${n} in place`);
      }
    });
  }
});

describe('columnSums', () => {
  test('rows × cols over {1,3,17,129}², accumulating or not: within the summation bound', () => {
    let seed = 500;
    for (const rows of [1, 3, 17, 129, 1000]) {
      for (const cols of [1, 3, 17, 129]) {
        for (const accumulate of [false, true]) {
          engine.arena.reset();
          const x = array(rows * cols, seed++);
          const out0 = array(cols, seed++);
          const ours = copy(out0);
          const theirs = copy(out0);
          engine.kernels.columnSums(x, rows, cols, ours, accumulate);
          referenceKernels.columnSums(x, rows, cols, theirs, accumulate);
          const bound = new Float64Array(cols);
          for (let c = 0; c < cols; c++) {
            let magnitude = accumulate ? Math.abs(out0[c]) : 0;
            for (let r = 0; r < rows; r++) magnitude += Math.abs(x[r * cols + c]);
            bound[c] = 2 * (rows + 1) * U32 * magnitude;
          }
          assertWithinBounds(ours, theirs, bound, `${rows}×${cols} accumulate ${accumulate}`);
        }
      }
    }
  });
});

describe('optimizer steps: bit for bit equal to the reference over several steps', () => {
  const sizes = [1, 3, 17, 129];

  /** Runs `steps` steps on both kernels from the same state and compares every array. */
  function compare(
    name: string, arrays: number,
    step: (kernels: typeof referenceKernels, state: Float32Array[], n: number, t: number) => void,
  ): void {
    for (const n of sizes) {
      engine.arena.reset();
      const initial = Array.from({ length: arrays }, (_, i) => array(n, 700 + 10 * n + i, i >= 2 ? 0 : -1, 1));
      const ours = initial.map(copy);
      const theirs = initial.map(copy);
      for (let t = 1; t <= 4; t++) {
        // A new gradient each step (array 1), the same for both.
        fillUniform(ours[1], 900 + t);
        theirs[1].set(ours[1]);
        step(engine.kernels, ours, n, t);
        step(referenceKernels, theirs, n, t);
      }
      ours.forEach((values, i) => assertSameBits(values, theirs[i], `${name} n ${n} array ${i}`));
    }
  }

  test('sgd: plain, momentum with dampening, nesterov, weight decay', () => {
    compare('sgd plain', 3, (k, [p, g, b], n) => k.sgdStep(p, g, b, n, 0.1, 0, 0, 0, false, false));
    compare('sgd momentum', 3, (k, [p, g, b], n, t) => k.sgdStep(p, g, b, n, 0.05, 0.9, 0.1, 0.01, false, t === 1));
    compare('sgd nesterov', 3, (k, [p, g, b], n, t) => k.sgdStep(p, g, b, n, 0.05, 0.9, 0, 0.001, true, t === 1));
  });

  test('adam, with and without weight decay', () => {
    compare('adam', 4, (k, [p, g, m, v], n, t) => k.adamStep(p, g, m, v, n, 1e-3, 0.5, 0.999, 1e-8, 0, t));
    compare('adam decay', 4, (k, [p, g, m, v], n, t) => k.adamStep(p, g, m, v, n, 2e-3, 0.9, 0.99, 1e-6, 0.01, t));
  });

  test('rmsprop, with and without momentum', () => {
    compare('rmsprop', 4, (k, [p, g, s, b], n) => k.rmspropStep(p, g, s, b, n, 0.01, 0.99, 1e-8, 0, 0));
    compare('rmsprop momentum', 4, (k, [p, g, s, b], n) => k.rmspropStep(p, g, s, b, n, 0.01, 0.9, 1e-8, 0.001, 0.9));
  });

  test('adadelta', () => {
    compare('adadelta', 4, (k, [p, g, s, d], n) => k.adadeltaStep(p, g, s, d, n, 1, 0.9, 1e-6, 0));
    compare('adadelta decay', 4, (k, [p, g, s, d], n) => k.adadeltaStep(p, g, s, d, n, 0.5, 0.95, 1e-6, 0.01));
  });
});

describe('memory checks', () => {
  test('a view of another buffer is refused, naming the argument', () => {
    engine.arena.reset();
    const a = array(4, 1);
    const c = array(4, 2);
    const foreign = new Float32Array(4);
    assert.throws(() => engine.kernels.gemm(false, false, 2, 2, 2, a, foreign, c, false), /gemm B is not a view of the engine's WebAssembly memory/);
    assert.throws(() => engine.kernels.biasActivation(foreign, null, 2, 2, ActivationCode.relu, 0, c), /biasActivation x is not a view/);
    assert.throws(() => engine.kernels.adamStep(a, foreign, c, c, 4, 1e-3, 0.9, 0.999, 1e-8, 0, 1), /adamStep grad is not a view/);
  });

  test('a view too short for the shape is refused', () => {
    engine.arena.reset();
    const a = array(6, 1);
    const b = array(6, 2);
    const c = array(3, 3);
    assert.throws(() => engine.kernels.gemm(false, false, 2, 2, 3, a, b, c, false), /gemm C has 3 floats, 4 needed/);
    assert.throws(() => engine.kernels.columnSums(a, 3, 4, c, false), /columnSums x has 6 floats, 12 needed/);
  });

  test('views made before the memory grew stay usable; the arena starts above the reserved bytes', () => {
    engine.arena.reset();
    const a = array(4, 1);
    assert.ok(a.byteOffset >= engine.reservedBytes);
    const before = engine.memory.buffer.byteLength;
    const big = engine.arena.scratch(1, (before / 4) + 1024).data; // forces growth
    assert.ok(engine.memory.buffer.byteLength > before);
    const c = array(4, 3);
    engine.kernels.gemm(false, false, 2, 2, 2, a, a, c, false);
    engine.kernels.gemm(false, false, 2, 2, 2, a, a, big, false);
    assert.equal(c[0], Math.fround(Math.fround(a[0] * a[0]) + Math.fround(a[1] * a[2])));
  });

  test('an engine on a plain (unshared) memory: one thread, views rebuilt after growth, old ones refused', async () => {
    const plain = await createWasmEngine({ sharedMemory: false, threads: 2, initialBytes: 1 << 16 });
    assert.equal(plain.threads, 1);
    assert.ok(!(plain.memory.buffer instanceof SharedArrayBuffer));
    const x = plain.arena.persistent(2, 3);
    x.data.set([-2, -1, 0, 1, 2, 3]);
    const before = x.data;
    plain.arena.persistent(1, 1 << 16); // grows the memory: the old buffer is detached
    assert.notEqual(x.data, before, 'the arena re-pointed the tensor');
    const out = plain.arena.persistent(2, 3);
    plain.kernels.biasActivation(x.data, null, 2, 3, ActivationCode.relu, 0, out.data);
    assert.deepEqual(Array.from(out.data), [0, 0, 0, 1, 2, 3]);
    assert.throws(() => plain.kernels.biasActivation(before, null, 2, 3, ActivationCode.relu, 0, out.data), /not a view/);
    await plain.dispose();
  });

  test('createWasmKernels works on a plain (unshared) memory', async () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 256 });
    const kernels = await createWasmKernels(memory);
    const x = new Float32Array(memory.buffer, kernels.reservedBytes, 6);
    const out = new Float32Array(memory.buffer, kernels.reservedBytes + 64, 6);
    x.set([-2, -1, 0, 1, 2, 3]);
    kernels.biasActivation(x, null, 2, 3, ActivationCode.relu, 0, out);
    assert.deepEqual(Array.from(out), [0, 0, 0, 1, 2, 3]);
    assert.throws(() => kernels.biasActivation(new Float32Array(6), null, 2, 3, ActivationCode.relu, 0, out), /not a view/);
  });
});
