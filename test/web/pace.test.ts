import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PACE, nextIterationDue, PACE_CHOICES, parsePace } from '../../src/web/pace.js';

test('the speed menu reads as paces, down to one iteration a second', () => {
  assert.deepEqual(parsePace('fastest'), { kind: 'fastest' });
  assert.deepEqual(parsePace('frame:20'), { kind: 'per-frame', iterations: 20 });
  assert.deepEqual(parsePace('second:1'), { kind: 'per-second', iterations: 1 });
  for (const odd of ['', 'second:0', 'second:-1', 'minute:1', 'frame:x']) assert.deepEqual(parsePace(odd), { kind: 'fastest' }, odd);
  const paces = PACE_CHOICES.map((choice) => parsePace(choice.value));
  assert.deepEqual(paces.at(-1), { kind: 'per-second', iterations: 1 }, 'the slowest is one a second');
  assert.equal(PACE_CHOICES.filter((choice) => choice.value === DEFAULT_PACE).length, 1);
  assert.ok(PACE_CHOICES.every((choice) => choice.value === 'fastest' || parsePace(choice.value).kind !== 'fastest'), 'every choice parses');
});

test('at a per-second pace the next iteration is due one interval after the last, never in a burst', () => {
  assert.equal(nextIterationDue(1, null, 5000), 5000, 'the first at once');
  assert.equal(nextIterationDue(1, 5000, 5100), 6000);
  assert.equal(nextIterationDue(4, 5000, 5100), 5250);
  // Long after (a busy machine): due at once, and the next counts from when it actually ran.
  assert.equal(nextIterationDue(1, 5000, 60_000), 6000);
});
