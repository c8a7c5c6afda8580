// gan2d eval and generate with --d-correction: the label "G + D-correction (...)" in the table,
// the JSON and the message; the refusals in one line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOneLineRefusal, runCli as gan2d } from '../support/cli.js';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import { createTrainer } from '../../src/core/gan/trainer.js';
import { builtinTarget } from '../../src/core/density/builtins.js';
import { createReferenceEngine } from '../../src/core/nn/engine.js';
import { writeCheckpoint } from '../../src/node/train/checkpoint-file.js';
import { formatEvalTable, runEval } from '../../src/cli/eval.js';
import { parseSamplesCsv } from '../../src/node/quality/samples-csv.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-dcorrection-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function writeRun(name: string, options: Record<string, unknown> = {}): string {
  const engine = createReferenceEngine();
  const config = resolveTrainConfig({ iterations: 3, batchSize: 32, dHidden: [8], gHidden: [8], optimizer: 'adam', ...options });
  const trainer = createTrainer(engine, config, builtinTarget('ring'), 'builtin:ring');
  for (let i = 0; i < 3; i++) trainer.step();
  const run = join(folder, name);
  mkdirSync(run);
  writeCheckpoint(join(run, 'checkpoint.json'), trainer.getCheckpoint());
  return run;
}

let run = '';
before(() => {
  run = writeRun('run');
});

test('eval --d-correction: the table and the JSON say G + D-correction, and differ from G alone', async () => {
  const plain = await runEval(run, { n: '400', seed: '2' }, () => undefined);
  const corrected = await runEval(run, { n: '400', seed: '2', dCorrection: 'mh', dCalibrate: 'last' }, () => undefined);
  assert.equal(plain.correction, undefined);
  assert.equal(corrected.correction?.label, 'G + D-correction (mh, D refit: last)');
  assert.equal(corrected.points, 400);
  assert.match(formatEvalTable(corrected).split('\n')[0], /^400 points of G \+ D-correction \(mh, D refit: last\) from .*run \(\d+\.\d% of moves accepted, 13,200 of G's points\), against builtin:ring$/);
  const { code, stdout } = await gan2d(['eval', run, '-n', '400', '--d-correction', 'drs', '--json']);
  assert.equal(code, 0);
  const json = JSON.parse(stdout) as { correction: { label: string; method: string; proposals: number } };
  assert.equal(json.correction.label, 'G + D-correction (drs)');
  assert.ok(json.correction.proposals >= 400);
});

test('generate --d-correction: writes the asked points and says G + D-correction', async () => {
  const out = join(folder, 'points.csv');
  const { code, stdout, stderr } = await gan2d(['generate', run, '-n', '300', '-o', out, '--d-correction', 'drs', '--d-calibrate', 'all']);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^wrote 300 points of G \+ D-correction \(drs, D refit: all\) \(kept \d+\.\d% of [\d,]+ of G's points\) to .*points\.csv\n$/);
  assert.equal(parseSamplesCsv(readFileSync(out, 'utf8'), out).points.length, 600);
});

const bad: { what: string; args: () => string[]; message: RegExp }[] = [
  { what: 'an unknown method', args: () => ['eval', run, '--d-correction', 'rs'], message: /--d-correction: "rs" is not valid; expected one of drs, mh/ },
  { what: 'an unknown refit', args: () => ['generate', run, '-n', '5', '-o', join(folder, 'x.csv'), '--d-correction', 'mh', '--d-calibrate', 'some'], message: /--d-calibrate: "some" is not valid; expected one of last, all/ },
  { what: '--d-calibrate alone', args: () => ['eval', run, '--d-calibrate', 'last'], message: /--d-calibrate: applies with --d-correction drs\|mh only/ },
  { what: 'a samples file', args: () => {
    const path = join(folder, 'ok.csv');
    writeFileSync(path, '0,1\n1,0\n0,-1\n-1,0\n');
    return ['eval', path, '--target', 'builtin:ring', '--d-correction', 'drs'];
  }, message: /--d-correction: .*ok\.csv is a samples file; the correction needs a run/ },
  { what: 'a WGAN run', args: () => ['eval', writeRun('wgan', { loss: 'wgan-gp' }), '--d-correction', 'drs'], message: /--d-correction: the run was trained with --loss wgan-gp, whose D does not estimate the density ratio/ },
];

for (const { what, args, message } of bad) {
  test(`--d-correction refuses ${what} in one line`, async () => {
    assertOneLineRefusal(await gan2d(args()), message);
  });
}
