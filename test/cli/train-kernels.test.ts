// gan2d train --kernels: a bad name refused; with a native BLAS (CI installs libopenblas0),
// native runs repeat bit for bit, record their kernels in summary.json and checkpoint.json,
// and really differ from WebAssembly ones in rounding; --kernels wasm records none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNativeBlas } from '../../src/node/engine/native-blas.js';
import { runCli as gan2d } from '../support/cli.js';

/** Layers of 48 units at batch 64: every hidden product is above the native threshold. */
const SMALL = ['examples/zig.png', '--iterations', '12', '--batch-size', '64', '--d-hidden', '48,48', '--g-hidden', '48,48', '--display-interval', '6', '--threads', '1', '--export-samples', '20'];

let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'gan2d-kernels-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

test('an unknown --kernels is refused in one line, before any file is written', async () => {
  const out = join(root, 'bad');
  const result = await gan2d(['train', ...SMALL, '--kernels', 'fast', '--out', out]);
  assert.notEqual(result.code, 0);
  assert.equal(result.stderr.trim(), 'gan2d: --kernels: expected auto, wasm, native, got "fast"');
  assert.ok(!existsSync(out));
});

const blas = await loadNativeBlas(1);
describe('native kernels', { skip: blas.gemm === null ? `no native BLAS here (${(blas as { reason: string }).reason})` : false }, () => {
  const run = async (name: string, kernels: string): Promise<string> => {
    const out = join(root, name);
    const result = await gan2d(['train', ...SMALL, '--kernels', kernels, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    return out;
  };
  /** What training computed: the weights, optimizer states and random streams, and the samples. */
  const trained = (folder: string): string => {
    const { generator, discriminator, optimizers, random } = readJson(join(folder, 'checkpoint.json'));
    return JSON.stringify({ generator, discriminator, optimizers, random }) + readFileSync(join(folder, 'samples.csv'), 'utf8');
  };

  test('the same seed twice on native kernels: the same bits; the kernels recorded; WebAssembly rounds differently and records none', async () => {
    const [first, second, wasm] = await Promise.all([run('native-1', 'native'), run('native-2', 'native'), run('wasm', 'wasm')]);
    assert.equal(trained(first), trained(second));
    const kernels = (readJson(join(first, 'summary.json')).engine as { kernels: string }).kernels;
    assert.equal(kernels, `wasm-simd+${blas.gemm!.name}`);
    assert.equal((readJson(join(first, 'checkpoint.json')).run as { kernels?: string }).kernels, kernels);

    assert.equal((readJson(join(wasm, 'summary.json')).engine as { kernels: string }).kernels, 'wasm-simd');
    assert.equal((readJson(join(wasm, 'checkpoint.json')).run as { kernels?: string }).kernels, undefined);
    assert.notEqual(trained(wasm), trained(first), 'the native products ran (their rounding differs)');
  });
});
