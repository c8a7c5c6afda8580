// gan2d bench quality: the statistics and the verdicts of the report checked on made-up
// results, the expected figures (means over further draws) against direct computations,
// the budget's flags, one real seed end to end (a short budget), and bad options.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as gan2d } from '../../support/cli.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import {
  budgetFlags, exactChanceOfReverseKL, expectedOfCheckpoint, expectedOfExact, meanOverDraws, redrawSeeds,
} from '../../../src/node/quality/bench.js';
import { REDRAWS, type BarFigures, type BenchResults, type SeedResult } from '../../../src/core/bench/bench-results.js';
import { meanAndError, recipeFlags, renderQualityReport } from '../../../src/core/bench/quality-report.js';
import { readSamplesCsv } from '../../../src/node/quality/samples-csv.js';
import { scoreSamples } from '../../../src/core/bench/quality-scores.js';
import { builtinTarget } from '../../../src/core/density/builtins.js';
import { resolveRunConfig } from '../../../src/core/gan/presets.js';
import { createTrainer } from '../../../src/core/gan/trainer.js';
import { mixtureMetrics } from '../../../src/core/metrics/index.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { Rng } from '../../../src/core/rng.js';
import { readCheckpoint, writeCheckpoint } from '../../../src/node/train/checkpoint-file.js';
import { runEval } from '../../../src/cli/eval.js';
import { withSamplingEngine } from '../../../src/node/engine/sampling-engine.js';
import { defaultFlowConfig } from '../../../src/core/flow/config.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-bench-quality-'));
after(() => rmSync(folder, { recursive: true, force: true }));


test('mean ± standard error: the sample standard deviation over √n, by hand', () => {
  // 1, 2, 3, 6: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, variance 14/3, error √(14/3/4).
  const { mean, error } = meanAndError([1, 2, 3, 6]);
  assert.equal(mean, 3);
  assert.ok(Math.abs(error - Math.sqrt(14 / 12)) < 1e-12);
  assert.deepEqual(meanAndError([5]), { mean: 5, error: 0 });
});

test('the 60 s budget adds no flag (the recommended settings and the flow recipe are made for it); another budget sets --time-limit', () => {
  assert.deepEqual(budgetFlags('ring', 60), []);
  assert.deepEqual(budgetFlags('grid', 60), []);
  assert.deepEqual(budgetFlags('ring', 30), ['--time-limit', '25']);
  // The flow keeps 18 s for its ODE-integrated evaluation: its own 42 s at 60 s in all.
  assert.deepEqual(budgetFlags('ring', 60, 'flow'), []);
  assert.deepEqual(budgetFlags('grid', 30, 'flow'), ['--time-limit', '12']);
  assert.match(recipeFlags('grid'), /--data-scale 2\.828/);
});

function seed(
  target: 'ring' | 'grid', n: number, values: Partial<Record<string, number>>, seconds = 40, expected: Partial<BarFigures> = {},
  model: 'gan' | 'flow' = 'gan',
): SeedResult {
  const full = { modes: target === 'ring' ? 8 : 25, highQuality: 0.985, reverseKL: 0.0015, modeWidth: 0.5, modeSpread: 0.45, modeOffset: 0.3, slicedW1: 0.01, precision: 0.99, recall: 0.8, ...values };
  return {
    expected: { modes: full.modes, highQuality: full.highQuality, reverseKL: full.reverseKL, ...expected },
    expectedFloors: { modes: full.modes, highQuality: 0.988, reverseKL: 0.0016 },
    target, model, seed: n, runFolder: '', iterations: 40000, plannedIterations: 40000, stoppedByTimeLimit: false,
    processSeconds: seconds, trainSeconds: seconds - 1, loadBefore: 1, loadAfter: 1,
    values: full as Record<string, number>,
    floors: { modes: full.modes, highQuality: 0.989, reverseKL: 0.0014, modeWidth: 1, modeSpread: 1, modeOffset: 0.05, slicedW1: 0.01, precision: 0.97, recall: 0.97 },
    points: new Float32Array(0),
  };
}

test('the report: means beside the floor and the published rows, and each part of the bar judged', () => {
  const results: BenchResults = {
    options: { seeds: 2, budgetSeconds: 60, targets: ['ring', 'grid'], models: ['gan'], folder: '', entry: '' },
    extraFlags: { gan: { ring: [], grid: [] }, flow: { ring: [], grid: [] } },
    redraws: 20,
    exactMeetsReverseKL: { ring: 0.9, grid: 0.6 },
    seeds: [
      seed('ring', 1, { highQuality: 0.98 }), seed('ring', 2, { highQuality: 0.99 }),
      // The grid: one seed misses a mode and one takes 61 s.
      seed('grid', 1, { modes: 24, highQuality: 0.97, reverseKL: 0.004 }), seed('grid', 2, { highQuality: 0.96, reverseKL: 0.004 }, 61),
    ],
    machine: { cpu: 'test cpu', cores: 2, node: 'v20' },
    started: new Date('2026-01-01T00:00:00Z'),
    finished: new Date('2026-01-01T00:03:00Z'),
  };
  const report = renderQualityReport(results, 'gan2d bench quality --seeds 2', 'abc123', { seedGrid: { gan: { ring: 'b/ring.png' } } });
  const row = (start: string): string => report.split('\n').find((line) => line.startsWith(start)) ?? '';
  assert.match(row('| builtin:ring | GAN |'), /2 of 2 seeds have 8: \*\*met\*\*/);
  assert.match(row('| builtin:ring | GAN |'), /98\.50% \(bar ≥ 98\.0%\): \*\*met\*\*/);
  assert.match(row('| builtin:ring | GAN |'), /0\.00150 \(bar ≤ 0\.002\): \*\*met\*\*/);
  assert.match(row('| builtin:grid | GAN |'), /1 of 2 seeds have 25: \*\*not met\*\*/);
  assert.match(row('| builtin:grid | GAN |'), /96\.50% \(bar ≥ 96\.3%\): \*\*met\*\*/);
  assert.match(row('| builtin:grid | GAN |'), /slowest 61\.0 s: \*\*not met\*\*/);
  // Mean ± standard error: HQ 0.98 and 0.99 give 98.50% ± 0.50%.
  assert.match(report, /\| \*\*gan2d GAN\*\* \(recommended settings\) \| 8\.0 ± 0\.0 \| 98\.50% ± 0\.50% \| 0\.0015 ± 0\.0000 \|/);
  assert.match(report, /\| exact samples \| 8\.0 ± 0\.0 \| 98\.90% ± 0\.00% \| 0\.0014 ± 0\.0000 \|/);
  assert.match(report, /\| OKGAN \| 8\.0 \| 96\.2% \|/);
  assert.match(report, /\| ALI † \| 24\.1 \| 95\.7% \|/);
  assert.match(report, /!\[builtin:ring, GAN: .*\]\(b\/ring\.png\)/);
  assert.match(report, /gan2d bench quality --seeds 2/);
  assert.match(report, /Generated modes are 0\.50σ wide against 1σ for the target \(0\.45σ about their own means, which sit 0\.30σ off their centres\): narrower than the target/);
  // Width and spread beside the floor's in the method table; width, spread and offset in every seed's line.
  assert.match(report, /\| \*\*gan2d GAN\*\* \(recommended settings\) \| .* \| 0\.50 ± 0\.00 \| 0\.45 ± 0\.00 \| this run, 2 seeds/);
  assert.match(report, /\| exact samples \| .* \| 1\.00 ± 0\.00 \| 1\.00 ± 0\.00 \| 2 draws of 2,500/);
  assert.match(row('| GAN | 1 |'), /\| 0\.50 \| 0\.45 \| 0\.30 \| 99\.0% \| 80\.0% \|$/);
  // The expected figures (equal to the one draw's here) against the bar, in one line under the table.
  assert.match(report, /a reading beside the protocol, not its verdict\): builtin:ring GAN 8\.0 modes, 98\.50% high quality, reverse KL 0\.0015: all three within the bar; builtin:grid GAN 24\.5 modes, 96\.50% high quality, reverse KL 0\.0040: outside the bar on modes\./);
  // When the bar sits at the exact samples' floor, the report says how often exact samples meet it.
  for (const s of results.seeds) if (s.target === 'grid') s.floors.reverseKL = 0.0049;
  const atFloor = renderQualityReport(results, 'gan2d bench quality', 'abc123', { seedGrid: {} });
  assert.match(atFloor, /the bar of 0\.005 sits at that floor, so chance decides it: simulated 2-seed runs of exact samples meet it 60% of the time/);
});

test('the report: the expected figures beside the one draw, in the method table, every seed\'s line, the bar and the reading', () => {
  // Seed 1's exported draw was unlucky (0.0111) against its expected 0.0044; the protocol's mean misses the bar, the expected one does not.
  const results: BenchResults = {
    options: { seeds: 2, budgetSeconds: 60, targets: ['grid'], models: ['gan'], folder: '', entry: '' },
    extraFlags: { gan: { ring: [], grid: [] }, flow: { ring: [], grid: [] } },
    redraws: 20,
    exactMeetsReverseKL: { grid: 0.6 },
    seeds: [
      seed('grid', 1, { highQuality: 0.9712, reverseKL: 0.0111 }, 40, { highQuality: 0.97, reverseKL: 0.0044 }),
      seed('grid', 2, { highQuality: 0.98, reverseKL: 0.0049 }, 40, { highQuality: 0.98, reverseKL: 0.0052 }),
    ],
    machine: { cpu: 'test cpu', cores: 2, node: 'v20' },
    started: new Date('2026-01-01T00:00:00Z'),
    finished: new Date('2026-01-01T00:03:00Z'),
  };
  results.seeds[0].expectedFloors = { modes: 25, highQuality: 0.988, reverseKL: 0.0048 };
  results.seeds[1].expectedFloors = { modes: 25, highQuality: 0.988, reverseKL: 0.0050 };
  const report = renderQualityReport(results, 'gan2d bench quality --seeds 2', 'abc123', { seedGrid: {} });
  const row = (start: string): string => report.split('\n').find((line) => line.startsWith(start)) ?? '';
  // The protocol's verdict stays the one draw's: mean (0.0111 + 0.0049) / 2 = 0.0080.
  assert.match(row('| builtin:grid | GAN |'), /0\.00800 \(bar ≤ 0\.005\): \*\*not met\*\*/);
  // A miss that would round to the bar at four decimals still reads as a miss.
  results.seeds[1].values.reverseKL = 0.0;
  results.seeds[0].values.reverseKL = 0.0101;
  assert.match(renderQualityReport(results, 'c', 'abc123', { seedGrid: {} }), /\| 0\.00505 \(bar ≤ 0\.005\): \*\*not met\*\*/);
  results.seeds[0].values.reverseKL = 0.0111;
  results.seeds[1].values.reverseKL = 0.0049;
  // Expected: HQ 0.97 and 0.98 give 97.50% ± 0.50%; reverse KL 0.0044 and 0.0052 give 0.0048 ± 0.0004.
  assert.match(row('| gan2d GAN, expected over 20 draws a seed |'), /^\| gan2d GAN, expected over 20 draws a seed \| 25\.0 ± 0\.0 \| 97\.50% ± 0\.50% \| 0\.0048 ± 0\.0004 \| — \|/);
  assert.match(row('| exact samples, expected over 20 draws a seed |'), /\| 25\.0 ± 0\.0 \| 98\.80% ± 0\.00% \| 0\.0049 ± 0\.0001 \| — \|/);
  assert.match(report, /\| modes \| high quality \| reverse KL \| reverse KL, 20 draws \| mode width \(σ\) \| mode spread \(σ\) \| mode offset \(σ\) \|/);
  assert.match(row('| GAN | 1 |'), /\| 25 \| 97\.12% \| 0\.0111 \| 0\.0044 \| 0\.50 \|/);
  assert.match(row('| GAN | 2 |'), /\| 25 \| 98\.00% \| 0\.0049 \| 0\.0052 \| 0\.50 \|/);
  assert.match(report, /not its verdict\): builtin:grid GAN 25\.0 modes, 97\.50% high quality, reverse KL 0\.0048: all three within the bar\./);
  // Per seed generator minus exact: −0.0004 and +0.0002, mean −0.0001 ± 0.0003.
  assert.match(report, /the generator's expected reverse KL is 0\.0048 against 0\.0049 for exact samples; the part due to the generator is their difference, -0\.0001 ± 0\.0003 \(within two standard errors of zero\)\./);
  assert.match(report, /One draw's luck moves a seed's figure by up to 0\.0067 \(seed 1: 0\.0111 on its exported draw, 0\.0044 expected\)\./);
  // A seed whose draws sometimes miss a mode and whose expected reverse KL is high: outside the bar on both.
  results.seeds[1].expected = { modes: 24.5, highQuality: 0.98, reverseKL: 0.0090 };
  const worse = renderQualityReport(results, 'gan2d bench quality', 'abc123', { seedGrid: {} });
  assert.match(worse, /builtin:grid GAN 24\.8 modes, 97\.50% high quality, reverse KL 0\.0067: outside the bar on modes and reverse KL\./);
  assert.match(worse, /the part due to the generator is their difference, 0\.0018 ± 0\.0022\ \(within two standard errors of zero\)\./);
});

test("the report: the flow's rows beside the GAN's, each model judged against its own bar", () => {
  const flow = (n: number, values: Partial<Record<string, number>>): SeedResult => seed('grid', n, values, 50, {}, 'flow');
  const results: BenchResults = {
    options: { seeds: 2, budgetSeconds: 60, targets: ['grid'], models: ['gan', 'flow'], folder: '', entry: '' },
    extraFlags: { gan: { ring: [], grid: [] }, flow: { ring: [], grid: ['--time-limit', '40'] } },
    redraws: 20,
    exactMeetsReverseKL: { grid: 0.6 },
    seeds: [
      seed('grid', 1, { highQuality: 0.97, reverseKL: 0.004 }), seed('grid', 2, { highQuality: 0.97, reverseKL: 0.004 }),
      // The flow: every mode, HQ (0.94 + 0.95) / 2 = 94.50% misses 95%, width (0.85 + 0.95) / 2 = 0.90σ within 0.8–1.2σ.
      flow(1, { highQuality: 0.94, reverseKL: 0.006, modeWidth: 0.85 }), flow(2, { highQuality: 0.95, reverseKL: 0.008, modeWidth: 0.95 }),
    ],
    machine: { cpu: 'test cpu', cores: 2, node: 'v20' },
    started: new Date('2026-01-01T00:00:00Z'),
    finished: new Date('2026-01-01T00:03:00Z'),
  };
  const report = renderQualityReport(results, 'gan2d bench quality', 'abc123', { seedGrid: { flow: { grid: 'b/grid-flow.png' } } });
  const row = (start: string): string => report.split('\n').find((line) => line.startsWith(start)) ?? '';
  assert.match(row('| builtin:grid | GAN |'), /0\.00400 \(bar ≤ 0\.005\): \*\*met\*\* \| 0\.50σ \(no bar\)/);
  assert.match(row('| builtin:grid | flow |'), /2 of 2 seeds have 25: \*\*met\*\* \| 94\.50% \(bar ≥ 95\.0%\): \*\*not met\*\* \| 0\.00700 \(no bar\) \| 0\.90σ \(bar 0\.8–1\.2σ\): \*\*met\*\* \| slowest 50\.0 s: \*\*met\*\* \|/);
  assert.match(report, /\| \*\*gan2d flow\*\* \(flow recipe\) \| 25\.0 ± 0\.0 \| 94\.50% ± 0\.50% \| 0\.0070 ± 0\.0010 \| 0\.90 ± 0\.05 \|/);
  assert.match(report, /\| \*\*gan2d GAN\*\* \(recommended settings\) \| 25\.0 ± 0\.0 \| 97\.00% ± 0\.00% \|/);
  assert.match(row('| flow | 2 |'), /\| 25 \| 95\.00% \| 0\.0080 \| 0\.0080 \| 0\.95 \|/);
  assert.match(report, /builtin:grid flow 25\.0 modes, 94\.50% high quality, reverse KL 0\.0070: outside the bar on high quality/);
  assert.match(report, /!\[builtin:grid, flow: .*\]\(b\/grid-flow\.png\)/);
  assert.match(report, /- builtin:grid, flow: `--model flow` \(the flow's own defaults: docs\/benchmarks\/flow-recipe\.md\) and, for this budget, `--time-limit 40`/);
  // The exact samples' rows count each seed once, not once per model.
  assert.match(report, /\| exact samples \| 25\.0 ± 0\.0 \| 98\.90% ± 0\.00% \| 0\.0014 ± 0\.0000 \| 1\.00 ± 0\.00 \| 1\.00 ± 0\.00 \| 2 draws of 2,500/);
});

test('the expected figures are the mean over the draws: two sets of points by hand', () => {
  const mixture = builtinTarget('grid').mixture!;
  const [x0, y0, x1, y1] = mixture.centres;
  // Two points on each of two centres: 2 modes, all HQ, reverse KL 2 · ½ ln(25 · ½) = ln 12.5.
  const even = new Float32Array([x0, y0, x0, y0, x1, y1, x1, y1]);
  // Three on one centre and one far away: 1 mode, HQ ¾, reverse KL ln 25.
  const lopsided = new Float32Array([x0, y0, x0, y0, x0, y0, 100, 100]);
  const mean = meanOverDraws(mixture, 2, (i) => [even, lopsided][i]);
  assert.equal(mean.modes, 1.5);
  assert.equal(mean.highQuality, 0.875);
  assert.ok(Math.abs(mean.reverseKL - (Math.log(12.5) + Math.log(25)) / 2) < 1e-12, `${mean.reverseKL}`);
});

test('redrawSeeds: REDRAWS noise seeds a bench seed, 1000·S + 1 onwards, none shared between bench seeds', () => {
  assert.deepEqual(redrawSeeds(1), Array.from({ length: REDRAWS }, (_, i) => 1001 + i));
  const all = Array.from({ length: 50 }, (_, s) => redrawSeeds(s + 1)).flat();
  assert.equal(new Set(all).size, 50 * REDRAWS);
});

test("a checkpoint's expected figures: the mean of what gan2d eval reports for each noise seed", async () => {
  const config = resolveRunConfig('builtin:grid', { iterations: 300, batchSize: 64, dHidden: [16, 16], gHidden: [16, 16], timeLimit: 0 });
  const trainer = createTrainer(createReferenceEngine(), config, builtinTarget('grid'), 'builtin:grid');
  for (let i = 0; i < 300; i++) trainer.step();
  const run = join(folder, 'expected-run');
  mkdirSync(run);
  writeCheckpoint(join(run, 'checkpoint.json'), trainer.getCheckpoint());
  const seeds = redrawSeeds(3, 4);
  const expected = await withSamplingEngine((engine) => expectedOfCheckpoint(engine, 'grid', readCheckpoint(run).checkpoint, seeds));
  const evals = [];
  for (const noise of seeds) evals.push((await runEval(run, { n: '2500', seed: String(noise) }, () => undefined)).values);
  assert.ok(evals[0].highQuality > 0, 'some points are high quality, so reverse KL is a histogram\'s');
  assert.ok(new Set(evals.map((v) => v.reverseKL)).size > 1, 'each noise seed is a different draw');
  for (const name of ['modes', 'highQuality', 'reverseKL'] as const) {
    const direct = evals.reduce((sum, v) => sum + v[name], 0) / evals.length;
    assert.ok(Math.abs(expected[name] - direct) < 1e-12, `${name}: ${expected[name]} vs ${direct}`);
  }
});

test("exact samples' expected figures: the mean over draws from the stream given, near (K − 1) / 2n on the grid", () => {
  const target = builtinTarget('grid');
  const expected = expectedOfExact('grid', 3, new Rng(5, 7));
  const rng = new Rng(5, 7);
  const draws = [0, 1, 2].map(() => {
    const points = new Float32Array(5000);
    target.sample(2500, rng, points);
    return mixtureMetrics(points, target.mixture!);
  });
  for (const name of ['modes', 'highQuality', 'reverseKL'] as const) {
    const direct = (draws[0][name] + draws[1][name] + draws[2][name]) / 3;
    assert.ok(Math.abs(expected[name] - direct) < 1e-12, `${name}: ${expected[name]} vs ${direct}`);
  }
  // A multinomial histogram of n ≈ 2,472 HQ points over 25 equal modes: E[KL] ≈ 24 / 2n ≈ 0.0049 (one draw's s.d. ≈ 0.0014).
  const twenty = expectedOfExact('grid', 20, new Rng(1, 2)).reverseKL;
  assert.ok(Math.abs(twenty - 24 / (2 * 2500 * 0.989)) < 0.0015, `${twenty}`);
});

test("how often exact samples meet the reverse KL bar: nearly always on the ring, by chance on the grid", () => {
  // Exact samples' mean reverse KL over 10 seeds: about 0.0014 ± 0.0002 on the ring (bar 0.002), 0.0049 ± 0.0004 on the grid (bar 0.005).
  assert.ok(exactChanceOfReverseKL('ring', 10, 30) >= 0.9);
  const grid = exactChanceOfReverseKL('grid', 10, 30);
  assert.ok(grid > 0.2 && grid < 0.95, `grid ${grid}`);
});

test('one seed end to end: the run is what train leaves, the report scores its samples.csv, the pictures decode', async () => {
  const out = join(folder, 'bench');
  const { code, stdout, stderr } = await gan2d(['bench', 'quality', '--seeds', '1', '--targets', 'ring', '--models', 'gan', '--budget-seconds', '6', '--out', out]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /wrote .*report\.md \(1 runs/);
  assert.match(stderr, /builtin:ring gan seed 1: \d+ modes/);
  const run = join(out, 'runs', 'ring-seed-1');
  const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  assert.equal(summary.config.timeLimit, 1, 'a 6 s budget leaves 1 s of training');
  assert.equal(summary.config.emaDecay, 0.999, 'the recommended settings');
  const { points } = readSamplesCsv(join(run, 'samples.csv'));
  assert.equal(points.length, 5000);
  const scores = scoreSamples(points, [2500], [builtinTarget('ring')], { seed: 1 });
  const report = readFileSync(join(out, 'report.md'), 'utf8');
  const line = report.split('\n').find((l) => l.startsWith('| GAN | 1 | '))!;
  // Beside it, the mean reverse KL of REDRAWS further draws from the run's checkpoint.
  const expected = await withSamplingEngine((engine) => expectedOfCheckpoint(engine, 'ring', readCheckpoint(run).checkpoint, redrawSeeds(1)));
  assert.ok(line.includes(`| ${scores.values.modes} | ${(100 * scores.values.highQuality).toFixed(2)}% | ${scores.values.reverseKL.toFixed(4)} ` +
    `| ${expected.reverseKL.toFixed(4)} |`), line);
  for (const picture of ['ring-seeds.png', 'mode-close-ups.png']) {
    const image = await loadImage(readFileSync(join(out, picture)));
    assert.ok(image.width > 100 && image.height > 100, picture);
  }
  assert.ok(!existsSync(join(out, 'grid-seeds.png')), 'only the targets asked for');
});

test("one flow seed end to end: its row scores samples.csv as gan2d eval does, and its expected figures are eval's mean over the redraws", async () => {
  const out = join(folder, 'bench-flow');
  const { code, stderr } = await gan2d(['bench', 'quality', '--seeds', '1', '--targets', 'grid', '--models', 'flow', '--budget-seconds', '6', '--redraws', '2', '--out', out]);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /builtin:grid flow seed 1: \d+ modes/);
  const run = join(out, 'runs', 'grid-flow-seed-1');
  const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  assert.deepEqual(summary.config.hidden, defaultFlowConfig().hidden, "the flow's recipe");
  assert.equal(summary.config.timeLimit, 1, 'a 6 s budget leaves the flow 1 s of training');
  const scored = await runEval(join(run, 'samples.csv'), { target: 'builtin:grid', seed: '1' }, () => undefined);
  const v = scored.values;
  const expected = [];
  // Two further draws (--redraws 2): the flow's ODE on the reference engine makes each draw slow.
  for (const noise of redrawSeeds(1, 2)) expected.push((await runEval(run, { n: '2500', seed: String(noise) }, () => undefined)).values.reverseKL);
  const meanReverseKL = expected.reduce((a, b) => a + b, 0) / expected.length;
  const report = readFileSync(join(out, 'report.md'), 'utf8');
  const line = report.split('\n').find((l) => l.startsWith('| flow | 1 | '))!;
  assert.ok(line.includes(`| ${v.modes} | ${(100 * v.highQuality).toFixed(2)}% | ${v.reverseKL.toFixed(4)} | ${meanReverseKL.toFixed(4)} ` +
    `| ${v.modeWidth.toFixed(2)} | ${v.modeSpread.toFixed(2)} | ${v.modeOffset.toFixed(2)} | ${(100 * v.precision).toFixed(1)}% | ${(100 * v.recall).toFixed(1)}% |`), line);
  assert.match(report, /\| builtin:grid \| flow \| /);
  assert.match(report, /--models flow --redraws 2/);
  assert.match(report, /\| reverse KL, 2 draws \|/);
  assert.ok(!report.includes('| GAN |'), 'only the model asked for');
  const image = await loadImage(readFileSync(join(out, 'grid-flow-seeds.png')));
  assert.ok(image.width > 100 && image.height > 100);
});

for (const [what, args, message] of [
  ['--seeds 0', ['--seeds', '0'], /--seeds: "0" is not valid; expected an integer from 1 to 1000/],
  ['an unknown model', ['--models', 'gan,vae'], /--models: "vae" is not a model; expected a comma list of gan, flow/],
  ['an unknown target', ['--targets', 'ring,spiral'], /--targets: "spiral" is not a benchmark target; expected ring, grid/],
  ['a budget too small', ['--budget-seconds', '3'], /--budget-seconds: "3" is not valid/],
  ['a report in a missing folder', ['--report', join(folder, 'no', 'r.md')], /--report .*r\.md: the folder .* does not exist/],
] as const) {
  test(`bench quality refuses ${what} in one line, before training`, async () => {
    const { code, stderr } = await gan2d(['bench', 'quality', '--out', join(folder, 'refused'), ...args]);
    assert.notEqual(code, 0);
    const lines = stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], message);
    assert.ok(!existsSync(join(folder, 'refused', 'runs')), 'nothing trained');
  });
}
