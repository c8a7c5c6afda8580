/**
 * Progress of a long job on the terminal.
 *
 * On a TTY: one line redrawn in place (carriage return + clear-to-end-of-line), at most
 * about ten times a second: label, percentage, bar, done/total, rate, ETA and the
 * caller's extra text (e.g. the current losses), cut to the terminal's width.
 * Elsewhere (CI logs, files, pipes): plain lines, never a carriage return or an escape
 * code — one each time another tenth of the job is done (`plainLines`), plus any the
 * caller writes with `log`.
 *
 * Hand-written rather than cli-progress: the non-TTY mode here is driven by the job's
 * progress, not a timer, and the whole thing is a pure function of (done, total, time)
 * that tests can drive with a fake clock and stream.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  total: number;
  label?: string;
  stream?: ProgressStream;
  /** Overrides the stream's own isTTY (tests, or --no-progress-bar). */
  tty?: boolean;
  /** Plain lines written over the whole job when not on a TTY (default 10: one every 10 %). 0 writes none. */
  plainLines?: number;
  /** Milliseconds between redraws on a TTY (default 100). */
  redrawMs?: number;
  /** The clock, in milliseconds (tests pass a fake one). */
  now?: () => number;
}

export interface Progress {
  /** `done` items of `total` are finished; `extra` is shown after the numbers. */
  update(done: number, extra?: string): void;
  /** A line of its own (e.g. a metric report), kept above the bar on a TTY. */
  log(line: string): void;
  /** Draws the bar at its final state and ends it with `summary` on its own line. */
  finish(summary?: string): void;
}

const BAR_WIDTH = 24;
const RATE_WINDOW_MS = 5000;

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  const now = options.now ?? (() => performance.now());
  const total = Math.max(0, options.total);
  const label = options.label ?? '';
  const plainLines = options.plainLines ?? 10;
  const redrawMs = options.redrawMs ?? 100;
  const start = now();
  // Recent (time, done) samples: the rate is measured over the last few seconds, so a slow start fades out.
  const samples: { time: number; done: number }[] = [{ time: start, done: 0 }];
  let lastDraw = -Infinity;
  let lastPlainStep = 0;
  let barShown = false;
  let finished = false;
  let lastDone = 0;
  let lastExtra = '';

  const rate = (time: number, done: number): number => {
    while (samples.length > 1 && time - samples[1].time >= RATE_WINDOW_MS) samples.shift();
    const first = samples[0];
    const seconds = (time - first.time) / 1000;
    return seconds > 0 ? (done - first.done) / seconds : 0;
  };

  const describe = (done: number, extra: string, time: number, withBar: boolean): string => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const perSecond = rate(time, done);
    const remaining = perSecond > 0 ? (total - done) / perSecond : NaN;
    const parts = [
      label,
      `${Math.floor(fraction * 100).toString().padStart(3)}%`,
      withBar ? bar(fraction) : '',
      `${done}/${total}`,
      `${formatRate(perSecond)} it/s`,
      done >= total ? `${formatDuration((time - start) / 1000)} elapsed` : `ETA ${formatDuration(remaining)}`,
      extra,
    ];
    return parts.filter((part) => part !== '').join(' ');
  };

  const drawBar = (time: number): void => {
    const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : 120;
    stream.write(`\r${describe(lastDone, lastExtra, time, true).slice(0, width)}\x1b[K`);
    barShown = true;
    lastDraw = time;
  };

  return {
    update(done: number, extra = ''): void {
      if (finished) return;
      lastDone = done;
      lastExtra = extra;
      const time = now();
      // A sample every 50 ms at most keeps the window short however often update is called.
      if (time - samples[samples.length - 1].time >= 50) samples.push({ time, done });
      if (tty) {
        if (time - lastDraw >= redrawMs || done >= total) drawBar(time);
        return;
      }
      if (plainLines <= 0 || total <= 0) return;
      const step = Math.floor((Math.min(done, total) / total) * plainLines);
      if (step > lastPlainStep) {
        lastPlainStep = step;
        stream.write(`${describe(done, extra, time, false)}\n`);
      }
    },

    log(line: string): void {
      if (tty && barShown) {
        stream.write(`\r\x1b[K${line}\n`);
        drawBar(now());
      } else {
        stream.write(`${line}\n`);
      }
    },

    finish(summary?: string): void {
      if (finished) return;
      finished = true;
      const time = now();
      if (tty) {
        drawBar(time);
        stream.write('\n');
      } else if (plainLines > 0 && lastPlainStep < plainLines && lastDone > 0) {
        // The job ended before its last tenth was reported (stopped early, or total was an estimate).
        stream.write(`${describe(lastDone, lastExtra, time, false)}\n`);
      }
      if (summary) stream.write(`${summary}\n`);
    },
  };
}

function bar(fraction: number): string {
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

function formatRate(perSecond: number): string {
  if (!(perSecond > 0)) return '–';
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

/** 0:07, 2:05, 1:02:03; "–" while unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const two = (value: number): string => value.toString().padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(secs)}` : `${minutes}:${two(secs)}`;
}
