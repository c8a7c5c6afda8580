// gan2d bench quality: the statistics and the verdicts of the report checked on made-up
// results, the budget's flags, one real seed end to end (a short budget), and bad options.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { budgetFlags, exactChanceOfReverseKL, type BenchResults, type SeedResult } from '../src/node/quality-bench.js';
import { meanAndError, recipeFlags, renderQualityReport } from '../src/node/quality-report.js';
import { readSamplesCsv } from '../src/node/quality-samples.js';
import { scoreSamples } from '../src/node/quality-scores.js';
import { builtinTarget } from '../src/core/density/builtins.js';

const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
const folder = mkdtempSync(join(tmpdir(), 'gan2d-bench-quality-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function gan2d(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('mean ± standard error: the sample standard deviation over √n, by hand', () => {
  // 1, 2, 3, 6: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, variance 14/3, error √(14/3/4).
  const { mean, error } = meanAndError([1, 2, 3, 6]);
  assert.equal(mean, 3);
  assert.ok(Math.abs(error - Math.sqrt(14 / 12)) < 1e-12);
  assert.deepEqual(meanAndError([5]), { mean: 5, error: 0 });
});

test('the 60 s budget adds no flag (the recommended settings are made for it); another budget sets --time-limit', () => {
  assert.deepEqual(budgetFlags('ring', 60), []);
  assert.deepEqual(budgetFlags('grid', 60), []);
  assert.deepEqual(budgetFlags('ring', 30), ['--time-limit', '25']);
  assert.match(recipeFlags('grid'), /--data-scale 2\.828/);
});

function seed(target: 'ring' | 'grid', n: number, values: Partial<Record<string, number>>, seconds = 40): SeedResult {
  const full = { modes: target === 'ring' ? 8 : 25, highQuality: 0.985, reverseKL: 0.0015, modeWidth: 0.5, slicedW1: 0.01, precision: 0.99, recall: 0.8, ...values };
  return {
    target, seed: n, runFolder: '', iterations: 40000, plannedIterations: 40000, stoppedByTimeLimit: false,
    processSeconds: seconds, trainSeconds: seconds - 1, loadBefore: 1, loadAfter: 1,
    values: full as Record<string, number>,
    floors: { modes: full.modes, highQuality: 0.989, reverseKL: 0.0014, modeWidth: 1, slicedW1: 0.01, precision: 0.97, recall: 0.97 },
    points: new Float32Array(0),
  };
}

test('the report: means beside the floor and the published rows, and each part of the bar judged', () => {
  const results: BenchResults = {
    options: { seeds: 2, budgetSeconds: 60, targets: ['ring', 'grid'], folder: '', cli: '' },
    extraFlags: { ring: [], grid: [] },
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
  const report = renderQualityReport(results, 'gan2d bench quality --seeds 2', 'abc123', { seedGrid: { ring: 'b/ring.png' } });
  const row = (start: string): string => report.split('\n').find((line) => line.startsWith(start)) ?? '';
  assert.match(row('| builtin:ring |'), /2 of 2 seeds have 8: \*\*met\*\*/);
  assert.match(row('| builtin:ring |'), /98\.50% \(bar ≥ 98\.0%\): \*\*met\*\*/);
  assert.match(row('| builtin:ring |'), /0\.0015 \(bar ≤ 0\.002\): \*\*met\*\*/);
  assert.match(row('| builtin:grid |'), /1 of 2 seeds have 25: \*\*not met\*\*/);
  assert.match(row('| builtin:grid |'), /96\.50% \(bar ≥ 96\.3%\): \*\*met\*\*/);
  assert.match(row('| builtin:grid |'), /slowest 61\.0 s: \*\*not met\*\*/);
  // Mean ± standard error: HQ 0.98 and 0.99 give 98.50% ± 0.50%.
  assert.match(report, /\| \*\*gan2d\*\* \(recommended settings\) \| 8\.0 ± 0\.0 \| 98\.50% ± 0\.50% \| 0\.0015 ± 0\.0000 \|/);
  assert.match(report, /\| exact samples \| 8\.0 ± 0\.0 \| 98\.90% ± 0\.00% \| 0\.0014 ± 0\.0000 \|/);
  assert.match(report, /\| OKGAN \| 8\.0 \| 96\.2% \|/);
  assert.match(report, /\| ALI † \| 24\.1 \| 95\.7% \|/);
  assert.match(report, /!\[builtin:ring: .*\]\(b\/ring\.png\)/);
  assert.match(report, /gan2d bench quality --seeds 2/);
  assert.match(report, /Generated modes are 0\.50σ wide against 1σ for the target: narrower than the target/);
  // When the bar sits at the exact samples' floor, the report says how often exact samples meet it.
  for (const s of results.seeds) if (s.target === 'grid') s.floors.reverseKL = 0.0049;
  const atFloor = renderQualityReport(results, 'gan2d bench quality', 'abc123', { seedGrid: {} });
  assert.match(atFloor, /the bar of 0\.005 sits at that floor, so chance decides it: simulated 2-seed runs of exact samples meet it 60% of the time/);
});

test("how often exact samples meet the reverse KL bar: nearly always on the ring, by chance on the grid", () => {
  // Exact samples' mean reverse KL over 10 seeds: about 0.0014 ± 0.0002 on the ring (bar 0.002), 0.0049 ± 0.0004 on the grid (bar 0.005).
  assert.ok(exactChanceOfReverseKL('ring', 10, 30) >= 0.9);
  const grid = exactChanceOfReverseKL('grid', 10, 30);
  assert.ok(grid > 0.2 && grid < 0.95, `grid ${grid}`);
});

test('one seed end to end: the run is what train leaves, the report scores its samples.csv, the pictures decode', async () => {
  const out = join(folder, 'bench');
  const { code, stdout, stderr } = await gan2d(['bench', 'quality', '--seeds', '1', '--targets', 'ring', '--budget-seconds', '6', '--out', out]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /wrote .*report\.md \(1 runs/);
  assert.match(stderr, /builtin:ring seed 1: \d+ modes/);
  const run = join(out, 'runs', 'ring-seed-1');
  const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  assert.equal(summary.config.timeLimit, 1, 'a 6 s budget leaves 1 s of training');
  assert.equal(summary.config.emaDecay, 0.999, 'the recommended settings');
  const { points } = readSamplesCsv(join(run, 'samples.csv'));
  assert.equal(points.length, 5000);
  const scores = scoreSamples(points, [2500], [builtinTarget('ring')], { seed: 1 });
  const report = readFileSync(join(out, 'report.md'), 'utf8');
  const line = report.split('\n').find((l) => l.startsWith('| 1 | '))!;
  assert.ok(line.includes(`| ${scores.values.modes} | ${(100 * scores.values.highQuality).toFixed(2)}% | ${scores.values.reverseKL.toFixed(4)} |`), line);
  for (const picture of ['ring-seeds.png', 'mode-close-ups.png']) {
    const image = await loadImage(readFileSync(join(out, picture)));
    assert.ok(image.width > 100 && image.height > 100, picture);
  }
  assert.ok(!existsSync(join(out, 'grid-seeds.png')), 'only the targets asked for');
});

for (const [what, args, message] of [
  ['--seeds 0', ['--seeds', '0'], /--seeds: "0" is not valid; expected an integer from 1 to 1000/],
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
