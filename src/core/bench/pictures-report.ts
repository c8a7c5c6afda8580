/**
 * `gan2d bench pictures`' report (docs/benchmarks-pictures.md): per input and recipe, each
 * figure's mean ± standard error over seeds beside exact samples' floor, whether the quality
 * recipe meets issue 12's bar on every seed, every run's line, and the grid of final frames.
 * A pure function of the results, so a test can read it.
 */
import { meanAndError, type MeanAndError } from './quality-report.js';
import type { RecipeName } from '../gan/presets.js';

/** The figures a picture run is scored on (docs/design.md, "Measuring quality"). */
export const PICTURE_FIGURES = ['js64', 'oos', 'farOos', 'slicedW1', 'precision', 'recall'] as const;
export type PictureFigure = (typeof PICTURE_FIGURES)[number];

export interface PictureRun {
  /** The input as `gan2d train` is given it: a picture, or a folder (conditional). */
  input: string;
  conditional: boolean;
  recipe: RecipeName;
  seed: number;
  iterations: number;
  /** Spawn to exit of `gan2d train`, start-up, GIF and files included. */
  processSeconds: number;
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

/** Each of the bar's checks for one run: name → met. */
export function barChecks(run: PictureRun): Record<string, boolean> {
  const { values, floors } = run;
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

function barSection(runs: readonly PictureRun[]): string[] {
  const quality = runs.filter((run) => run.recipe === 'quality');
  if (quality.length === 0) return [];
  const lines = ['## Against the bar (--recipe quality, every seed)', '', '| input | check | seeds meeting it |', '| --- | --- | --- |'];
  for (const [input, group] of groupBy(quality, (run) => run.input)) {
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
    `| input | recipe | seeds | ${PICTURE_FIGURES.map((name) => `${LABELS[name]} | floor`).join(' | ')} | js64 / floor | iterations | wall time |`,
    `| --- | --- | --- | ${PICTURE_FIGURES.map(() => '--- | ---').join(' | ')} | --- | --- | --- |`,
  ];
  for (const [, group] of groupBy(runs, (run) => `${run.input}\u0000${run.recipe}`)) {
    const n = group.length;
    const cells = PICTURE_FIGURES.map((name) =>
      `${shown(name, meanAndError(group.map((run) => run.values[name])), n)} | ${show(name, meanAndError(group.map((run) => run.floors[name])).mean)}`);
    const ratio = meanAndError(group.map((run) => run.values.js64 / run.floors.js64));
    const iterations = meanAndError(group.map((run) => run.iterations));
    const seconds = meanAndError(group.map((run) => run.processSeconds));
    lines.push(`| ${group[0].input} | ${group[0].recipe} | ${n} | ${cells.join(' | ')} | ${ratio.mean.toFixed(1)}× | ${Math.round(iterations.mean)} | ${seconds.mean.toFixed(1)} s (max ${Math.max(...group.map((r) => r.processSeconds)).toFixed(1)} s) |`);
  }
  return [...lines, ''];
}

function everyRun(runs: readonly PictureRun[]): string[] {
  const lines = [
    '## Every run', '',
    `| input | recipe | seed | iterations | wall time | ${PICTURE_FIGURES.map((name) => LABELS[name]).join(' | ')} |`,
    `| --- | --- | --- | --- | --- | ${PICTURE_FIGURES.map(() => '---').join(' | ')} |`,
  ];
  for (const run of runs) {
    lines.push(`| ${run.input} | ${run.recipe} | ${run.seed} | ${run.iterations} | ${run.processSeconds.toFixed(1)} s | ${PICTURE_FIGURES.map((name) => show(name, run.values[name])).join(' | ')} |`);
  }
  return [...lines, ''];
}

export function renderPicturesReport(bench: PicturesBench, command: string, commit: string, gridLink: string | undefined, notes = ''): string {
  const { machine } = bench;
  return [
    '# Picture benchmark: every example, --recipe quality and --recipe seed',
    '',
    `Each input of examples/ (each picture plain, each folder as a conditional run) trained with \`gan2d train INPUT --recipe R --seed S\` ` +
      `as a user runs it, timed from spawn to exit (start-up, GIF and files included), then ${bench.points.toLocaleString('en')} generated points ` +
      'scored as `gan2d eval RUN --seed S` scores them, each figure beside the floor exact samples of the same size score. ' +
      `${bench.seeds} seed${bench.seeds === 1 ? '' : 's'} per input and recipe.`,
    '',
    'Regenerate (it overwrites this file and its picture):',
    '',
    '```sh',
    command,
    '```',
    '',
    `Measured ${bench.started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, gan2d ${commit}.`,
    '',
    ...(notes ? [notes, ''] : []),
    ...barSection(bench.runs),
    ...figuresSection(bench.runs),
    ...(gridLink ? [`![every run's final frame: target (left), generated points (right)](${gridLink})`, ''] : []),
    ...everyRun(bench.runs),
  ].join('\n');
}
