import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress, formatDuration, type ProgressStream } from '../../src/node/progress.js';

function fakeStream(isTTY: boolean): ProgressStream & { text: string } {
  return { text: '', isTTY, columns: 100, write(chunk: string) { this.text += chunk; return true; } };
}

test('not on a TTY: plain lines at each tenth, no carriage return or escape code', () => {
  const stream = fakeStream(false);
  let clock = 0;
  const progress = createProgress({ total: 2000, label: 'train', stream, now: () => clock });
  for (let done = 1; done <= 2000; done++) {
    clock += 5; // 200 it/s
    progress.update(done, `D 0.61 G 0.80`);
    if (done === 1000) progress.log('iteration 1000: js64 0.031');
  }
  progress.finish('done in 10.0 s');
  assert.ok(!stream.text.includes('\r') && !stream.text.includes('\x1b'));
  const lines = stream.text.trimEnd().split('\n');
  assert.equal(lines.length, 12, 'ten progress lines, one log line, the summary');
  assert.match(lines[0], /^train  10% 200\/2000 200 it\/s ETA 0:09 D 0\.61 G 0\.80$/);
  assert.ok(lines.includes('iteration 1000: js64 0.031'));
  assert.match(lines[10], /100% 2000\/2000 200 it\/s 0:10 elapsed/);
  assert.equal(lines[11], 'done in 10.0 s');
});

test('on a TTY: one line redrawn in place with bar, rate and ETA, throttled', () => {
  const stream = fakeStream(true);
  let clock = 0;
  const progress = createProgress({ total: 1000, label: 'train', stream, now: () => clock });
  for (let done = 1; done <= 500; done++) {
    clock += 2; // 500 it/s, an update every 2 ms
    progress.update(done, 'G 0.8');
  }
  const redraws = stream.text.split('\r').length - 1;
  assert.equal(redraws, 10, 'ten redraws in one second of updates every 2 ms');
  assert.ok(!stream.text.includes('\n'), 'no new line while running');
  const last = stream.text.slice(stream.text.lastIndexOf('\r') + 1);
  assert.match(last, /^train  45% \[#{11}-{13}\] 451\/1000 500 it\/s ETA 0:01 G 0\.8\x1b\[K$/);
  progress.log('a note');
  assert.ok(stream.text.includes('\r\x1b[Ka note\n'), 'a log line clears the bar and is printed on its own');
  progress.finish('finished');
  assert.ok(stream.text.endsWith('\nfinished\n'));
});

test('the rate follows recent speed; durations format as m:ss', () => {
  const stream = fakeStream(true);
  let clock = 0;
  const progress = createProgress({ total: 10000, stream, now: () => clock });
  // Slow for 10 s (10 it/s), then fast (1000 it/s) for 6 s: the shown rate is the recent one.
  let done = 0;
  for (; clock < 10000; clock += 100) progress.update((done += 1));
  for (; clock < 16000; clock += 100) progress.update((done += 100));
  const last = stream.text.slice(stream.text.lastIndexOf('\r') + 1);
  assert.match(last, / 1000 it\/s /);
  assert.equal(formatDuration(7), '0:07');
  assert.equal(formatDuration(3723), '1:02:03');
  assert.equal(formatDuration(NaN), '–');
});
