/**
 * What happens at each display interval of a run: the losses averaged since the last
 * one, a fresh snapshot scored against the target, a line in metrics.jsonl, a frame for
 * the animation, and (without a terminal) a plain progress line.
 */
import type { RunState } from '../../core/gan/checkpoint.js';
import { floorFields, type Evaluator, type MetricValues } from '../../core/model/evaluation.js';
import { emptyInterval, type Losses, type RunModel } from './run-model.js';
import type { Bounds } from '../../core/render/bounds.js';
import type { PlacedDensity } from '../../core/render/density-image.js';
import type { TrainingFrameData } from '../../core/render/frame.js';
import type { Animation } from './animation.js';
import type { MetricsLog, MetricsRecord } from './outputs.js';

/** The mixture figures' usual short names, for frame titles and progress lines. */
const SHORT_NAMES: Record<string, string> = { highQuality: 'HQ', reverseKL: 'rKL', farOos: 'far oos', modeSpread: 'spread' };

export const round = (value: number, digits = 6): number => Number(value.toPrecision(digits));

export interface DisplayParts {
  config: { iterations: number };
  runModel: RunModel;
  evaluator: Evaluator;
  /** The figures' floors for the snapshot's size, added to every metrics line. */
  floors: MetricValues;
  metrics: MetricsLog;
  animation: Animation;
  /** What every frame shares. */
  frame: { bounds: Bounds; realDensity?: PlacedDensity; conditionCount: number };
  /** A plain line per display interval when there is no terminal; null on one. */
  plainLine: ((line: string) => void) | null;
}

export class DisplayLog {
  lastFrame: TrainingFrameData | null = null;
  lastRecord: MetricsRecord | undefined;

  /** `state` is the run's checkpointed state: its interval sums and frame count are kept here. */
  constructor(private readonly parts: DisplayParts, private readonly state: RunState) {
    const { records } = parts.metrics;
    this.lastRecord = records[records.length - 1];
  }

  add(losses: Losses): void {
    const { interval } = this.state;
    interval.count++;
    for (const name of this.parts.runModel.lossNames) interval[name] += losses[name];
  }

  show(iteration: number): void {
    const { config, runModel, evaluator, floors, metrics, animation, frame, plainLine } = this.parts;
    const { interval } = this.state;
    const n = Math.max(1, interval.count);
    const averaged: Record<string, number> = {};
    for (const name of runModel.lossNames) averaged[name] = interval[name] / n;
    this.state.interval = emptyInterval(runModel.lossNames);

    const snapshot = runModel.model.snapshot();
    const scores = evaluator.evaluate(snapshot.fake, snapshot.rowsPerCondition);
    const record = { iteration } as MetricsRecord;
    for (const [name, value] of Object.entries({ ...runModel.record(averaged), ...scores, ...floorFields(floors) })) record[name] = round(value);
    metrics.append(record);
    this.lastRecord = record;

    const shown: Record<string, number> = {};
    for (const name of Object.keys(scores)) shown[SHORT_NAMES[name] ?? name] = scores[name];
    this.lastFrame = {
      real: snapshot.real,
      fake: snapshot.fake,
      ...(frame.conditionCount > 0
        ? { realConditions: snapshot.realConditions, fakeConditions: snapshot.fakeConditions, conditionCount: frame.conditionCount }
        : {}),
      ...(frame.realDensity ? { realDensity: frame.realDensity } : {}),
      bounds: frame.bounds,
      iteration,
      losses: runModel.frameLosses(averaged),
      metrics: shown,
    };
    animation.addFrame(this.lastFrame);
    this.state.frames++;
    if (plainLine) {
      const figures = Object.entries(shown).map(([name, value]) => `${name} ${round(value, 3)}`).join(' ');
      plainLine(`iteration ${iteration}/${config.iterations} ${runModel.line(averaged)} ${figures}`);
    }
  }
}
