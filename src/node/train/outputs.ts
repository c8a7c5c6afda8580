/**
 * The text files a training run leaves: metrics.jsonl (a line per display interval),
 * summary.json; and the loss history losses.png is drawn from.
 */
import { readFileSync } from 'node:fs';
import type { TrainingCurves } from '../../core/render/line-plot.js';
import { appendWhole, writeFileAtomic } from '../files.js';

/** One line of metrics.jsonl. */
export interface MetricsRecord {
  iteration: number;
  /** Losses averaged over the iterations since the previous line: a GAN's dReal, dFake, g; a flow's flow. */
  dReal?: number;
  dFake?: number;
  g?: number;
  flow?: number;
  /** The WGAN-GP / R1 penalty, when the run has one. */
  penalty?: number;
  /** js64, oos and their floors for pictures; modes, highQuality, reverseKL, modeSpread for mixtures. */
  [metric: string]: number | undefined;
}

/** The lines of an existing metrics.jsonl up to an iteration (a resumed run drops what came after its checkpoint). */
export function readMetricsUpTo(path: string, iteration: number): MetricsRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const records: MetricsRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as MetricsRecord;
      if (typeof record.iteration === 'number' && record.iteration <= iteration) records.push(record);
    } catch {
      // A line cut short by a crash: everything up to the checkpoint was written before it.
    }
  }
  return records;
}

/**
 * metrics.jsonl: rewritten whole once at the start (atomically), then one complete line
 * appended per display (a line that cannot be written whole, on a full disk, is cut off again).
 */
export class MetricsLog {
  readonly records: MetricsRecord[];
  private size: number;

  constructor(readonly path: string, earlier: MetricsRecord[] = []) {
    this.records = [...earlier];
    const text = earlier.map((record) => JSON.stringify(record) + '\n').join('');
    writeFileAtomic(path, text);
    this.size = Buffer.byteLength(text);
  }

  append(record: MetricsRecord): void {
    this.size = appendWhole(this.path, this.size, JSON.stringify(record) + '\n');
    this.records.push(record);
  }

  /** losses.png's data: the losses, then the quality metrics with their floors. */
  curves(): TrainingCurves {
    const records = this.records;
    const column = (name: string): number[] => records.map((r) => r[name] ?? NaN);
    const iterations = column('iteration');
    const series = [];
    for (const [name, label] of [['js64', 'js64'], ['oos', 'oos'], ['farOos', 'far oos'], ['reverseKL', 'reverse KL'], ['highQuality', 'high quality'], ['modeSpread', 'mode spread (σ)']]) {
      if (records.length === 0 || records[0][name] === undefined) continue;
      const floor = records[0][`${name}Floor`];
      series.push({ label, x: iterations, y: column(name), ...(floor === undefined ? {} : { floor }) });
    }
    const losses = records.length > 0 && records[0].flow !== undefined
      ? { flow: column('flow') }
      : { dReal: column('dReal'), dFake: column('dFake'), g: column('g') };
    return {
      iterations,
      ...losses,
      ...(series.length > 0 ? { metrics: { title: 'quality against the target (dotted: floor of exact samples)', series } } : {}),
    };
  }
}

/** The condition of each of the rows given condition by condition. */
export function conditionLabels(rowsPerCondition: readonly number[]): number[] {
  return rowsPerCondition.flatMap((count, condition) => new Array<number>(count).fill(condition));
}

export function writeJson(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}
