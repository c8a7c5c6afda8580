/**
 * The staged step: one iteration shown in its two halves, as GAN Lab shows it. First D's
 * half (its surface changes), then G's half (the generated points move along D's gradient).
 * Each half reports what it changed, measured on the points the view shows, so the caption
 * can say it in words. Runs inside the training worker on the trainer's own halves
 * (core/gan/trainer.ts): a staged iteration equals an ordinary one bit for bit.
 */
import type { StepLosses, Trainer } from '../core/gan/trainer.js';
import type { StageReport } from './protocol.js';
import { discriminatorAt, discriminatorGradients, generateFrom, type ProbeNetworks } from './view-probes.js';

export interface StageView {
  probes: ProbeNetworks;
  /** G's input for the shown generated points, and their conditions (null: a plain GAN). */
  displayInput: Float32Array;
  displayConditions: Uint8Array | null;
  /** The shown real points, and their conditions. */
  real: Float32Array;
  realConditions: Uint8Array | null;
  /** Turns D's raw output into what the view shows (a probability, or the raw score). */
  squash: (value: number) => number;
  probability: boolean;
  /** Arrows go on every stride-th generated point, as in the frames. */
  gradientStride: number;
  /** The view's width in data units. */
  width: number;
}

function mean(values: Float32Array, squash: (value: number) => number): number {
  let sum = 0;
  for (const value of values) sum += squash(value);
  return values.length > 0 ? sum / values.length : NaN;
}

/** Every stride-th point (interleaved x, y) and its condition. */
export function everyNth(points: Float32Array, conditions: Uint8Array | null, stride: number): { points: Float32Array; conditions: Uint8Array | null } {
  const count = Math.ceil(points.length / 2 / stride);
  const picked = new Float32Array(2 * count);
  const pickedConditions = conditions ? new Uint8Array(count) : null;
  for (let k = 0; k < count; k++) {
    picked[2 * k] = points[2 * k * stride];
    picked[2 * k + 1] = points[2 * k * stride + 1];
    if (pickedConditions && conditions) pickedConditions[k] = conditions[k * stride];
  }
  return { points: picked, conditions: pickedConditions };
}

export class StagedIteration {
  /** D's half ran; G's half completes the iteration. */
  private halfway = false;
  private dLosses: StepLosses | null = null;

  constructor(private readonly trainer: Trainer, private readonly view: StageView) {}

  /** Whether an iteration is half done (D's half ran, G's not yet). */
  get pending(): boolean {
    return this.halfway;
  }

  private verdicts(generated: Float32Array): { real: number; generated: number } {
    const { probes, real, realConditions, displayConditions, squash } = this.view;
    return {
      real: mean(discriminatorAt(probes, real, realConditions), squash),
      generated: mean(discriminatorAt(probes, generated, displayConditions), squash),
    };
  }

  /**
   * The next half: D's, or G's when D's ran. Returns its report, and, for G's half, the
   * whole iteration's losses (D's from the first half) for the charts.
   */
  next(): { report: StageReport; completed: StepLosses | null } {
    const { probes, displayInput } = this.view;
    const generated = generateFrom(probes, displayInput);
    const before = this.verdicts(generated);
    if (!this.halfway) {
      const losses = this.trainer.stepDiscriminatorHalf();
      const after = this.verdicts(generated);
      this.halfway = true;
      this.dLosses = losses;
      return { report: this.report('d', before, after, losses, null, null, 0), completed: null };
    }
    return this.finish(generated, before);
  }

  /** G's half of a half-done iteration (Play or Step after D's half), with its report. */
  finish(generated = generateFrom(this.view.probes, this.view.displayInput), before = this.verdicts(generated)): { report: StageReport; completed: StepLosses } {
    const { probes, displayInput, displayConditions, gradientStride, width } = this.view;
    const arrows = everyNth(generated, displayConditions, gradientStride);
    const pushedBy = discriminatorGradients(probes, arrows.points, arrows.conditions);
    const losses = this.trainer.stepGeneratorHalf();
    const moved = generateFrom(probes, displayInput);
    const after = this.verdicts(moved);
    let distance = 0;
    for (let i = 0; i + 1 < moved.length; i += 2) distance += Math.hypot(moved[i] - generated[i], moved[i + 1] - generated[i + 1]);
    const meanMove = moved.length > 0 ? distance / (moved.length / 2) / width : 0;
    const d = this.dLosses ?? { dReal: NaN, dFake: NaN, g: NaN, penalty: 0 };
    this.halfway = false;
    this.dLosses = null;
    return {
      report: this.report('g', before, after, losses, generated, pushedBy, meanMove),
      completed: { dReal: d.dReal, dFake: d.dFake, g: losses.g, penalty: d.penalty },
    };
  }

  private report(
    part: 'd' | 'g', before: { real: number; generated: number }, after: { real: number; generated: number }, losses: StepLosses,
    positions: Float32Array | null, pushedBy: Float32Array | null, meanMove: number,
  ): StageReport {
    return {
      part,
      // D's half belongs to the iteration to come; G's half has just counted it.
      iteration: part === 'd' ? this.trainer.iteration + 1 : this.trainer.iteration,
      real: { before: before.real, after: after.real },
      generated: { before: before.generated, after: after.generated },
      probability: this.view.probability,
      losses: { dReal: losses.dReal, dFake: losses.dFake, g: losses.g },
      before: positions,
      pushedBy,
      meanMove,
    };
  }
}
