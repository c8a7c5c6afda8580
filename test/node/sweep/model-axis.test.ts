import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/sweep.js';
import { isFlowCheckpoint } from '../../../src/core/flow/checkpoint.js';
import { findSweepMetric, formatMetric } from '../../../src/core/sweep/sweep-metrics.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-sweep-models-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));

const RUNS = ['ring__model=gan__loss=hinge__seed=1', 'ring__model=gan__loss=lsgan__seed=1', 'ring__model=flow__seed=1'];

function json(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

test('a sweep with model on an axis trains both families, each with its own options, and reports them side by side', async () => {
  const file = join(folder, 'models.yaml');
  // g-hidden and d-hidden are the GAN's, hidden and ode-steps the flow's; loss varies the GAN's runs only.
  writeFileSync(file, `targets: builtin:ring
base: {iterations: 30, batch-size: 64, display-interval: 10, checkpoint-interval: 10, g-hidden: 16, d-hidden: 16, hidden: 16, ode-steps: 2}
axes:
  model: [gan, flow]
  loss: [hinge, lsgan]
metrics: [highQuality]
`);
  const out = join(folder, 'out');
  const result = await runCli(['sweep', file, '--out', out, '--jobs', '1']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(readdirSync(join(out, 'runs')).sort(), [...RUNS].sort());
  for (const run of RUNS) {
    const summary = json(join(out, 'runs', run, 'summary.json'));
    const config = summary.config as Record<string, unknown>;
    const checkpoint = json(join(out, 'runs', run, 'checkpoint.json'));
    assert.equal(summary.status, 'finished', run);
    assert.equal(summary.iterations, 30, run);
    if (run.includes('model=flow')) {
      assert.ok(isFlowCheckpoint(checkpoint as never), `${run} is a flow`);
      assert.deepEqual(config.hidden, [16]);
      assert.equal(config.odeSteps, 2);
    } else {
      assert.ok(!isFlowCheckpoint(checkpoint as never), `${run} is a GAN`);
      assert.deepEqual([config.gHidden, config.dHidden], [[16], [16]]);
      assert.equal(config.loss, run.includes('hinge') ? 'hinge' : 'lsgan');
    }
  }
  // The table has a model column; the flow's row has no loss ("—"); each cell is its run's 20,000-point figure.
  const markdown = readFileSync(join(out, 'report.md'), 'utf8');
  const metric = findSweepMetric('highQuality')!;
  assert.match(markdown, /\| model \| loss \| builtin:ring \|/);
  for (const [run, cells] of [[RUNS[0], 'gan \\| hinge'], [RUNS[1], 'gan \\| lsgan'], [RUNS[2], 'flow \\| —']]) {
    const value = (json(join(out, 'runs', run, 'summary.json')).evaluation as Record<string, number>).highQuality;
    assert.match(markdown, new RegExp(`\\| ${cells} \\| (\\*\\*)?${formatMetric(metric, value).replace('.', '\\.')}`), run);
  }
  assert.match(markdown, /3 runs: 1 target × 3 configurations × 1 seed/);
});
