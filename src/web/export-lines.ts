/**
 * The exported figure's lines under its title, as the CLI's frames give them: the last
 * losses, then the last quality figures (pictures: js64, oos, far oos; mixtures: modes, HQ).
 */
import type { ModelName } from '../core/flow/config.js';
import { formatMeasurement } from '../core/render/ticks.js';

/**
 * `losses`: the loss chart's last point, [iteration, D real, D fake, G] for a GAN, [iteration,
 * flow] for a flow (`model`); `scores`: the last quality figures, or null.
 */
export function exportLines(
  losses: readonly number[] | undefined, scores: Readonly<Record<string, number>> | null, kind: 'picture' | 'mixture', model: ModelName = 'gan',
): string[] {
  const value = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : formatMeasurement(v));
  const lossLine = model === 'flow'
    ? (point: readonly number[]) => `loss: flow matching ${value(point[1])}`
    : (point: readonly number[]) => `losses: D real ${value(point[1])}, D fake ${value(point[2])}, G ${value(point[3])}`;
  const lines = [losses ? lossLine(losses) : model === 'flow' ? 'loss: none yet' : 'losses: none yet'];
  if (!scores) lines.push('quality: not measured yet');
  else if (kind === 'mixture') lines.push(`modes ${scores.modes ?? '–'} · high quality ${scores.highQuality === undefined ? '–' : `${(100 * scores.highQuality).toFixed(1)}%`}`);
  else lines.push(`js64 ${value(scores.js64)} · oos ${scores.oos === undefined ? '–' : `${(100 * scores.oos).toFixed(1)}%`} · far oos ${scores.farOos === undefined ? '–' : `${(100 * scores.farOos).toFixed(1)}%`}`);
  return lines;
}
