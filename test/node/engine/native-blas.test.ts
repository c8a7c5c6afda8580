// The native products (cblas_sgemm of the machine's BLAS through koffi) against the reference
// kernels, alone and inside the WebAssembly engine on 1 and 2 threads; which products go
// native; and a missing library reported, not thrown. Runs where a BLAS loads (CI installs
// libopenblas0); elsewhere the native tests are skipped, saying why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceKernels } from '../../../src/core/nn/kernels-reference.js';
import type { NativeGemm } from '../../../src/core/nn/native-gemm.js';
import { createWasmEngine, type WasmEngine } from '../../../src/core/nn/wasm/wasm-engine.js';
import { loadNativeBlas, NATIVE_MIN_WORK } from '../../../src/node/engine/native-blas.js';
import { createNodeWasmEngine } from '../../../src/node/engine/threads.js';
import { assertSameBits, assertWithinBounds, fillUniform, gemmBound } from '../../support/wasm.js';

const blas = await loadNativeBlas(1);
const skip = blas.gemm === null ? `no native BLAS here (${blas.reason})` : false;

test('a library that is not there is reported with its path, not thrown', async () => {
  const missing = await loadNativeBlas(1, ['/nonexistent/libopenblas-gan2d-test.so.0']);
  assert.equal(missing.gemm, null);
  assert.match((missing as { reason: string }).reason, /\/nonexistent\/libopenblas-gan2d-test\.so\.0/);
});

const FORMS: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];

/**
 * Products of every form, with and without accumulation, by `gemm` on `engine`'s memory,
 * checked against the reference unless `against` is false; returns the outputs.
 */
function checkAgainstReference(engine: WasmEngine, gemm: NativeGemm['gemm'], shapes: number[][], against = true): Float32Array[] {
  const outputs: Float32Array[] = [];
  let seed = 1;
  const input = (length: number): Float32Array => {
    const data = engine.arena.scratch(1, length).data;
    fillUniform(data, seed++);
    return data;
  };
  for (const [m, n, k] of shapes) {
    for (const [transA, transB] of FORMS) {
      for (const accumulate of [false, true]) {
        engine.arena.reset();
        const a = input(m * k), b = input(k * n), c0 = input(m * n);
        const ours = engine.arena.scratch(1, m * n).data;
        ours.set(c0);
        const theirs = Float32Array.from(c0);
        gemm(transA, transB, m, n, k, a, b, ours, accumulate);
        if (against) {
          referenceKernels.gemm(transA, transB, m, n, k, a, b, theirs, accumulate);
          assertWithinBounds(ours, theirs, gemmBound(transA, transB, m, n, k, a, b, accumulate ? c0 : null), `${m}×${n}×${k} ${transA}/${transB} ${accumulate}`);
        }
        outputs.push(Float32Array.from(ours));
      }
    }
  }
  return outputs;
}

/** Awkward sizes (not multiples of any tile), k = 0 included, up to shapes of the speed presets. */
const SHAPES = [[1, 1, 1], [3, 17, 0], [17, 3, 129], [129, 1, 17], [129, 129, 129], [512, 130, 2], [300, 1, 513], [2000, 100, 50]];

describe('native products', { skip }, () => {
  const native = blas.gemm!;
  let engine: WasmEngine;
  before(async () => {
    engine = await createWasmEngine({ nativeGemm: native });
  });

  test('cblas_sgemm called directly agrees with the reference kernels within float32 rounding, every form', () => {
    checkAgainstReference(engine, native.gemm, SHAPES);
  });

  test('inside the engine: products at or above the threshold go native, smaller ones stay in WebAssembly; both agree with the reference', () => {
    let nativeCalls = 0;
    const counting: NativeGemm = { ...native, gemm: (...args) => { nativeCalls++; native.gemm(...args); } };
    return createWasmEngine({ nativeGemm: counting }).then((counted) => {
      checkAgainstReference(counted, counted.kernels.gemm, SHAPES);
      const expected = SHAPES.filter(([m, n, k]) => m * n * k >= NATIVE_MIN_WORK).length * FORMS.length * 2;
      assert.ok(expected > 0 && expected < SHAPES.length * FORMS.length * 2, 'the shapes fall on both sides of the threshold');
      assert.equal(nativeCalls, expected);
    });
  });

  test("the engine's kernels are named after both, so runs record which ran", () => {
    assert.match(engine.kernels.name, /^wasm-simd\+/);
    assert.ok(engine.kernels.name.endsWith(native.name));
  });

  test('on 2 engine threads with OpenBLAS on 2 threads: the same bits as on 1 thread', async () => {
    const two = await loadNativeBlas(2);
    const threaded = await createNodeWasmEngine({ threads: 2, nativeGemm: two.gemm! });
    try {
      // Large enough for OpenBLAS to split them between its threads (the first checked against the reference).
      const onTwo = [
        ...checkAgainstReference(threaded, threaded.kernels.gemm, [[129, 129, 129]]),
        ...checkAgainstReference(threaded, threaded.kernels.gemm, [[2000, 512, 512], [512, 512, 2000]], false),
      ];
      const onOne = [
        ...checkAgainstReference(engine, engine.kernels.gemm, [[129, 129, 129]]),
        ...checkAgainstReference(engine, engine.kernels.gemm, [[2000, 512, 512], [512, 512, 2000]], false),
      ];
      onTwo.forEach((output, i) => assertSameBits(output, onOne[i], `product ${i}`));
    } finally {
      await threaded.dispose();
    }
  });

  test('refuses views of other memory before calling the library', () => {
    engine.arena.reset();
    const a = engine.arena.scratch(64, 64).data, c = engine.arena.scratch(64, 64).data;
    assert.throws(() => engine.kernels.gemm(false, false, 64, 64, 64, a, new Float32Array(64 * 64), c, false), /gemm B is not a view of the engine's WebAssembly memory/);
    assert.throws(() => engine.kernels.gemm(false, false, 64, 64, 64, a, a, c.subarray(1), false), /gemm C has 4095 floats, 4096 needed/);
  });

  after(async () => {
    await engine?.dispose();
  });
});
