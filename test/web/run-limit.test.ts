// When a page run stops by itself (web/run-limit.ts), for either model's session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunLimit } from '../../src/web/run-limit.js';

test('the limit stops the run at its iteration; Play goes on past it; the same limit again does not bring it back', () => {
  const limit = new RunLimit(3);
  assert.equal(limit.mayIterate(2), true);
  assert.equal(limit.mayIterate(3), false);
  assert.match(limit.stopped ?? '', /^Stopped at iteration 3: the “Stop after” limit/);
  assert.equal(limit.resume(3), true);
  assert.equal(limit.stopped, null);
  assert.equal(limit.mayIterate(10), true);
  limit.setStopAfter(3, 10);
  assert.equal(limit.mayIterate(11), true, 'the limit Play went past stays gone');
  limit.setStopAfter(12, 11);
  assert.equal(limit.mayIterate(12), false);
  limit.setStopAfter(20, 12);
  assert.equal(limit.stopped, null, 'a later limit lifts the stop');
});

test('a loss that is not finite stops it for good; a step goes past the limit only', () => {
  const limit = new RunLimit(null);
  limit.checkLosses([0.5, 1], 4);
  assert.equal(limit.stopped, null);
  limit.checkLosses([0.5, Number.NaN], 5);
  assert.match(limit.stopped ?? '', /A loss is not finite at iteration 5/);
  assert.equal(limit.brokenByLoss, true);
  limit.stepPastLimit();
  assert.notEqual(limit.stopped, null);
  assert.equal(limit.resume(5), false);
  assert.equal(limit.mayIterate(5), false);
  const atLimit = new RunLimit(1);
  atLimit.mayIterate(1);
  atLimit.stepPastLimit();
  assert.equal(atLimit.stopped, null);
});
