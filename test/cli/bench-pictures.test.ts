// `gan2d bench pictures` on a tiny setting: two small pictures (one plain, one folder), one seed,
// both recipes, few iterations. The report's figures are checked against `gan2d eval` of the runs
// it left, its bar against the figures by hand, and the grid of final frames decoded back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { runCli as gan2d } from '../support/cli.js';
import { encodeGrayPng } from '../../src/node/image/encode.js';
import { barChecks, type PictureRun } from '../../src/core/bench/pictures-report.js';
import { exampleInputs } from '../../src/cli/bench-pictures.js';
import { defaultFlowConfig } from '../../src/core/flow/config.js';

test('the default inputs: every picture of examples/, then every folder holding pictures', () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-bench-pictures-'));
  try {
    writeFileSync(join(root, 'b.png'), encodeGrayPng(new Uint8Array(16).fill(255), 4, 4));
    writeFileSync(join(root, 'a.png'), encodeGrayPng(new Uint8Array(16).fill(255), 4, 4));
    writeFileSync(join(root, 'notes.txt'), 'not a picture');
    mkdirSync(join(root, 'parts'));
    writeFileSync(join(root, 'parts', '0.png'), encodeGrayPng(new Uint8Array(16).fill(255), 4, 4));
    mkdirSync(join(root, 'sweeps'));
    writeFileSync(join(root, 'sweeps', 'one.yaml'), 'runs: []');
    assert.deepEqual(exampleInputs(root), ['a.png', 'b.png', 'parts'].map((name) => join(root, name)));
    // The repository's own: 7 pictures and 3 folders, as docs/benchmarks-pictures.md covers.
    assert.equal(exampleInputs('examples').length, 10);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the bar, by hand: pictures on js64, oos, recall and time; folders on js64 and far oos; the flow on its own', () => {
  const figures = (js64: number, oos: number, farOos: number, recall: number) => ({ js64, oos, farOos, slicedW1: 0, precision: 1, recall });
  const run = (conditional: boolean, values: PictureRun['values'], seconds = 50, model: PictureRun['model'] = 'gan'): PictureRun => ({
    input: 'x', conditional, model, ...(model === 'gan' ? { recipe: 'quality' as const } : {}), seed: 1, iterations: 1, processSeconds: seconds,
    engine: 'wasm-simd × 1', loadBefore: 0,
    values, floors: figures(0.01, 0.001, 0, 0.98),
  });
  // The flow (issue 14): pictures js64 ≤ 5× floor, oos ≤ floor + 0.02, recall ≥ 90%, 60 s; folders js64 ≤ 4× floor, 60 s.
  assert.deepEqual(barChecks(run(false, figures(0.05, 0.021, 1, 0.9), 60, 'flow')),
    { 'js64 ≤ 5× floor': true, 'oos ≤ floor + 0.02': true, 'recall ≥ 90%': true, '≤ 60 s': true });
  assert.deepEqual(Object.values(barChecks(run(false, figures(0.0501, 0.0211, 0, 0.899), 60.1, 'flow'))), [false, false, false, false]);
  assert.deepEqual(barChecks(run(true, figures(0.04, 1, 1, 0), 50, 'flow')), { 'js64 ≤ 4× floor': true, '≤ 60 s': true });
  assert.deepEqual(Object.values(barChecks(run(true, figures(0.0401, 0, 0, 1), 50, 'flow'))), [false, true]);
  assert.deepEqual(Object.values(barChecks(run(false, figures(0.1, 0.011, 1, 0.9)))), [true, true, true, true]);
  assert.deepEqual(Object.values(barChecks(run(false, figures(0.1001, 0.0111, 0, 0.89), 61))), [false, false, false, false]);
  assert.deepEqual(Object.values(barChecks(run(true, figures(0.06, 1, 0.005, 0)))), [true, true, true]);
  assert.deepEqual(Object.values(barChecks(run(true, figures(0.0601, 0, 0.0051, 1)))), [false, false, true]);
});

test('gan2d bench pictures: every input, recipe and seed trained, scored as gan2d eval scores it, reported with floors and frames', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-bench-pictures-'));
  try {
    const stripes = join(root, 'stripes.png');
    writeFileSync(stripes, encodeGrayPng(Uint8Array.from({ length: 64 }, (_, i) => (i % 8 < 3 ? 255 : 0)), 8, 8));
    const folder = join(root, 'parts');
    mkdirSync(folder);
    writeFileSync(join(folder, '0.png'), encodeGrayPng(Uint8Array.from({ length: 16 }, (_, i) => (i % 4 < 2 ? 255 : 0)), 4, 4));
    writeFileSync(join(folder, '1.png'), encodeGrayPng(Uint8Array.from({ length: 16 }, (_, i) => (i < 8 ? 255 : 0)), 4, 4));
    const out = join(root, 'bench');
    const report = join(root, 'report.md');
    const result = await gan2d(['bench', 'pictures', '--seeds', '1', '--models', 'gan', '--inputs', `${stripes},${folder}`, '--iterations', '12', '--out', out, '--report', report], { timeoutMs: 240_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*report\.md \(4 runs in /);
    const text = readFileSync(report, 'utf8');
    assert.match(text, /bench pictures --seeds 1 --models gan --recipes quality,seed --inputs .*stripes\.png,.*parts --iterations 12/);
    for (const [name, recipe] of [['stripes', 'quality'], ['stripes', 'seed'], ['parts-folder', 'quality'], ['parts-folder', 'seed']]) {
      const run = join(out, 'runs', `${name}-${recipe}-seed-1`);
      const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
      assert.equal(summary.iterations, 12);
      assert.equal(summary.recipe, recipe === 'quality' ? 'quality' : undefined);
      // The report's line for the run holds gan2d eval's figures for it (same seed, 20,000 points).
      const evaluated = await gan2d(['eval', run, '--seed', '1', '--json']);
      const { values, floors } = JSON.parse(evaluated.stdout) as { values: Record<string, number>; floors: Record<string, number> };
      const input = name === 'stripes' ? stripes : folder;
      const line = text.split('\n').find((l) => l.startsWith(`| ${input} | gan | ${recipe} | 1 | 12 |`));
      assert.ok(line, `a line for ${name} ${recipe}`);
      assert.ok(line.includes(`| ${values.js64.toPrecision(3)} |`), `${line} has js64 ${values.js64}`);
      assert.ok(line.includes(`| ${(100 * values.recall).toFixed(2)}% |`), `${line} has recall ${values.recall}`);
      // The engine the run trained on, as its summary.json says (it decides how many iterations a time limit allows).
      assert.ok(line.includes(`| ${summary.engine.kernels} × ${summary.engine.threads} |`), `${line} names the engine ${JSON.stringify(summary.engine)}`);
      // The figures table: js64 over its floor, the mean and (one seed here) the same worst seed, then the iterations.
      const multiple = (values.js64 / floors.js64).toFixed(1);
      const figures = text.split('\n').find((l) => l.startsWith(`| ${input} | gan | ${recipe} | 1 | `) && l.includes('(worst '));
      assert.ok(figures?.includes(`| ${multiple}× (worst ${multiple}×) | 12 | `), `${figures} has js64 ${multiple}× its floor`);
      // A folder's pictures one by one, each against its own floor (one seed: the mean is the worst); a plain picture has none.
      const prefix = `| ${input} | gan | ${recipe} | `;
      const byPicture = text.split('\n').filter((l) => l.startsWith(prefix) && /^\d+\.png \|/.test(l.slice(prefix.length)));
      const { conditions } = JSON.parse(evaluated.stdout) as { conditions?: { values: Record<string, number>; floors: Record<string, number> }[] };
      if (name === 'stripes') {
        assert.equal(byPicture.length, 0);
        continue;
      }
      assert.equal(conditions?.length, 2);
      conditions.forEach((scores, picture) => {
        const times = `${(scores.values.js64 / scores.floors.js64).toFixed(1)}×`;
        const far = `${(100 * scores.values.farOos).toFixed(2)}%`;
        assert.ok(byPicture[picture].startsWith(`| ${input} | gan | ${recipe} | ${picture}.png | ${times} (${times}) | `), `${byPicture[picture]}: js64 ${times} its floor`);
        assert.ok(byPicture[picture].includes(`| ${far} (${far}) |`), `${byPicture[picture]}: far oos ${far}`);
      });
    }
    assert.match(text, /## Folders picture by picture/);
    assert.match(text, /## Against the bar \(--recipe quality, every seed\)/);
    assert.match(text, new RegExp(`\\| ${folder.replace(/[/\\]/g, '.')} \\| far oos ≤ 0.005 \\|`));
    // The grid: one panel per run, two columns a row here (one seed, two recipes).
    const grid = await loadImage(readFileSync(join(out, 'final-frames.png')));
    assert.equal(grid.width, 2 * 300 + 3 * 8);
    assert.ok(grid.height > 2 * 100, `${grid.height} high: two rows`);
    assert.match(text, /!\[every run's final frame.*\]\(bench\/final-frames\.png\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("gan2d bench pictures --models flow: the flow's runs (its recipe), scored as gan2d eval scores them, against the flow's bar", async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-bench-pictures-flow-'));
  try {
    const stripes = join(root, 'stripes.png');
    writeFileSync(stripes, encodeGrayPng(Uint8Array.from({ length: 64 }, (_, i) => (i % 8 < 3 ? 255 : 0)), 8, 8));
    const out = join(root, 'bench');
    const result = await gan2d(['bench', 'pictures', '--seeds', '1', '--models', 'flow', '--inputs', stripes, '--iterations', '12', '--points', '2000', '--out', out], { timeoutMs: 400_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*report\.md \(1 runs in /);
    const run = join(out, 'runs', 'stripes-flow-seed-1');
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
    assert.equal(summary.iterations, 12);
    assert.deepEqual(summary.config.hidden, defaultFlowConfig().hidden, "the flow's recipe");
    const text = readFileSync(join(out, 'report.md'), 'utf8');
    // 2,000 points (--points): the flow's eval integrates its ODE on the reference engine, slow at 20,000.
    const evaluated = await gan2d(['eval', run, '--seed', '1', '-n', '2000', '--json'], { timeoutMs: 200_000 });
    const { values } = JSON.parse(evaluated.stdout) as { values: Record<string, number> };
    const line = text.split('\n').find((l) => l.startsWith(`| ${stripes} | flow | — | 1 | 12 |`));
    assert.ok(line, 'a line for the flow run');
    assert.ok(line.includes(`| ${values.js64.toPrecision(3)} | ${(100 * values.oos).toFixed(2)}% |`), `${line} has js64 ${values.js64}, oos ${values.oos}`);
    assert.ok(line.includes(`| ${(100 * values.recall).toFixed(2)}% |`), `${line} has recall ${values.recall}`);
    assert.match(text, /## The flow against its bar \(issue 14, every seed\)/);
    assert.match(text, /then 2,000 generated points/);
    assert.match(text, /--models flow --inputs .*stripes\.png --iterations 12 --points 2000/);
    assert.match(text, /\| js64 ≤ 5× floor \| [01] of 1: \*\*(not )?met\*\* \|/);
    assert.doesNotMatch(text, /--recipe quality, every seed/, 'no GAN run, no GAN bar');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('gan2d bench pictures refuses an unknown recipe or model, recipes without the GAN, or a missing input in one line', async () => {
  const recipe = await gan2d(['bench', 'pictures', '--recipes', 'quality,best', '--out', join(tmpdir(), 'never-made')]);
  assert.notEqual(recipe.code, 0);
  assert.match(recipe.stderr.trim(), /^gan2d: --recipes: "best" is not a recipe; the recipes are quality, seed$|--recipes: "best" is not a recipe; the recipes are quality, seed$/);
  const flowRecipe = await gan2d(['bench', 'pictures', '--models', 'flow', '--recipes', 'quality', '--out', join(tmpdir(), 'never-made')]);
  assert.notEqual(flowRecipe.code, 0);
  assert.match(flowRecipe.stderr.trim(), /--recipes: names the GAN's recipes, and --models has no gan \(the flow trains with its own recipe\)$/);
  const model = await gan2d(['bench', 'pictures', '--models', 'gan,gmm', '--out', join(tmpdir(), 'never-made')]);
  assert.notEqual(model.code, 0);
  assert.match(model.stderr.trim(), /--models: "gmm" is not a model; expected a comma list of gan, flow$/);
  const missing = await gan2d(['bench', 'pictures', '--inputs', 'nowhere.png', '--out', join(tmpdir(), 'never-made')]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /--inputs: nowhere\.png does not exist/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
});
