/**
 * The flow's time slider under the view: the time t in [0, 1] its points are shown at (0: the
 * noise, 1: the samples) and its velocity field is taken at, and a button that plays the
 * transport from t = 0 to 1. The slider only says which t; the view and the worker follow it.
 */

/** How long playing the transport from t = 0 to 1 takes. */
const TRANSPORT_MS = 2500;

export interface FlowTime {
  readonly time: number;
  /** Sets t without telling the listener (e.g. back to 1 for a new run). */
  set(time: number): void;
  onChange(listener: (time: number) => void): void;
}

export function bindFlowTime(range: HTMLInputElement, output: HTMLOutputElement, play: HTMLButtonElement): FlowTime {
  let time = Number(range.value);
  const listeners: ((time: number) => void)[] = [];
  let playing: number | null = null;

  const show = (): void => {
    range.value = String(time);
    output.value = time.toFixed(2);
    range.setAttribute('aria-valuetext', `t = ${time.toFixed(2)}`);
  };
  const change = (next: number): void => {
    time = Math.min(1, Math.max(0, next));
    show();
    for (const listener of listeners) listener(time);
  };
  const stop = (): void => {
    if (playing !== null) cancelAnimationFrame(playing);
    playing = null;
    play.setAttribute('aria-pressed', 'false');
  };

  range.addEventListener('input', () => {
    stop();
    change(Number(range.value));
  });
  play.addEventListener('click', () => {
    if (playing !== null) {
      stop();
      return;
    }
    const began = performance.now();
    play.setAttribute('aria-pressed', 'true');
    const frame = (now: number): void => {
      const t = (now - began) / TRANSPORT_MS;
      change(t);
      playing = t < 1 ? requestAnimationFrame(frame) : null;
      if (playing === null) stop();
    };
    change(0);
    playing = requestAnimationFrame(frame);
  });
  show();

  return {
    get time() {
      return time;
    },
    set(next) {
      stop();
      time = Math.min(1, Math.max(0, next));
      show();
    },
    onChange: (listener) => listeners.push(listener),
  };
}
