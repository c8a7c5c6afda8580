/**
 * The benchmark's report.md: the bar and whether each seed met it, each target's figures
 * (mean ± standard error over seeds) beside exact samples' and the published rows, each
 * seed's expected figures (the mean of further draws from its checkpoint) beside the one
 * draw the protocol scores, every seed's line, and the pictures; the GAN's rows and the
 * flow's side by side, each against its own bar. A pure function of the results, so a test can read it.
 */
import { formatValue, TRAIN_OPTIONS, type TrainConfig } from '../gan/config.js';
import { recommendedSettings } from '../gan/presets.js';
import type { ModelName } from '../flow/config.js';
import type { BarFigures, BenchResults, BenchTarget, SeedResult } from './bench-results.js';
import { FLOW_QUALITY_BAR, PUBLISHED, QUALITY_BAR } from './published.js';

export interface ReportLinks {
  /** Per model and target, the picture of every seed's points, relative to the report. */
  seedGrid: Partial<Record<ModelName, Partial<Record<BenchTarget, string>>>>;
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

const MODEL_NAMES: Record<ModelName, string> = { gan: 'GAN', flow: 'flow' };

/** One model's seeds on one target, in seed order. */
function seedsOf(results: BenchResults, target: BenchTarget, model: ModelName): SeedResult[] {
  return results.seeds.filter((s) => s.target === target && s.model === model);
}

/** The (target, model) pairs that have seeds, targets first. */
function pairs(results: BenchResults): { target: BenchTarget; model: ModelName; seeds: SeedResult[] }[] {
  return results.options.targets.flatMap((target) => results.options.models
    .map((model) => ({ target, model, seeds: seedsOf(results, target, model) }))
    .filter((pair) => pair.seeds.length > 0));
}

/**
 * A model's bar on a target: the GAN's is PacGAN's best published figures (modes, high quality,
 * reverse KL); the flow's is issue 14's (modes, high quality, mode width). A check it lacks is shown without a verdict.
 */
function barOf(target: BenchTarget, model: ModelName): { modes: number; highQuality: number; reverseKL?: number; modeWidth?: readonly [number, number] } {
  return model === 'flow' ? FLOW_QUALITY_BAR[target] : QUALITY_BAR[target];
}

const widthRange = (range: readonly [number, number]): string => `${range[0]}–${range[1]}σ`;
const within = (value: number, range: readonly [number, number]): boolean => value >= range[0] && value <= range[1];

function barSection(results: BenchResults): string[] {
  const budget = results.options.budgetSeconds;
  const lines = [
    '## Against the bar',
    '',
    `| target | model | every mode in every seed | high quality (mean) | reverse KL (mean) | mode width (mean) | every seed within ${budget} s |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { target, model, seeds } of pairs(results)) {
    const bar = barOf(target, model);
    const full = seeds.filter((s) => s.values.modes === bar.modes).length;
    const hq = figure(seeds, 'highQuality').mean;
    const rkl = figure(seeds, 'reverseKL').mean;
    const width = figure(seeds, 'modeWidth').mean;
    const slowest = Math.max(...seeds.map((s) => s.processSeconds));
    lines.push(`| builtin:${target} | ${MODEL_NAMES[model]} | ${full} of ${seeds.length} seeds have ${bar.modes}: ${yes(full === seeds.length)} ` +
      `| ${percent(hq, 2)} (bar ≥ ${percent(bar.highQuality)}): ${yes(hq >= bar.highQuality)} ` +
      // three digits: a miss must not round to the bar
      `| ${rkl.toPrecision(3)}${bar.reverseKL === undefined ? ' (no bar)' : ` (bar ≤ ${bar.reverseKL}): ${yes(rkl <= bar.reverseKL)}`} ` +
      `| ${width.toFixed(2)}σ${bar.modeWidth === undefined ? ' (no bar)' : ` (bar ${widthRange(bar.modeWidth)}): ${yes(within(width, bar.modeWidth))}`} ` +
      `| slowest ${seconds(slowest)}: ${yes(slowest <= budget)} |`);
  }
  lines.push('', 'The GAN\'s bar is the best published figures (PacGAN, OKGAN); the flow\'s is issue 14\'s: every mode in every seed, ' +
    'high quality ≥ 95%, modes 0.8–1.2σ wide.');
  lines.push('', `Expected over ${results.redraws} further draws of 2,500 a seed from the same checkpoints (a reading beside the protocol, ` +
    `not its verdict): ${pairs(results).map(({ target, model, seeds }) => expectedAgainstBar(target, model, seeds)).join('; ')}.`);
  return lines;
}

/** A model's expected figures on a target against its bar, in words: which parts they fall within. */
function expectedAgainstBar(target: BenchTarget, model: ModelName, seeds: readonly SeedResult[]): string {
  const bar = barOf(target, model);
  const modes = expectedFigure(seeds, 'modes').mean;
  const hq = expectedFigure(seeds, 'highQuality').mean;
  const rkl = expectedFigure(seeds, 'reverseKL').mean;
  const judged = bar.reverseKL === undefined ? 'both' : 'all three';
  const outside = [
    ...(seeds.every((s) => s.expected.modes === bar.modes) ? [] : ['modes']),
    ...(hq >= bar.highQuality ? [] : ['high quality']),
    ...(bar.reverseKL === undefined || rkl <= bar.reverseKL ? [] : ['reverse KL']),
  ];
  return `builtin:${target} ${MODEL_NAMES[model]} ${modes.toFixed(1)} modes, ${percent(hq, 2)} high quality, reverse KL ${kl(rkl)}: ` +
    (outside.length === 0 ? `${judged} within the bar` : `outside the bar on ${outside.join(' and ')}`);
}

function expectedRow(seeds: readonly SeedResult[], method: string, from: 'expected' | 'expectedFloors', source: string): string {
  return `| ${method} | ${withError(expectedFigure(seeds, 'modes', from), (v) => v.toFixed(1))} ` +
    `| ${withError(expectedFigure(seeds, 'highQuality', from), (v) => percent(v, 2))} ` +
    `| ${withError(expectedFigure(seeds, 'reverseKL', from), kl)} | — | — | ${source} |`;
}

const SETTINGS: Record<ModelName, string> = { gan: 'recommended settings', flow: 'flow recipe' };

function targetSection(results: BenchResults, target: BenchTarget, links: ReportLinks): string[] {
  const byModel = results.options.models.map((model) => ({ model, seeds: seedsOf(results, target, model) })).filter((m) => m.seeds.length > 0);
  // Exact samples depend on the seed only: one model's seeds give their rows.
  const seeds = byModel[0]?.seeds ?? [];
  const n = seeds.length;
  const draws = results.redraws;
  const lines = [
    `## builtin:${target}`,
    '',
    '| method | modes | high quality | reverse KL | mode width (σ) | mode spread (σ) | source |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...byModel.map(({ model, seeds: own }) => `| **gan2d ${MODEL_NAMES[model]}** (${SETTINGS[model]}) | ${withError(figure(own, 'modes'), (v) => v.toFixed(1))} ` +
      `| ${withError(figure(own, 'highQuality'), (v) => percent(v, 2))} | ${withError(figure(own, 'reverseKL'), kl)} ` +
      `| ${withError(figure(own, 'modeWidth'), (v) => v.toFixed(2))} | ${withError(figure(own, 'modeSpread'), (v) => v.toFixed(2))} ` +
      `| this run, ${own.length} seeds, mean ± standard error |`),
    `| exact samples | ${withError(figure(seeds, 'modes', 'floors'), (v) => v.toFixed(1))} ` +
      `| ${withError(figure(seeds, 'highQuality', 'floors'), (v) => percent(v, 2))} | ${withError(figure(seeds, 'reverseKL', 'floors'), kl)} ` +
      `| ${withError(figure(seeds, 'modeWidth', 'floors'), (v) => v.toFixed(2))} | ${withError(figure(seeds, 'modeSpread', 'floors'), (v) => v.toFixed(2))} ` +
      `| ${n} draws of 2,500 from the target itself: what a perfect generator scores |`,
    ...byModel.map(({ model, seeds: own }) => expectedRow(own, `gan2d ${MODEL_NAMES[model]}, expected over ${draws} draws a seed`, 'expected',
      `the same ${own.length} checkpoints, each drawing ${draws} further sets of 2,500: mean ± standard error over seeds of each seed's mean`)),
    expectedRow(seeds, `exact samples, expected over ${draws} draws a seed`, 'expectedFloors',
      `${draws} draws of 2,500 from the target per seed, the same way`),
  ];
  for (const row of PUBLISHED[target]) {
    const mark = row.confidence === 'recalled' ? ' †' : '';
    lines.push(`| ${row.method}${mark} | ${row.modes?.toFixed(1) ?? '—'} | ${row.highQuality === undefined ? '—' : percent(row.highQuality)} ` +
      `| ${row.reverseKL ?? '—'} | — | — | ${row.source} |`);
  }
  lines.push('', '† Recalled from PacGAN\'s Table 1, not checked against the paper from this machine: treat as approximate.', '');
  lines.push(
    `Every seed (train: the training loop; process: spawn to exit of \`gan2d train\`, GIF and files included; load: the one-minute load average before it started; ` +
      `reverse KL, ${draws} draws: the mean over ${draws} further draws of 2,500 from the seed's checkpoint):`,
    '',
    `| model | seed | iterations | train | process | load | modes | high quality | reverse KL | reverse KL, ${draws} draws | mode width (σ) | mode spread (σ) | mode offset (σ) | precision | recall |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const s of byModel.flatMap((m) => m.seeds)) {
    const v = s.values;
    const stopped = s.stoppedByTimeLimit ? ` (time limit; of ${s.plannedIterations})` : '';
    lines.push(`| ${MODEL_NAMES[s.model]} | ${s.seed} | ${s.iterations}${stopped} | ${seconds(s.trainSeconds)} | ${seconds(s.processSeconds)} | ${s.loadBefore.toFixed(2)} ` +
      `| ${v.modes} | ${percent(v.highQuality, 2)} | ${kl(v.reverseKL)} | ${kl(s.expected.reverseKL)} | ${v.modeWidth.toFixed(2)} | ${v.modeSpread.toFixed(2)} | ${v.modeOffset.toFixed(2)} | ${percent(v.precision)} | ${percent(v.recall)} |`);
  }
  for (const { model } of byModel) {
    const grid = links.seedGrid[model]?.[target];
    if (grid) {
      lines.push('', `![builtin:${target}, ${MODEL_NAMES[model]}: every seed's 2,500 points (purple) over the high-quality discs, radius 3σ (green)](${grid})`);
    }
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
  for (const { target, model, seeds } of pairs(results)) {
    const hq = figure(seeds, 'highQuality').mean;
    const width = figure(seeds, 'modeWidth').mean;
    const floorKl = figure(seeds, 'reverseKL', 'floors').mean;
    const rkl = figure(seeds, 'reverseKL').mean;
    const bar = barOf(target, model);
    lines.push(`- **builtin:${target}, ${MODEL_NAMES[model]}.** Exact samples score a reverse KL of ${kl(floorKl)} on average with 2,500 points ` +
      `(the histogram of a finite sample is never flat), so ${rkl.toPrecision(3)} is ${rkl <= floorKl ? 'at or below that floor' : rkl <= floorKl * 1.1 ? 'within 10% of that floor' : `${(rkl / floorKl).toFixed(1)}× that floor`}` +
      `${bar.reverseKL !== undefined && bar.reverseKL <= floorKl * 1.1 ? `; the bar of ${bar.reverseKL} sits at that floor, so chance decides it: ` +
        `simulated ${seeds.length}-seed runs of exact samples meet it ${percent(results.exactMeetsReverseKL[target] ?? NaN, 0)} of the time` : ''}. ` +
      `${expectedReading(results, seeds)} ` +
      `Generated modes are ${width.toFixed(2)}σ wide against 1σ for the target ` +
      `(${figure(seeds, 'modeSpread').mean.toFixed(2)}σ about their own means, which sit ${figure(seeds, 'modeOffset').mean.toFixed(2)}σ off their centres)` +
      `${width < 0.8 && model === 'gan' ? ': narrower than the target, which the high-quality share rewards (a perfect generator scores 98.9%; its tails beyond 3σ count against it) and recall (the share of exact samples inside the generated points\' neighbourhoods) exposes' : ''}.` +
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
      '--export-samples 2500` with nothing else, so with the target\'s recommended settings (the flow\'s rows: the same with ' +
      '`--model flow`, so with the flow\'s recipe), then its 2,500 points scored: modes ' +
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
    ...pairs(results).map(({ target, model }) => {
      const extra = results.extraFlags[model][target];
      const flags = model === 'flow' ? '--model flow' : recipeFlags(target);
      const note = model === 'flow' ? ' (the flow\'s own defaults: docs/benchmarks/flow-recipe.md)' : '';
      return `- builtin:${target}, ${MODEL_NAMES[model]}: \`${flags}\`${note}${extra.length > 0 ? ` and, for this budget, \`${extra.join(' ')}\`` : ''}`;
    }),
    '',
    ...(links.recipeNotes ? [`How it was found, what else was tried and what did not help: [${links.recipeNotes}](${links.recipeNotes}).`, ''] : []),
  ];
  return lines.join('\n');
}
