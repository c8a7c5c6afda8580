import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportContent } from '../../../src/core/sweep/report-content.js';
import { renderReportHtml } from '../../../src/core/sweep/report-html.js';
import { renderReportMarkdown } from '../../../src/core/sweep/report-markdown.js';
import { parseSweepText } from '../../../src/core/sweep/sweep-document.js';
import { expandSweep } from '../../../src/core/sweep/sweep-plan.js';
import { meanAndStandardError, summariseSweep, type RunOutcome } from '../../../src/core/sweep/sweep-results.js';
import { readSweepSpec } from '../../../src/core/sweep/sweep-spec.js';

const spec = readSweepSpec(parseSweepText(`
name: three-losses
question: Which loss keeps the grid's modes?
targets: builtin:grid
axes:
  loss: [nonsaturating, hinge, lsgan]
seeds: 3
metrics: [modes, reverseKL]
`, 'three.yaml'), 'three');
const runs = expandSweep(spec);

/** modes and reverse KL per run: hinge best on modes, lsgan has a diverged seed and a missing one. */
const MODES: Record<string, (number | 'diverged' | 'missing')[]> = {
  nonsaturating: [20, 22, 21],
  hinge: [25, 24, 25],
  lsgan: [23, 'diverged', 'missing'],
};

function outcomes(): RunOutcome[] {
  return runs.map((run) => {
    const loss = run.options.loss as string;
    const value = MODES[loss][run.seed - 1];
    if (value === 'missing') return { run, metrics: undefined };
    if (value === 'diverged') return { run, metrics: undefined, diverged: true };
    return { run, metrics: { modes: value, highQuality: 0.9, reverseKL: 1 / value } };
  });
}

test('mean and standard error match the textbook formulas', () => {
  const values = [0.3, 1.7, 2.2, 0.9];
  const n = values.length;
  const mean = values.reduce((a, b) => a + b) / n;
  // Computed another way: the unbiased variance from the sum of squares.
  const sumSquares = values.reduce((a, b) => a + b * b, 0);
  const variance = (sumSquares - n * mean * mean) / (n - 1);
  const stats = meanAndStandardError(values);
  assert.ok(Math.abs(stats.mean - mean) < 1e-12);
  assert.ok(Math.abs(stats.standardError - Math.sqrt(variance / n)) < 1e-12);
  assert.equal(stats.count, 4);
  assert.ok(Number.isNaN(meanAndStandardError([5]).standardError), 'no spread from one seed');
});

test('configurations are summarised over seeds; the best is named; diverged and missing runs are told apart', () => {
  const results = summariseSweep(spec, outcomes());
  assert.equal(results.configurations.length, 3);
  const row = (loss: string) => results.configurations.find((c) => c.configuration === `loss=${loss}`)!;
  assert.equal(row('hinge').stats.modes!.mean, 74 / 3);
  assert.equal(row('lsgan').stats.modes!.count, 1);
  assert.equal(row('lsgan').completed, 1);
  assert.equal(row('lsgan').diverged, 1);
  assert.equal(results.best.grid?.configuration, 'loss=hinge');
  assert.deepEqual(results.missing.map((r) => r.name), ['grid__loss=lsgan__seed=3']);
});

test('the report has a table per metric, the best in bold, and a grid of final frames', () => {
  const results = summariseSweep(spec, outcomes());
  const content = reportContent(results, (run) => (run.name.includes('lsgan') ? undefined : {
    thumbnail: `frames/${run.name}.png`, full: `runs/${run.name}/final.png`,
  }));
  const markdown = renderReportMarkdown(content);
  const hingeModes = meanAndStandardError([25, 24, 25]);
  const se = hingeModes.standardError.toFixed(1);
  assert.match(markdown, /^# Sweep: three-losses\n\n\*\*Question:\*\* Which loss keeps the grid's modes\?/);
  assert.match(markdown, /^9 runs: 1 target × 3 configurations × 3 seeds \(seeds 1, 2, 3\)\./m);
  assert.match(markdown, /^- \*\*builtin:grid\*\*: loss=hinge — modes 24\.7 ± 0\.3; reverseKL 0\.041 ± 0\.001 \(by modes, higher is better\)$/m);
  assert.match(markdown, /^## modes captured \(modes, higher is better\)\n\n\| loss \| builtin:grid \|\n\| --- \| --- \|\n\| nonsaturating \| 21\.0 ± 0\.6 \|\n\| hinge \| \*\*24\.7 ± 0\.3\*\* \|\n\| lsgan \| 23\.0 \(1 of 3 seeds; 1 diverged\) \|$/m);
  assert.equal(se, '0.3');
  // Lower is better for reverse KL: the best is the smallest mean, hinge's 1/25-ish.
  assert.match(markdown, /\| hinge \| \*\*0\.041 ± 0\.001\*\* \|/);
  assert.match(markdown, /^> \*\*Incomplete:\*\* 1 run of 9 had no results when this report was written: grid__loss=lsgan__seed=3$/m);
  assert.match(markdown, /^\| hinge \| \[!\[grid__loss=hinge__seed=1\]\(frames\/grid__loss=hinge__seed=1\.png\)\]\(runs\/grid__loss=hinge__seed=1\/final\.png\) \|/m);
  assert.match(markdown, /^\| lsgan \| — \| — \| — \|$/m);

  const html = renderReportHtml(content);
  assert.match(html, /<td class="best">24\.7 ± 0\.3<\/td>/);
  assert.match(html, /<a href="runs\/grid__loss=hinge__seed=2\/final\.png"><img src="frames\/grid__loss=hinge__seed=2\.png"/);
  assert.match(html, /<title>Sweep: three-losses<\/title>/);
  assert.doesNotMatch(html, /<script/);
});

test('report text is escaped for its markup', () => {
  const tricky = readSweepSpec(parseSweepText('name: "a<b>|c"\ntargets: builtin:ring\nquestion: "Is x < y & z?"\n', 't.yaml'), 't');
  const results = summariseSweep(tricky, expandSweep(tricky).map((run) => ({ run, metrics: { modes: 8, highQuality: 1, reverseKL: 0 } })));
  const content = reportContent(results, () => undefined);
  const html = renderReportHtml(content);
  assert.match(html, /<h1>Sweep: a&lt;b&gt;\|c<\/h1>/);
  assert.match(html, /Is x &lt; y &amp; z\?/);
  assert.match(renderReportMarkdown(content), /\| base \| \*\*8\.0\*\* \|/);
});

test('configurations the best does not clearly beat are named beside it', () => {
  const close = readSweepSpec(parseSweepText('targets: builtin:ring\naxes: {loss: [hinge, lsgan, minimax]}\nseeds: 2\nmetrics: [modes]\n', 'c.yaml'), 'c');
  // hinge 7 ± 1, lsgan 6 ± 0.5 (|7 − 6| ≤ 1 + 0.5: close), minimax 4 ± 0.5 (3 > 1.5: clearly worse).
  const modes: Record<string, number[]> = { hinge: [6, 8], lsgan: [5.5, 6.5], minimax: [3.5, 4.5] };
  const results = summariseSweep(close, expandSweep(close).map((run) => ({
    run, metrics: { modes: modes[run.options.loss as string][run.seed - 1] },
  })));
  const markdown = renderReportMarkdown(reportContent(results, () => undefined));
  assert.match(markdown, /^- \*\*builtin:ring\*\*: loss=hinge — modes 7\.0 ± 1\.0 \(by modes, higher is better\)\n {2}- Not clearly worse \(means closer than their standard errors added\): loss=lsgan$/m);
  const none = renderReportMarkdown(reportContent(summariseSweep(spec, outcomes()), () => undefined));
  assert.doesNotMatch(none, /Not clearly worse/);
});

test('picture metrics are shown beside their floors', () => {
  const pictures = readSweepSpec(parseSweepText('targets: [a.png, b.png]\naxes: {loss: [hinge, lsgan]}\n', 'p.yaml'), 'p');
  assert.deepEqual(pictures.metrics, ['js64', 'oos', 'farOos']);
  const results = summariseSweep(pictures, expandSweep(pictures).map((run) => ({
    run,
    metrics: { js64: 0.3, oos: 0.05, farOos: 0.01, js64Floor: run.target.name === 'a' ? 0.19 : 0.2 + 0.01 * Number(run.options.loss === 'hinge'), oosFloor: 0 },
  })));
  const markdown = renderReportMarkdown(reportContent(results, () => undefined));
  assert.match(markdown, /^## Jensen–Shannon divergence on a 64×64 grid \(js64, lower is better\)\n\nFloor, the same figure for as many exact samples: 0\.1900 on a\.png; 0\.2000–0\.2100 on b\.png\.\n\n\| loss \| a\.png \| b\.png \|$/m);
  assert.match(markdown, /Floor, the same figure for as many exact samples: 0\.00% on a\.png; 0\.00% on b\.png\./);
});
