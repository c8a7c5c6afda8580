/**
 * How fast the page trains while playing: as fast as it can, a number of iterations per
 * frame (tied to the frame rate, about 36 a second at most), or a number of iterations per
 * second, down to one, slow enough to watch each iteration. The speed menu's values name them.
 */
export type Pace =
  | { kind: 'fastest' }
  | { kind: 'per-frame'; iterations: number }
  | { kind: 'per-second'; iterations: number };

/** The speed menu, fastest first: value (as parsePace reads it) and label. */
export const PACE_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'fastest', label: 'as fast as possible' },
  { value: 'frame:20', label: '20 iterations a frame' },
  { value: 'frame:5', label: '5 iterations a frame' },
  { value: 'frame:1', label: '1 iteration a frame' },
  { value: 'second:10', label: '10 iterations a second' },
  { value: 'second:3', label: '3 iterations a second' },
  { value: 'second:1', label: '1 iteration a second' },
];

export const DEFAULT_PACE = 'fastest';

/** A speed menu value as a pace; anything else is the default (as fast as possible). */
export function parsePace(value: string): Pace {
  const match = /^(frame|second):(\d+)$/.exec(value);
  const iterations = match ? Number(match[2]) : 0;
  if (!match || iterations < 1) return { kind: 'fastest' };
  return { kind: match[1] === 'frame' ? 'per-frame' : 'per-second', iterations };
}

/**
 * Per-second pacing: when the next iteration is due, given when the last one ran (null: none
 * since Play). Counted from the last one's actual time, so time lost (a pause, a busy
 * machine) is never caught up in a burst: a slow pace stays slow.
 */
export function nextIterationDue(iterationsPerSecond: number, lastAt: number | null, now: number): number {
  return lastAt === null ? now : lastAt + 1000 / iterationsPerSecond;
}
