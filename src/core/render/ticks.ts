/** Axis ticks at round numbers, and the short number formats the figures print. */

/** Round tick values (1, 2 or 5 times a power of ten apart) inside [min, max], about `count` of them and at least two. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || !(max > min)) return Number.isFinite(min) ? [min] : [];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  // Round the step to the nice value nearest on a log scale (thresholds at the geometric means).
  let step = (fraction >= Math.sqrt(50) ? 10 : fraction >= Math.sqrt(10) ? 5 : fraction >= Math.sqrt(2) ? 2 : 1) * power;
  let ticks = ticksWithStep(min, max, step);
  while (ticks.length < 2) {
    // Too coarse for a narrow range: step down 10 -> 5 -> 2 -> 1 -> 0.5 ...
    const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3));
    step = mantissa === 2 ? step / 2 : mantissa === 5 ? step * 0.4 : step / 2;
    ticks = ticksWithStep(min, max, step);
  }
  return ticks;
}

function ticksWithStep(min: number, max: number, step: number): number[] {
  // Tolerate float error at the ends, so 0..1 by 0.25 includes 1.
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(cleanFloat(i * step));
  return ticks;
}

/** Powers of ten inside [min, max] (min > 0); with 1, 2 and 5 multiples when the range spans under three decades. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return min > 0 ? [min] : [];
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const multiples = Math.log10(max / min) < 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let power = low; power <= high; power++) {
    for (const multiple of multiples) {
      const value = cleanFloat(multiple * 10 ** power);
      if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) ticks.push(value);
    }
  }
  return ticks;
}

/** A tick label: no float noise (0.30000000000000004 -> "0.3"), exponents for very large or small values. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(0).replace('e+', 'e');
  return String(cleanFloat(value)).replace('-', '−'); // a typographic minus, as in print
}

/**
 * A measured value in a title or legend: three significant digits, trailing zeros kept
 * so a title does not jitter from frame to frame; "–" when not a number.
 */
export function formatMeasurement(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '–' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2).replace('e+', 'e');
  if (magnitude >= 100) return value.toFixed(0);
  return value.toPrecision(3);
}

function cleanFloat(value: number): number {
  return Number(value.toPrecision(12));
}
