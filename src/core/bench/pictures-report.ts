/**
 * `gan2d bench pictures`' report (docs/benchmarks-pictures.md): per input and method (the GAN
 * with a recipe, or the flow with its own), each figure's mean ± standard error over seeds beside
 * exact samples' floor, whether the GAN's quality recipe meets issue 12's bar and the flow issue
 * 14's on every seed, every run's line, and the grid of final frames. A pure function of the
 * results, so a test can read it.
 */
import { meanAndError, type MeanAndError } from './quality-report.js';
import type { RecipeName } from '../gan/presets.js';
import type { ModelName } from '../flow/config.js';

/** The figures a picture run is scored on (docs/design.md, "Measuring quality"). */
export const PICTURE_FIGURES = ['js64', 'oos', 'farOos', 'slicedW1', 'precision', 'recall'] as const;
export type PictureFigure = (typeof PICTURE_FIGURES)[number];

export interface PictureRun {
  /** The input as `gan2d train` is given it: a picture, or a folder (conditional). */
  input: string;
  conditional: boolean;
  model: ModelName;
  /** The GAN's recipe; the flow has one recipe, its defaults. */
  recipe?: RecipeName;
  seed: number;
  iterations: number;
  /** Spawn to exit of `gan2d train`, start-up, GIF and files included. */
  processSeconds: number;
  /** The kernels and threads the run trained on (summary.json's engine), e.g. "wasm-simd × 1": iterations depend on them. */
  engine: string;
  /** The one-minute load average when the run started: other work on the machine costs a time-limited run iterations. */
  loadBefore: number;
  values: Record<PictureFigure, number>;
  floors: Record<PictureFigure, number>;
  /** A folder's figures picture by picture (its conditions, in order), of which values and floors are the weighted mean. */
  pictures?: PictureScores[];
}

export interface PictureScores {
  name: string;
  values: Record<PictureFigure, number>;
  floors: Record<PictureFigure, number>;
}

export interface PicturesBench {
  runs: PictureRun[];
  seeds: number;
  points: number;
  machine: { cpu: string; cores: number; node: string };
  started: Date;
}

/** Issue 12's bar for --recipe quality, every seed: plain pictures, and folders (conditional). */
export const PICTURE_BAR = {
  picture: { js64TimesFloor: 10, oosOverFloor: 0.01, recall: 0.9, seconds: 60 },
  folder: { js64TimesFloor: 6, farOos: 0.005, seconds: 60 },
} as const;

/** Issue 14's bar for the flow (its recipe), every seed: plain pictures, and folders (conditional). */
export const FLOW_PICTURE_BAR = {
  picture: { js64TimesFloor: 5, oosOverFloor: 0.02, recall: 0.9, seconds: 60 },
  folder: { js64TimesFloor: 4, seconds: 60 },
} as const;

/** Each of the bar's checks for one run (the GAN's or the flow's, by its model): name → met. */
export function barChecks(run: PictureRun): Record<string, boolean> {
  const { values, floors } = run;
  if (run.model === 'flow') {
    const bar = FLOW_PICTURE_BAR;
    return run.conditional ? {
      [`js64 ≤ ${bar.folder.js64TimesFloor}× floor`]: values.js64 <= bar.folder.js64TimesFloor * floors.js64,
      [`≤ ${bar.folder.seconds} s`]: run.processSeconds <= bar.folder.seconds,
    } : {
      [`js64 ≤ ${bar.picture.js64TimesFloor}× floor`]: values.js64 <= bar.picture.js64TimesFloor * floors.js64,
      [`oos ≤ floor + ${bar.picture.oosOverFloor}`]: values.oos <= floors.oos + bar.picture.oosOverFloor,
      [`recall ≥ ${100 * bar.picture.recall}%`]: values.recall >= bar.picture.recall,
      [`≤ ${bar.picture.seconds} s`]: run.processSeconds <= bar.picture.seconds,
    };
  }
  if (run.conditional) {
    return {
      [`js64 ≤ ${PICTURE_BAR.folder.js64TimesFloor}× floor`]: values.js64 <= PICTURE_BAR.folder.js64TimesFloor * floors.js64,
      [`far oos ≤ ${PICTURE_BAR.folder.farOos}`]: values.farOos <= PICTURE_BAR.folder.farOos,
      [`≤ ${PICTURE_BAR.folder.seconds} s`]: run.processSeconds <= PICTURE_BAR.folder.seconds,
    };
  }
  return {
    [`js64 ≤ ${PICTURE_BAR.picture.js64TimesFloor}× floor`]: values.js64 <= PICTURE_BAR.picture.js64TimesFloor * floors.js64,
    [`oos ≤ floor + ${PICTURE_BAR.picture.oosOverFloor}`]: values.oos <= floors.oos + PICTURE_BAR.picture.oosOverFloor,
    [`recall ≥ ${100 * PICTURE_BAR.picture.recall}%`]: values.recall >= PICTURE_BAR.picture.recall,
    [`≤ ${PICTURE_BAR.picture.seconds} s`]: run.processSeconds <= PICTURE_BAR.picture.seconds,
  };
}

const SHARES = new Set<PictureFigure>(['oos', 'farOos', 'precision', 'recall']);
const LABELS: Record<PictureFigure, string> = {
  js64: 'js64', oos: 'oos', farOos: 'far oos', slicedW1: 'sliced W1', precision: 'precision', recall: 'recall',
};

function show(name: PictureFigure, value: number): string {
  return SHARES.has(name) ? `${(100 * value).toFixed(2)}%` : value.toPrecision(3);
}

function shown(name: PictureFigure, m: MeanAndError, count: number): string {
  return count > 1 ? `${show(name, m.mean)} ± ${show(name, m.error)}` : show(name, m.mean);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** The method's cells: the model, and the GAN's recipe ("—" for the flow). */
function methodCells(run: PictureRun): string {
  return `${run.model} | ${run.recipe ?? '—'}`;
}

/** One bar's table: the GAN's quality recipe against issue 12's, or the flow against issue 14's. */
function barSection(runs: readonly PictureRun[], heading: string): string[] {
  if (runs.length === 0) return [];
  const lines = [heading, '', '| input | check | seeds meeting it |', '| --- | --- | --- |'];
  for (const [input, group] of groupBy(runs, (run) => run.input)) {
    const checks = group.map(barChecks);
    for (const name of Object.keys(checks[0])) {
      const met = checks.filter((c) => c[name]).length;
      lines.push(`| ${input} | ${name} | ${met} of ${group.length}: ${met === group.length ? '**met**' : '**not met**'} |`);
    }
  }
  return [...lines, ''];
}

function figuresSection(runs: readonly PictureRun[]): string[] {
  const lines = [
    '## Figures (mean ± standard error over seeds; exact samples\' floor beside each)', '',
    `| input | model | recipe | seeds | ${PICTURE_FIGURES.map((name) => `${LABELS[name]} | floor`).join(' | ')} | js64 / floor | iterations | wall time |`,
    `| --- | --- | --- | --- | ${PICTURE_FIGURES.map(() => '--- | ---').join(' | ')} | --- | --- | --- |`,
  ];
  for (const [, group] of groupBy(runs, (run) => `${run.input}\u0000${methodCells(run)}`)) {
    const n = group.length;
    const cells = PICTURE_FIGURES.map((name) =>
      `${shown(name, meanAndError(group.map((run) => run.values[name])), n)} | ${show(name, meanAndError(group.map((run) => run.floors[name])).mean)}`);
    const ratios = group.map((run) => run.values.js64 / run.floors.js64);
    const times = group.map((run) => run.processSeconds);
    const ratio = meanAndError(ratios);
    const iterations = meanAndError(group.map((run) => run.iterations));
    const seconds = meanAndError(times);
    lines.push(`| ${group[0].input} | ${methodCells(group[0])} | ${n} | ${cells.join(' | ')} | ${ratio.mean.toFixed(1)}× (worst ${Math.max(...ratios).toFixed(1)}×) | ${Math.round(iterations.mean)} | ${seconds.mean.toFixed(1)} s (max ${Math.max(...times).toFixed(1)} s) |`);
  }
  return [...lines, ''];
}

/**
 * Each folder's pictures one by one: a folder's figures are its pictures' weighted mean, and
 * one failed picture hides in it. js64 against the picture's own floor, mean (worst) over seeds.
 */
function picturesSection(runs: readonly PictureRun[]): string[] {
  const folderRuns = runs.filter((run) => run.pictures !== undefined);
  if (folderRuns.length === 0) return [];
  const lines = [
    '## Folders picture by picture (each picture\'s points against its own picture; mean (worst) over seeds)', '',
    '| input | model | recipe | picture | js64 / its floor | oos | far oos | recall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const meanWorst = (values: readonly number[], worst: number, text: (value: number) => string): string =>
    `${text(values.reduce((a, b) => a + b, 0) / values.length)} (${text(worst)})`;
  const ratio = (value: number): string => `${value.toFixed(1)}×`;
  const share = (value: number): string => `${(100 * value).toFixed(2)}%`;
  for (const [, group] of groupBy(folderRuns, (run) => `${run.input}\u0000${methodCells(run)}`)) {
    group[0].pictures!.forEach((picture, index) => {
      const each = group.map((run) => run.pictures![index]);
      const ratios = each.map((scores) => scores.values.js64 / scores.floors.js64);
      const oos = each.map((scores) => scores.values.oos);
      const far = each.map((scores) => scores.values.farOos);
      const recall = each.map((scores) => scores.values.recall);
      lines.push(`| ${group[0].input} | ${methodCells(group[0])} | ${picture.name} | ${meanWorst(ratios, Math.max(...ratios), ratio)} | ` +
        `${meanWorst(oos, Math.max(...oos), share)} | ${meanWorst(far, Math.max(...far), share)} | ${meanWorst(recall, Math.min(...recall), share)} |`);
    });
  }
  return [...lines, ''];
}

/** The load averages the runs started at, lowest to highest. */
function loadRange(runs: readonly PictureRun[]): string {
  const loads = runs.map((run) => run.loadBefore);
  return loads.length === 0 ? '—' : `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`;
}

function everyRun(runs: readonly PictureRun[]): string[] {
  const lines = [
    '## Every run', '',
    `| input | model | recipe | seed | iterations | wall time | ${PICTURE_FIGURES.map((name) => LABELS[name]).join(' | ')} | engine | load |`,
    `| --- | --- | --- | --- | --- | --- | ${PICTURE_FIGURES.map(() => '---').join(' | ')} | --- | --- |`,
  ];
  for (const run of runs) {
    lines.push(`| ${run.input} | ${methodCells(run)} | ${run.seed} | ${run.iterations} | ${run.processSeconds.toFixed(1)} s | ` +
      `${PICTURE_FIGURES.map((name) => show(name, run.values[name])).join(' | ')} | ${run.engine} | ${run.loadBefore.toFixed(2)} |`);
  }
  return [...lines, ''];
}

export function renderPicturesReport(bench: PicturesBench, command: string, commit: string, gridLink: string | undefined, notes = ''): string {
  const { machine } = bench;
  return [
    '# Picture benchmark: every example, the GAN (--recipe quality and --recipe seed) and the flow',
    '',
    `Each input of examples/ (each picture plain, each folder as a conditional run) trained with \`gan2d train INPUT --recipe R --seed S\` ` +
      '(the flow: `gan2d train INPUT --model flow --seed S`, its recipe) ' +
      `as a user runs it, timed from spawn to exit (start-up, GIF and files included), then ${bench.points.toLocaleString('en')} generated points ` +
      'scored as `gan2d eval RUN --seed S` scores them, each figure beside the floor exact samples of the same size score. ' +
      `${bench.seeds} seed${bench.seeds === 1 ? '' : 's'} per input and method.`,
    '',
    'Regenerate (it overwrites this file and its picture):',
    '',
    '```sh',
    command,
    '```',
    '',
    `Measured ${bench.started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, gan2d ${commit}; ` +
      `engines ${[...new Set(bench.runs.map((run) => run.engine))].join(', ')}; one-minute load average at a run's start ${loadRange(bench.runs)}.`,
    '',
    ...(notes ? [notes, ''] : []),
    ...barSection(bench.runs.filter((run) => run.model === 'gan' && run.recipe === 'quality'), '## Against the bar (--recipe quality, every seed)'),
    ...barSection(bench.runs.filter((run) => run.model === 'flow'), '## The flow against its bar (issue 14, every seed)'),
    ...figuresSection(bench.runs),
    ...picturesSection(bench.runs),
    ...(gridLink ? [`![every run's final frame: target (left), generated points (right)](${gridLink})`, ''] : []),
    ...everyRun(bench.runs),
  ].join('\n');
}
