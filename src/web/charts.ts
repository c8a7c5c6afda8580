/**
 * The two charts beside the view, drawn with uPlot: the losses, and the quality figures
 * (js64 and out-of-support mass for pictures, with their floors; captured modes and the
 * share of high-quality samples for the ring and grid mixtures).
 */
import uPlot from 'uplot';
import { css, DISCRIMINATOR as DISCRIMINATOR_RGB, FLOW as FLOW_RGB, GENERATED as GENERATED_RGB, INK as INK_RGB } from '../core/render/colors.js';
import type { ModelName } from '../core/flow/config.js';
import { formatMeasurement } from '../core/render/ticks.js';
import { explainTerms } from './metric-terms.js';
import type { LossRecord, MetricsRecord } from './protocol.js';

const DISCRIMINATOR = css(DISCRIMINATOR_RGB);
const GENERATED = css(GENERATED_RGB);
const FLOW = css(FLOW_RGB);
const INK = css(INK_RGB);
/** Lighter than the renderer's MUTED_INK: second series and axes on the page's small charts. */
const MUTED = '#8a8a8a';

interface SeriesSpec {
  label: string;
  stroke: string;
  dash?: number[];
  scale?: string;
  width?: number;
  show?: boolean;
  /** How to print a value in the legend. */
  format?: (value: number) => string;
}

class SeriesChart {
  private readonly plot: uPlot;
  private readonly columns: number[][];
  private pending = false;

  /**
   * The chart in words, for screen readers (the container is an image with this label): what
   * it plots, and the last point's values, kept up to date as it redraws.
   */
  private describe(): void {
    const last = this.columns[0].length - 1;
    const values = last < 0 ? 'no points yet' : `at iteration ${Math.round(this.columns[0][last]).toLocaleString('en-US')}: ` +
      this.series.map((s, i) => `${s.label} ${Number.isNaN(this.columns[i + 1][last]) ? '–' : (s.format ?? formatMeasurement)(this.columns[i + 1][last])}`).join(', ');
    this.container.setAttribute('aria-label', `${this.title} over iterations, ${this.length.toLocaleString('en-US')} points; ${values}`);
  }

  constructor(private readonly container: HTMLElement, private readonly series: SeriesSpec[], axes: uPlot.Axis[], scales: uPlot.Scales, private readonly title: string) {
    container.setAttribute('role', 'img');
    this.columns = [[], ...series.map(() => [])];
    this.describe();
    const width = Math.max(200, container.clientWidth);
    this.plot = new uPlot({
      width,
      height: 170,
      scales: { x: { time: false }, ...scales },
      legend: { live: false },
      cursor: { drag: { x: true, y: false } },
      series: [
        { label: 'iteration', value: (_, v) => (v == null ? '–' : Math.round(v).toLocaleString('en-US')) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: s.width ?? 1.5,
          dash: s.dash,
          scale: s.scale ?? 'y',
          show: s.show ?? true,
          spanGaps: true,
          points: { show: false },
          value: (_: uPlot, v: number | null) => (v == null ? '–' : (s.format ?? formatMeasurement)(v)),
        })),
      ],
      axes,
    }, this.columns as uPlot.AlignedData, container);
    new ResizeObserver(() => {
      const next = Math.max(200, container.clientWidth);
      if (Math.abs(next - this.plot.width) > 1) this.plot.setSize({ width: next, height: 170 });
    }).observe(container);
  }

  /**
   * A point at x. At the last point's x (a single D or G step, which moves no iteration) it
   * updates that point: the values it brings replace the old ones, the missing keep theirs.
   */
  push(x: number, values: (number | null)[]): void {
    const last = this.columns[0].length - 1;
    if (last >= 0 && this.columns[0][last] === x) {
      values.forEach((value, i) => {
        if (value !== null && !Number.isNaN(value)) this.columns[i + 1][last] = value;
      });
    } else {
      this.columns[0].push(x);
      values.forEach((value, i) => this.columns[i + 1].push(value ?? NaN));
    }
    this.pending = true;
  }

  /** The last few points, x first then each series (NaN where missing), for the tests. */
  tail(count: number): number[][] {
    const from = Math.max(0, this.columns[0].length - count);
    return this.columns[0].slice(from).map((_, k) => this.columns.map((column) => column[from + k]));
  }

  clear(): void {
    for (const column of this.columns) column.length = 0;
    this.pending = true;
  }

  /** Redraws at most once per animation frame, whatever arrived. */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.plot.setData(this.columns.map((column) => column.map((v) => (Number.isNaN(v) ? null : v))) as uPlot.AlignedData);
    this.describe();
  }

  get length(): number {
    return this.columns[0].length;
  }
}

const baseAxes = (yLabel: string): uPlot.Axis[] => [
  { stroke: MUTED, grid: { stroke: '#eeeeee' }, ticks: { stroke: '#dddddd' }, size: 30 },
  { stroke: MUTED, grid: { stroke: '#eeeeee' }, ticks: { stroke: '#dddddd' }, label: yLabel, labelSize: 14, size: 46 },
];

export interface Charts {
  addLosses(records: LossRecord[]): void;
  addMetrics(record: MetricsRecord): void;
  setFloors(values: Record<string, number>): void;
  /** A new run: empty charts, the loss chart for its model and the metrics chart for its kind of data. */
  reset(kind: 'picture' | 'mixture', model?: ModelName): void;
  flush(): void;
  /** Points plotted so far (tests watch these advance). */
  counts(): { losses: number; metrics: number };
  /** The loss chart's last points as [iteration, D real, D fake, G], or a flow's [iteration, flow] (tests read them). */
  lossPoints(): number[][];
}

export function createCharts(lossContainer: HTMLElement, metricsContainer: HTMLElement, metricsHelp: HTMLElement): Charts {
  function buildLosses(forModel: ModelName): SeriesChart {
    lossContainer.replaceChildren();
    if (forModel === 'flow') {
      return new SeriesChart(lossContainer, [{ label: 'flow matching', stroke: FLOW }], baseAxes('loss'), { y: { auto: true } },
        "The flow's loss: the mean squared error of its velocity against the straight paths' (x1 − x0)");
    }
    return new SeriesChart(lossContainer, [
      { label: 'D real', stroke: DISCRIMINATOR },
      { label: 'D fake', stroke: DISCRIMINATOR, dash: [5, 4] },
      { label: 'G', stroke: GENERATED },
    ], baseAxes('loss'), { y: { auto: true } }, "Losses of D (on real and on generated points) and of G");
  }
  let model: ModelName = 'gan';
  let losses = buildLosses(model);

  let kind: 'picture' | 'mixture' | null = null;
  let metrics: SeriesChart | null = null;
  let floors: Record<string, number> = {};

  function buildMetrics(forKind: 'picture' | 'mixture'): SeriesChart {
    metricsContainer.replaceChildren();
    if (forKind === 'picture') {
      explainTerms(metricsHelp, ['js64', 'oos', 'far oos', 'floor'], '(hover or focus each for what it means). Lower is better; dotted: the floor.');
      return new SeriesChart(metricsContainer, [
        { label: 'js64', stroke: INK },
        { label: 'oos', stroke: MUTED, dash: [5, 4] },
        { label: 'far oos', stroke: MUTED, width: 1 },
        { label: 'js64 floor', stroke: INK, dash: [1, 3], width: 1 },
        { label: 'oos floor', stroke: MUTED, dash: [1, 3], width: 1 },
      ], baseAxes('js64, oos'), { y: { range: (_u, _min, max) => [0, Math.max(0.05, max * 1.1)] } }, 'Quality: js64, oos and far oos, lower is better');
    }
    explainTerms(metricsHelp, ['modes', 'HQ %', 'spread %', 'rKL'], '(hover or focus each for what it means), from 2,500 generated points.');
    const axes = baseAxes('modes');
    axes.push({ scale: '%', side: 1, stroke: MUTED, grid: { show: false }, label: 'HQ, spread %', labelSize: 14, size: 44 });
    return new SeriesChart(metricsContainer, [
      { label: 'modes', stroke: INK, format: (v) => v.toFixed(0) },
      { label: 'HQ %', stroke: MUTED, dash: [5, 4], scale: '%', format: (v) => `${v.toFixed(1)}%` },
      // The blobs' width as a share of the real ones': a GAN's HQ % stays high while its blobs shrink.
      { label: 'spread %', stroke: MUTED, width: 1, scale: '%', format: (v) => `${v.toFixed(0)}%` },
      { label: 'rKL', stroke: MUTED, dash: [1, 3], scale: 'kl', show: false },
    ], axes, {
      y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      '%': { range: (_u, _min, max) => [0, Math.max(100, max)] },
      kl: { auto: true },
    }, 'Quality: modes captured, share of high-quality points (HQ %), the blobs’ spread against the real ones’ (spread %) and reverse KL');
  }

  return {
    addLosses(records) {
      for (const r of records) losses.push(r.iteration, 'flow' in r ? [r.flow] : [r.dReal, r.dFake, r.g]);
    },
    addMetrics(record) {
      if (!metrics) return;
      const v = record.values;
      if (kind === 'picture') {
        metrics.push(record.iteration, [v.js64 ?? null, v.oos ?? null, v.farOos ?? null, floors.js64 ?? null, floors.oos ?? null]);
      } else {
        const percent = (share: number | undefined): number | null => (share === undefined || Number.isNaN(share) ? null : 100 * share);
        metrics.push(record.iteration, [v.modes ?? null, percent(v.highQuality), percent(v.modeSpread), v.reverseKL ?? null]);
      }
    },
    setFloors(values) {
      floors = values;
    },
    reset(nextKind, nextModel = 'gan') {
      if (nextModel !== model) {
        model = nextModel;
        losses = buildLosses(model);
      }
      losses.clear();
      floors = {};
      if (nextKind !== kind || !metrics) {
        kind = nextKind;
        metrics = buildMetrics(nextKind);
      } else {
        metrics.clear();
      }
    },
    flush() {
      losses.flush();
      metrics?.flush();
    },
    counts: () => ({ losses: losses.length, metrics: metrics?.length ?? 0 }),
    lossPoints: () => losses.tail(5),
  };
}
