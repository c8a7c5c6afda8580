// --lr-decay: both learning rates constant, then linearly to 0 over the last fraction of the
// run. The factor at given iterations by hand, the rates the trainer's optimizers step with,
// and resume bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTarget } from '../../../src/core/density/builtins.js';
import { parseCheckpoint } from '../../../src/core/gan/checkpoint.js';
import { resolveTrainConfig } from '../../../src/core/gan/config.js';
import { learningRateFactor, openBandsAt, planRunLength, RecentPace, TIME_PLAN_MARGIN } from '../../../src/core/model/schedule.js';
import { createTrainer } from '../../../src/core/gan/trainer.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';

test('the factor: 1, then falling linearly to 0 over the last fraction of the iterations', () => {
  // 100 iterations, the last quarter decays: iterations 1–75 at full rate, then 24/25, 23/25, ..., 1/25.
  assert.equal(learningRateFactor(0, 100, 0.25), 1);
  assert.equal(learningRateFactor(75, 100, 0.25), 1, 'the 76th iteration still has 25 to go');
  assert.equal(learningRateFactor(76, 100, 0.25), 24 / 25);
  assert.equal(learningRateFactor(99, 100, 0.25), 1 / 25, 'the last iteration');
  assert.equal(learningRateFactor(100, 100, 0.25), 0);
  assert.equal(learningRateFactor(150, 100, 0.25), 0, 'a run resumed past its end: no negative rates');
  assert.equal(learningRateFactor(50, 100, 1), 0.5, 'decaying over the whole run');
  assert.equal(learningRateFactor(99, 100, 0), 1, '0: constant rates');
});

function ringTrainer(options: Record<string, unknown>) {
  const config = resolveTrainConfig({ optimizer: 'adam', gLr: 0.002, dLr: 0.004, gHidden: [6], dHidden: [6], batchSize: 16, dSteps: 1, ...options });
  return createTrainer(createReferenceEngine(), config, builtinTarget('ring'));
}

test("each iteration's G and D steps use the scheduled rates", () => {
  // 4 iterations, the last half decays: factors 1, 1, 1, 1/2 (2 of 4 to go is still the full rate).
  const trainer = ringTrainer({ iterations: 4, lrDecay: 0.5 });
  const rates: number[][] = [];
  for (let i = 0; i < 4; i++) {
    trainer.step();
    const { optimizers } = trainer.getCheckpoint();
    const lr = (state: unknown): number => (state as { hyperparameters: { lr: number } }).hyperparameters.lr;
    rates.push([lr(optimizers.generator), lr(optimizers.discriminator)]);
  }
  assert.deepEqual(rates, [[0.002, 0.004], [0.002, 0.004], [0.002, 0.004], [0.001, 0.002]]);
});

test('a run with a decaying rate resumes bit for bit', () => {
  const straight = ringTrainer({ iterations: 6, lrDecay: 0.5 });
  for (let i = 0; i < 6; i++) straight.step();
  const first = ringTrainer({ iterations: 6, lrDecay: 0.5 });
  for (let i = 0; i < 4; i++) first.step();
  const resumed = ringTrainer({ iterations: 6, lrDecay: 0.5 });
  resumed.restore(parseCheckpoint(JSON.parse(JSON.stringify(first.getCheckpoint()))));
  for (let i = 0; i < 2; i++) resumed.step();
  assert.equal(JSON.stringify(resumed.getCheckpoint()), JSON.stringify(straight.getCheckpoint()));
});

test('planRunLength: --iterations unless the time allows fewer; then fixed where the decay starts, within the margin', () => {
  const base = { iterations: 10_000, timeLimit: 2, fraction: 0.5, start: 0 };
  // No time limit, no decay, or no pace measured yet: nothing to plan.
  assert.deepEqual(planRunLength({ ...base, timeLimit: 0, completed: 50, elapsedSeconds: 1 }), { length: 10_000, fixed: false });
  assert.deepEqual(planRunLength({ ...base, fraction: 0, completed: 50, elapsedSeconds: 1 }), { length: 10_000, fixed: false });
  assert.deepEqual(planRunLength({ ...base, completed: 0, elapsedSeconds: 0.5 }), { length: 10_000, fixed: false });
  // 100 iterations a second: at 95 iterations (0.95 s) the 1.05 s left allow 105 more, less the
  // margin 94.5: 189.5 in all, whose decay starts at 94.75. The length is fixed there, at 190.
  assert.deepEqual(planRunLength({ ...base, completed: 94, elapsedSeconds: 0.94 }), { length: 10_000, fixed: false });
  assert.deepEqual(planRunLength({ ...base, completed: 95, elapsedSeconds: 0.95 }), { length: 190, fixed: true });
  assert.equal(95 + 100 * 1.05 * TIME_PLAN_MARGIN, 189.5);
  // A run that has sped up (a slow start): its recent pace, not its average, predicts the rest.
  assert.deepEqual(planRunLength({ ...base, completed: 95, elapsedSeconds: 0.95, pace: 200 }), { length: 10_000, fixed: false });
  // 100 a second for 0.5 s, then 200: at 166 iterations (1.08 s) 165.6 more are planned; fixed at 332.
  assert.deepEqual(planRunLength({ ...base, completed: 165, elapsedSeconds: 1.075, pace: 200 }), { length: 10_000, fixed: false });
  assert.deepEqual(planRunLength({ ...base, completed: 166, elapsedSeconds: 1.08, pace: 200 }), { length: 332, fixed: true });
  // A fast machine: the time allows more than --iterations, which stay the plan.
  assert.deepEqual(planRunLength({ ...base, completed: 9000, elapsedSeconds: 1 }), { length: 10_000, fixed: false });
  // A resumed session counts its own pace from where it started: resumed at 1,000 with 20 s at
  // 100 a second, at 1,422 (4.22 s) the 15.78 s left allow 1,420.2 more.
  assert.deepEqual(planRunLength({ ...base, timeLimit: 20, start: 1000, completed: 1421, elapsedSeconds: 4.21 }), { length: 10_000, fixed: false });
  assert.deepEqual(planRunLength({ ...base, timeLimit: 20, start: 1000, completed: 1422, elapsedSeconds: 4.22 }), { length: 2844, fixed: true });
  // A first step slower than the whole limit: the plan still covers the iteration about to run (it never ends before it).
  assert.deepEqual(planRunLength({ ...base, fraction: 0.3, completed: 1, elapsedSeconds: 5 }), { length: 2, fixed: true });
  // The fixed length starts the decay at the very iteration it is fixed at: --iterations LENGTH replays the rates.
  for (const completed of [90, 91, 97]) {
    const { length, fixed } = planRunLength({ ...base, fraction: 0.3, completed, elapsedSeconds: completed / 100 * 1.8 });
    assert.ok(fixed, `${completed}: fixed`);
    assert.equal(learningRateFactor(completed - 1, length, 0.3), 1, `${completed}: full rate before`);
    assert.ok(learningRateFactor(completed, length, 0.3) <= 1 && learningRateFactor(completed, length, 0.3) > 0.97, `${completed}: decaying from here`);
  }
});

test('RecentPace: iterations a second over the latter half of the session, whatever came before', () => {
  const pace = new RecentPace();
  assert.equal(pace.perSecond(0, 0), undefined);
  // 5 s of start-up, then 100 iterations a second for 5 s, then 300 a second for 10 s.
  const clock = (completed: number): number => (completed <= 500 ? 5 + completed / 100 : 10 + (completed - 500) / 300);
  for (let completed = 0; completed <= 3500; completed++) pace.record(completed, clock(completed));
  // At 20 s the latter half began at 10 s (iteration 500): 3,000 iterations in 10 s.
  assert.ok(Math.abs(pace.perSecond(3500, 20)! - 300) < 300 * 0.01, `${pace.perSecond(3500, 20)}`);
  // At 10 s the latter half began at 5 s, the training's start: 100 a second, the start-up left out
  // (the session's average there would be 50 a second, at 20 s 175).
  assert.ok(Math.abs(pace.perSecond(500, 10)! - 100) < 100 * 0.02, `${pace.perSecond(500, 10)}`);
});

test('openBandsAt: D\'s Fourier bands open linearly over the warm-up fraction, all of them without one', () => {
  assert.equal(openBandsAt(0, 1000, 0.5, 6), 0);
  assert.equal(openBandsAt(250, 1000, 0.5, 6), 3);
  assert.equal(openBandsAt(500, 1000, 0.5, 6), 6);
  assert.equal(openBandsAt(900, 1000, 0.5, 6), 6);
  assert.equal(openBandsAt(0, 1000, 0, 6), 6);
  assert.equal(openBandsAt(100, 1000, 1, 4), 0.4);
});
