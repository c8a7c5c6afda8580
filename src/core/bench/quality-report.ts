/**
 * The benchmark's report.md: the bar and whether each seed met it, each target's figures
 * (mean ± standard error over seeds) beside exact samples' and the published rows, each
 * seed's expected figures (the mean of further draws from its checkpoint) beside the one
 * draw the protocol scores, every seed's line, and the pictures. A pure function of the
 * results, so a test can read it.
 */
import { formatValue, TRAIN_OPTIONS, type TrainConfig } from '../gan/config.js';
import { recommendedSettings } from '../gan/presets.js';
import type { BarFigures, BenchResults, BenchTarget, SeedResult } from './bench-results.js';
import { PUBLISHED, QUALITY_BAR } from './published.js';

export interface ReportLinks {
  /** Per target, the picture of every seed's points, relative to the report. */
  seedGrid: Partial<Record<BenchTarget, string>>;
  /** The mode close-ups, relative to the report. */
  closeUps?: string;
  /** The notes on how the recipe was found, relative to the report. */
  recipeNotes?: string;
}

export interface MeanAndError {
  mean: number;
  /** Standard error of the mean: the sample standard deviation over √n (0 for one value). */
  error: number;
}

export function meanAndError(values: readonly number[]): MeanAndError {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, error: 0 };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, error: Math.sqrt(variance / n) };
}

const percent = (value: number, digits = 1): string => `${(100 * value).toFixed(digits)}%`;
const kl = (value: number): string => value.toFixed(4).replace(/^-(0\.0+)$/, '$1'); // no "-0.0000"
const withError = (m: MeanAndError, show: (v: number) => string): string => `${show(m.mean)} ± ${show(m.error)}`;
const seconds = (value: number): string => `${value.toFixed(1)} s`;
const yes = (ok: boolean): string => (ok ? '**met**' : '**not met**');

function figure(seeds: readonly SeedResult[], name: string, from: 'values' | 'floors' = 'values'): MeanAndError {
  return meanAndError(seeds.map((s) => s[from][name]));
}

function expectedFigure(seeds: readonly SeedResult[], name: keyof BarFigures, from: 'expected' | 'expectedFloors' = 'expected'): MeanAndError {
  return meanAndError(seeds.map((s) => s[from][name]));
}

/** The recommended settings as the flags they stand for. */
export function recipeFlags(target: BenchTarget): string {
  const settings = recommendedSettings(`builtin:${target}`) ?? {};
  return TRAIN_OPTIONS
    .filter((spec) => settings[spec.key] !== undefined)
    .map((spec) => `--${spec.flag} ${formatValue(settings[spec.key as keyof TrainConfig])}`)
    .join(' ');
}

function barSection(results: BenchResults): string[] {
  const budget = results.options.budgetSeconds;
  const lines = [
    '## Against the bar',
    '',
    `| target | every mode in every seed | high quality (mean) | reverse KL (mean) | every seed within ${budget} s |`,
    '| --- | --- | --- | --- | --- |',
  ];
  for (const target of results.options.targets) {
    const seeds = results.seeds.filter((s) => s.target === target);
    const bar = QUALITY_BAR[target];
    const full = seeds.filter((s) => s.values.modes === bar.modes).length;
    const hq = figure(seeds, 'highQuality').mean;
    const rkl = figure(seeds, 'reverseKL').mean;
    const slowest = Math.max(...seeds.map((s) => s.processSeconds));
    lines.push(`| builtin:${target} | ${full} of ${seeds.length} seeds have ${bar.modes}: ${yes(full === seeds.length)} ` +
      `| ${percent(hq, 2)} (bar ≥ ${percent(bar.highQuality)}): ${yes(hq >= bar.highQuality)} ` +
      `| ${rkl.toPrecision(3)} (bar ≤ ${bar.reverseKL}): ${yes(rkl <= bar.reverseKL)} ` + // three digits: a miss must not round to the bar +
      `| slowest ${seconds(slowest)}: ${yes(slowest <= budget)} |`);
  }
  lines.push('', `Expected over ${results.redraws} further draws of 2,500 a seed from the same checkpoints (a reading beside the protocol, ` +
    `not its verdict): ${results.options.targets.map((target) => expectedAgainstBar(results, target)).join('; ')}.`);
  return lines;
}

/** A target's expected figures against the bar, in words: which parts they fall within. */
function expectedAgainstBar(results: BenchResults, target: BenchTarget): string {
  const seeds = results.seeds.filter((s) => s.target === target);
  const bar = QUALITY_BAR[target];
  const modes = expectedFigure(seeds, 'modes').mean;
  const hq = expectedFigure(seeds, 'highQuality').mean;
  const rkl = expectedFigure(seeds, 'reverseKL').mean;
  const outside = [
    ...(seeds.every((s) => s.expected.modes === bar.modes) ? [] : ['modes']),
    ...(hq >= bar.highQuality ? [] : ['high quality']),
    ...(rkl <= bar.reverseKL ? [] : ['reverse KL']),
  ];
  return `builtin:${target} ${modes.toFixed(1)} modes, ${percent(hq, 2)} high quality, reverse KL ${kl(rkl)}: ` +
    (outside.length === 0 ? 'all three within the bar' : `outside the bar on ${outside.join(' and ')}`);
}

function expectedRow(seeds: readonly SeedResult[], method: string, from: 'expected' | 'expectedFloors', source: string): string {
  return `| ${method} | ${withError(expectedFigure(seeds, 'modes', from), (v) => v.toFixed(1))} ` +
    `| ${withError(expectedFigure(seeds, 'highQuality', from), (v) => percent(v, 2))} ` +
    `| ${withError(expectedFigure(seeds, 'reverseKL', from), kl)} | — | ${source} |`;
}

function targetSection(results: BenchResults, target: BenchTarget, links: ReportLinks): string[] {
  const seeds = results.seeds.filter((s) => s.target === target);
  const n = seeds.length;
  const draws = results.redraws;
  const lines = [
    `## builtin:${target}`,
    '',
    '| method | modes | high quality | reverse KL | mode width (σ) | source |',
    '| --- | --- | --- | --- | --- | --- |',
    `| **gan2d** (recommended settings) | ${withError(figure(seeds, 'modes'), (v) => v.toFixed(1))} ` +
      `| ${withError(figure(seeds, 'highQuality'), (v) => percent(v, 2))} | ${withError(figure(seeds, 'reverseKL'), kl)} ` +
      `| ${withError(figure(seeds, 'modeWidth'), (v) => v.toFixed(2))} | this run, ${n} seeds, mean ± standard error |`,
    `| exact samples | ${withError(figure(seeds, 'modes', 'floors'), (v) => v.toFixed(1))} ` +
      `| ${withError(figure(seeds, 'highQuality', 'floors'), (v) => percent(v, 2))} | ${withError(figure(seeds, 'reverseKL', 'floors'), kl)} ` +
      `| ${withError(figure(seeds, 'modeWidth', 'floors'), (v) => v.toFixed(2))} | ${n} draws of 2,500 from the target itself: what a perfect generator scores |`,
    expectedRow(seeds, `gan2d, expected over ${draws} draws a seed`, 'expected',
      `the same ${n} checkpoints, each drawing ${draws} further sets of 2,500: mean ± standard error over seeds of each seed's mean`),
    expectedRow(seeds, `exact samples, expected over ${draws} draws a seed`, 'expectedFloors',
      `${draws} draws of 2,500 from the target per seed, the same way`),
  ];
  for (const row of PUBLISHED[target]) {
    const mark = row.confidence === 'recalled' ? ' †' : '';
    lines.push(`| ${row.method}${mark} | ${row.modes?.toFixed(1) ?? '—'} | ${row.highQuality === undefined ? '—' : percent(row.highQuality)} ` +
      `| ${row.reverseKL ?? '—'} | — | ${row.source} |`);
  }
  lines.push('', '† Recalled from PacGAN\'s Table 1, not checked against the paper from this machine: treat as approximate.', '');
  lines.push(
    `Every seed (train: the training loop; process: spawn to exit of \`gan2d train\`, GIF and files included; load: the one-minute load average before it started; ` +
      `reverse KL, ${draws} draws: the mean over ${draws} further draws of 2,500 from the seed's checkpoint):`,
    '',
    `| seed | iterations | train | process | load | modes | high quality | reverse KL | reverse KL, ${draws} draws | mode width (σ) | precision | recall |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const s of seeds) {
    const v = s.values;
    const stopped = s.stoppedByTimeLimit ? ` (time limit; of ${s.plannedIterations})` : '';
    lines.push(`| ${s.seed} | ${s.iterations}${stopped} | ${seconds(s.trainSeconds)} | ${seconds(s.processSeconds)} | ${s.loadBefore.toFixed(2)} ` +
      `| ${v.modes} | ${percent(v.highQuality, 2)} | ${kl(v.reverseKL)} | ${kl(s.expected.reverseKL)} | ${v.modeWidth.toFixed(2)} | ${percent(v.precision)} | ${percent(v.recall)} |`);
  }
  const grid = links.seedGrid[target];
  if (grid) {
    lines.push('', `![builtin:${target}: every seed's 2,500 points (purple) over the high-quality discs, radius 3σ (green)](${grid})`);
  }
  lines.push('');
  return lines;
}

/**
 * The generator's expected reverse KL against exact samples' expected one: the part due to the
 * generator is their difference (per seed, then mean ± standard error), and the largest gap
 * between a seed's one draw and its expected figure shows how far luck moves a single draw.
 */
function expectedReading(results: BenchResults, seeds: readonly SeedResult[]): string {
  const draws = results.redraws;
  const generated = expectedFigure(seeds, 'reverseKL').mean;
  const exact = expectedFigure(seeds, 'reverseKL', 'expectedFloors').mean;
  const part = meanAndError(seeds.map((s) => s.expected.reverseKL - s.expectedFloors.reverseKL));
  const tooSmall = Math.abs(part.mean) <= 2 * part.error;
  const furthest = seeds.reduce((a, b) =>
    Math.abs(b.values.reverseKL - b.expected.reverseKL) > Math.abs(a.values.reverseKL - a.expected.reverseKL) ? b : a);
  return `Over ${draws} further draws of 2,500 a seed, the generator's expected reverse KL is ${kl(generated)} against ${kl(exact)} ` +
    `for exact samples; the part due to the generator is their difference, ${kl(part.mean)} ± ${kl(part.error)}` +
    `${tooSmall ? ' (within two standard errors of zero)' : ''}. ` +
    `One draw's luck moves a seed's figure by up to ${kl(Math.abs(furthest.values.reverseKL - furthest.expected.reverseKL))} ` +
    `(seed ${furthest.seed}: ${kl(furthest.values.reverseKL)} on its exported draw, ${kl(furthest.expected.reverseKL)} expected).`;
}

function readingSection(results: BenchResults): string[] {
  const lines = ['## Reading the numbers', ''];
  for (const target of results.options.targets) {
    const seeds = results.seeds.filter((s) => s.target === target);
    const hq = figure(seeds, 'highQuality').mean;
    const width = figure(seeds, 'modeWidth').mean;
    const floorKl = figure(seeds, 'reverseKL', 'floors').mean;
    const rkl = figure(seeds, 'reverseKL').mean;
    const bar = QUALITY_BAR[target];
    lines.push(`- **builtin:${target}.** Exact samples score a reverse KL of ${kl(floorKl)} on average with 2,500 points ` +
      `(the histogram of a finite sample is never flat), so ${rkl.toPrecision(3)} is ${rkl <= floorKl ? 'at or below that floor' : rkl <= floorKl * 1.1 ? 'within 10% of that floor' : `${(rkl / floorKl).toFixed(1)}× that floor`}` +
      `${bar.reverseKL <= floorKl * 1.1 ? `; the bar of ${bar.reverseKL} sits at that floor, so chance decides it: ` +
        `simulated ${seeds.length}-seed runs of exact samples meet it ${percent(results.exactMeetsReverseKL[target] ?? NaN, 0)} of the time` : ''}. ` +
      `${expectedReading(results, seeds)} ` +
      `Generated modes are ${width.toFixed(2)}σ wide against 1σ for the target` +
      `${width < 0.8 ? ': narrower than the target, which the high-quality share rewards (a perfect generator scores 98.9%; its tails beyond 3σ count against it) and recall (the share of exact samples inside the generated points\' neighbourhoods) exposes' : ''}.` +
      `${hq > 0.993 ? ` High quality above 99.3% means the modes are too narrow, not better.` : ''}`);
  }
  const loads = results.seeds.map((s) => s.loadBefore);
  lines.push(`- **Time.** Seeds ran one after another on ${results.machine.cores} cores shared with other work: the one-minute load ` +
    `average before a seed ranged ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}. Each run is capped by \`--time-limit\` ` +
    `(training stops there whatever the load, so a loaded machine trains fewer iterations rather than overrunning); ` +
    `the iterations column shows when that happened.`);
  lines.push('');
  return lines;
}

export function renderQualityReport(results: BenchResults, command: string, commit: string, links: ReportLinks): string {
  const { machine } = results;
  const minutes = (results.finished.getTime() - results.started.getTime()) / 60_000;
  const lines = [
    '# Quality benchmark: builtin:ring and builtin:grid',
    '',
    'The PacGAN protocol (docs/design.md, "The PacGAN benchmark"): for each seed, `gan2d train builtin:NAME --seed S ' +
      '--export-samples 2500` with nothing else, so with the target\'s recommended settings, then its 2,500 points scored: modes ' +
      'captured, high-quality share (within 3σ of a centre), reverse KL of the high-quality points\' histogram over the modes. ' +
      'Mode width, precision and recall come from `gan2d eval` (README, "Measuring quality"). ' +
      `Beside that one draw, each seed's checkpoint draws ${results.redraws} further sets of 2,500 (noise seeds 1000·S + 1 to ` +
      `1000·S + ${results.redraws}, as \`gan2d eval RUN -n 2500 --seed N\` draws them): their mean is the seed's expected figure, ` +
      'what its generator scores on average rather than on one draw.',
    '',
    `Regenerate (about ${Math.max(1, Math.round(minutes))} minute${Math.round(minutes) > 1 ? 's' : ''}; it overwrites this file and its pictures):`,
    '',
    '```sh',
    command,
    '```',
    '',
    `Measured ${results.finished.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores), ` +
      `Node ${machine.node}, gan2d ${commit}.`,
    '',
    ...barSection(results),
    '',
    ...results.options.targets.flatMap((target) => targetSection(results, target, links)),
    ...(links.closeUps ? [
      '## One mode up close',
      '',
      `Seed 1's points within ±6σ of one centre, beside as many exact samples of the same mode: the green circle is 3σ.`,
      '',
      `![Mode close-ups: exact samples (green) and generated points (purple)](${links.closeUps})`,
      '',
    ] : []),
    ...readingSection(results),
    '## The recipe',
    '',
    ...results.options.targets.flatMap((target) => [
      `- builtin:${target}: \`${recipeFlags(target)}\`${results.extraFlags[target].length > 0 ? ` and, for this budget, \`${results.extraFlags[target].join(' ')}\`` : ''}`,
    ]),
    '',
    ...(links.recipeNotes ? [`How it was found, what else was tried and what did not help: [${links.recipeNotes}](${links.recipeNotes}).`, ''] : []),
  ];
  return lines.join('\n');
}
