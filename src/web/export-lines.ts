/**
 * The exported figure's lines under its title, as the CLI's frames give them: the last
 * losses, then the last quality figures (pictures: js64, oos, far oos; mixtures: modes, HQ and
 * the blobs' spread against the real ones').
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
  const percent = (v: number | undefined, digits = 1): string => (v === undefined || Number.isNaN(v) ? '–' : `${(100 * v).toFixed(digits)}%`);
  const lines = [losses ? lossLine(losses) : model === 'flow' ? 'loss: none yet' : 'losses: none yet'];
  if (!scores) lines.push('quality: not measured yet');
  else if (kind === 'mixture') lines.push(`modes ${scores.modes ?? '–'} · high quality ${percent(scores.highQuality)} · spread ${percent(scores.modeSpread, 0)}`);
  else lines.push(`js64 ${value(scores.js64)} · oos ${percent(scores.oos)} · far oos ${percent(scores.farOos)}`);
  return lines;
}
