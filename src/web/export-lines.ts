/**
 * The exported figure's lines under its title, as the CLI's frames give them: the last
 * losses, then the last quality figures (pictures: js64, oos, far oos; mixtures: modes, HQ).
 */
import { formatMeasurement } from '../core/render/ticks.js';

/** `losses`: the loss chart's last point, [iteration, D real, D fake, G]; `scores`: the last quality figures, or null. */
export function exportLines(losses: readonly number[] | undefined, scores: Readonly<Record<string, number>> | null, kind: 'picture' | 'mixture'): string[] {
  const value = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : formatMeasurement(v));
  const lines = [losses ? `losses: D real ${value(losses[1])}, D fake ${value(losses[2])}, G ${value(losses[3])}` : 'losses: none yet'];
  if (!scores) lines.push('quality: not measured yet');
  else if (kind === 'mixture') lines.push(`modes ${scores.modes ?? '–'} · high quality ${scores.highQuality === undefined ? '–' : `${(100 * scores.highQuality).toFixed(1)}%`}`);
  else lines.push(`js64 ${value(scores.js64)} · oos ${scores.oos === undefined ? '–' : `${(100 * scores.oos).toFixed(1)}%`} · far oos ${scores.farOos === undefined ? '–' : `${(100 * scores.farOos).toFixed(1)}%`}`);
  return lines;
}
