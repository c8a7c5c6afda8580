// A short run's files pinned by hash: a change meant to leave training alone (a refactor, a
// move, a faster kernel that must stay bit-identical) must write the same bytes. A change
// meant to alter training updates the hashes here and says why in its commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../support/cli.js';

/** The repository's root: inputs are given relative to it, so the files do not depend on where it is checked out. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** JSON with the wall-clock fields removed, keys in a fixed order. */
function withoutTimes(text: string): string {
  const drop = new Set(['wallSeconds', 'totalWallSeconds', 'iterationsPerSecond', 'elapsedSeconds']);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value).filter(([key]) => !drop.has(key)).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, v]) => [key, strip(v)]));
  };
  return JSON.stringify(strip(JSON.parse(text)));
}

/**
 * The runs are pinned on the WebAssembly kernels (--kernels wasm): the default, auto, takes the
 * machine's BLAS where it loads, whose rounding depends on the library and the CPU.
 */
async function runFiles(args: string[]): Promise<Record<string, string>> {
  const folder = mkdtempSync(join(tmpdir(), 'gan2d-pinned-'));
  try {
    const out = join(folder, 'run');
    const result = await runCli(['train', ...args, '--kernels', 'wasm', '--out', out], { cwd: ROOT, timeoutMs: 120_000 });
    assert.equal(result.code, 0, result.stderr);
    const read = (name: string): Buffer => readFileSync(join(out, name));
    return {
      'metrics.jsonl': sha256(read('metrics.jsonl')),
      'samples.csv': sha256(read('samples.csv')),
      'checkpoint.json': sha256(withoutTimes(read('checkpoint.json').toString('utf8'))),
      'summary.json': sha256(withoutTimes(read('summary.json').toString('utf8')).split(folder).join('FOLDER')),
      'training.gif': sha256(read('training.gif')),
      'final.png': sha256(read('final.png')),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('a short plain run writes the pinned bytes', async () => {
  const files = await runFiles(['examples/zig.png', '--iterations', '40', '--display-interval', '20', '--seed', '3', '--export-samples', '200']);
  assert.deepEqual(files, PLAIN);
});

test('a short conditional run with the stabilisers writes the pinned bytes', async () => {
  const files = await runFiles(['examples/binary', '--iterations', '30', '--display-interval', '10', '--seed', '4', '--batch-size', '300',
    '--optimizer', 'adam', '--r1-weight', '1', '--ema-decay', '0.9', '--lr-decay', '0.5', '--export-samples', '100']);
  assert.deepEqual(files, CONDITIONAL);
});

const PLAIN: Record<string, string> = {
  'metrics.jsonl': 'bac5404a0cd4aa84629ccb0747dcf9ab38d20de6b8ef2a7d38b0082689d26910',
  'samples.csv': '737fca2568243888c3430eacca91409b508eb5d44f2eb1f758cf5845febd8d36',
  'checkpoint.json': 'a18644e5e359b03d8716a3d179a24797a5b96dd1a76dd0a864b08117da00734d',
  'summary.json': 'fa76ec493cc288ba931cc89fefd5183460116febfa65f008cde0412686521dd1',
  'training.gif': '2cdc5bba1d227008cd9797995b38f12e43874213867455b9c9224f703eb285d2',
  'final.png': 'ec077cfd3dd4f6e7e2ea3e948202c8a15e3c2fb3290be62ee0682e046a3c8dd1',
};
const CONDITIONAL: Record<string, string> = {
  'metrics.jsonl': '2af811642247c014decb41c54a75c4a98d1956f5b97719147bb205112b55a2ea',
  'samples.csv': 'a1c684e22e2d0999c4bc6e2f452f6c68c9684bab657fc9c80d4837a945dc316f',
  'checkpoint.json': 'dfbeedee00abda3af575ea22bd31fe6a886b38f5544f2d54013d98f6da4c52f4',
  'summary.json': '9440399393824ea60848bd6f2b9d3e7e5ed5ad6e7f80725740ea89b5dcd4a242',
  'training.gif': 'b7605cd48148e020093fb47ee70eb49ab94ca0b780530c4b576661d567d5e138',
  'final.png': '99f1ffc1ceec7c23f07a27cedc5e8dc500cdb31d909ac12f49b7ffc31959b3df',
};
