// A density drawn on the page, named `drawn:CODE` in its checkpoint, through `gan2d train`:
// the page's checkpoint resumes in the CLI and continues as the page would have.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as gan2d } from '../support/cli.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DRAW_LEVELS, DRAW_SIZE, DRAWN_PREFIX, encodeDrawnDensity } from '../../src/core/density/drawn-density-codec.js';
import { createGrid, type DensityGrid } from '../../src/core/density/grid.js';
import { parseCheckpoint } from '../../src/core/gan/checkpoint.js';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import { inputName } from '../../src/node/train/run-folder.js';
import { createNodeWasmEngine } from '../../src/node/engine/threads.js';
import { TrainingSession } from '../../src/web/training-session.js';

const root = mkdtempSync(join(tmpdir(), 'gan2d-drawn-'));
after(() => rmSync(root, { recursive: true, force: true }));


/** What the pad would hold after a stroke: a ring of full level with a fainter centre, on the pad's levels. */
function drawing(): DensityGrid {
  const grid = createGrid(DRAW_SIZE, DRAW_SIZE);
  for (let row = 0; row < DRAW_SIZE; row++) {
    for (let column = 0; column < DRAW_SIZE; column++) {
      const r = Math.hypot(column - 32, row - 28);
      if (r < 20) grid.values[row * DRAW_SIZE + column] = (r > 14 ? DRAW_LEVELS : 4) / DRAW_LEVELS;
    }
  }
  return grid;
}

test("a checkpoint saved by the page from a drawing resumes in gan2d train, bit for bit as the page goes on", async () => {
  const config = resolveTrainConfig({ iterations: 6, batchSize: 64, dHidden: [16], gHidden: [12], optimizer: 'adam', displayInterval: 3 });
  const engine = await createNodeWasmEngine({ threads: 1 });
  let expected;
  const folder = join(root, 'from-page');
  try {
    const page = new TrainingSession({ config, data: { kind: 'drawn', grid: drawing() }, engine, engineName: 'wasm', threads: 1 });
    for (let i = 0; i < 3; i++) page.iterate();
    const saved = page.checkpoint();
    assert.equal(saved.target.source, DRAWN_PREFIX + encodeDrawnDensity(drawing()));
    mkdirSync(folder);
    writeFileSync(join(folder, 'checkpoint.json'), JSON.stringify(saved));
    for (let i = 0; i < 3; i++) page.iterate();
    expected = page.checkpoint();
  } finally {
    await engine.dispose();
  }

  const result = await gan2d(['train', '--resume', folder, '--threads', '1']);
  assert.equal(result.code, 0, result.stderr);
  const resumed = parseCheckpoint(JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8')));
  assert.equal(resumed.iteration, 6);
  assert.equal(resumed.target.source, expected.target.source);
  assert.deepEqual(
    JSON.parse(JSON.stringify({ g: resumed.generator, d: resumed.discriminator, o: resumed.optimizers, r: resumed.random })),
    JSON.parse(JSON.stringify({ g: expected.generator, d: expected.discriminator, o: expected.optimizers, r: expected.random })),
  );
});

test('a drawing given to gan2d train trains (its default folder is runs/drawn-...); a damaged or empty one is one line, exit 1', async () => {
  const code = encodeDrawnDensity(drawing());
  assert.equal(inputName(DRAWN_PREFIX + code), 'drawn');
  const out = join(root, 'fresh');
  const fresh = await gan2d(['train', DRAWN_PREFIX + code, '--iterations', '2', '--batch-size', '32', '--d-hidden', '8', '--g-hidden', '8', '--threads', '1', '--out', out]);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.equal(parseCheckpoint(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8'))).iteration, 2);

  const empty = encodeDrawnDensity(createGrid(DRAW_SIZE, DRAW_SIZE));
  for (const [source, message] of [[`${DRAWN_PREFIX}${code.slice(0, -3)}`, /drawn:: the drawing's code is damaged/], [DRAWN_PREFIX + empty, /drawn:: the drawing has no mass/]] as const) {
    const result = await gan2d(['train', source, '--out', join(root, 'refused')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});
