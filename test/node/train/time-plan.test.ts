// --time-limit with --lr-decay: the run fits its decay into the time it has (schedule.ts,
// planRunLength), records the planned length, and replays bit for bit as `--iterations LENGTH`
// without a limit. The clock is injected: 10 ms an iteration, whatever the machine does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrainRequest } from '../../../src/cli/options.js';
import { parseCheckpoint, type TrainerCheckpoint } from '../../../src/core/gan/checkpoint.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { runTraining, type RunHooks } from '../../../src/node/train/run.js';
import { setUpTraining } from '../../../src/node/train/setup.js';

const SMALL = { batchSize: '32', gHidden: '6', dHidden: '6', optimizer: 'adam', lrDecay: '0.5', displayInterval: '30', checkpointInterval: '1000', threads: '1' };

/** A run whose clock reads 10 ms per completed iteration; optionally interrupted after `stopAt`. */
async function train(flags: Record<string, unknown>, stopAt?: number, input: string | undefined = 'examples/zig.png') {
  const lines: string[] = [];
  let milliseconds = 0;
  const hooks: RunHooks = {
    stream: { write: (text: string) => lines.push(text) > 0, isTTY: false },
    createEngine: async () => createReferenceEngine(),
    now: () => milliseconds,
    shouldStop: (iteration) => {
      milliseconds += 10;
      return iteration === stopAt;
    },
  };
  const setup = await setUpTraining(readTrainRequest(input, flags), () => undefined);
  const outcome = await runTraining(setup, hooks);
  return { outcome, lines: lines.join('') };
}

const weightsOf = (checkpoint: TrainerCheckpoint): unknown => [checkpoint.generator, checkpoint.generatorAverage, checkpoint.discriminator, checkpoint.optimizers];

test('a time-limited run schedules its decay over the iterations the time allows, ends it, and replays as --iterations', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-plan-'));
  const read = (folder: string, name: string): Record<string, unknown> => JSON.parse(readFileSync(join(folder, name), 'utf8'));
  try {
    // 2 s at 100 iterations a second: at the 95th the 1.05 s left, less the 10% margin, allow 94.5
    // more; the decay starts there and the run ends at 190.
    const limited = join(root, 'limited');
    const { outcome, lines } = await train({ ...SMALL, out: limited, iterations: '100000', timeLimit: '2' });
    assert.equal(outcome.status, 'finished');
    assert.equal(outcome.iteration, 190);
    assert.match(lines, /--lr-decay scheduled over 190 of 100000 iterations/);
    assert.match(lines, /stopped after 190 of 100000 iterations \(its decay done\)/);
    const summary = read(limited, 'summary.json');
    assert.equal(summary.plannedIterations, 190);
    assert.equal(summary.stoppedBy, 'time-limit');
    const checkpoint = parseCheckpoint(read(limited, 'checkpoint.json'));
    assert.equal(checkpoint.plannedIterations, 190);
    // Adam's last steps had rate 1/95 of the full one, then none was left: the decay ended.
    const state = checkpoint.optimizers.generator as { hyperparameters: { lr: number } };
    assert.ok(Math.abs(state.hyperparameters.lr - 1e-3 / 95) < 1e-12, `last rate ${state.hyperparameters.lr}`);

    // The same run without a time limit, told the planned length: the same weights, bit for bit.
    const replay = join(root, 'replay');
    await train({ ...SMALL, out: replay, iterations: '190' });
    assert.deepEqual(weightsOf(parseCheckpoint(read(replay, 'checkpoint.json'))), weightsOf(checkpoint));
    assert.equal(read(replay, 'summary.json').plannedIterations, undefined, 'no plan without a time limit');

    // Interrupted inside the decay and resumed (with a new time limit): the plan is kept, the end is the same.
    const resumed = join(root, 'resumed');
    const first = await train({ ...SMALL, out: resumed, iterations: '100000', timeLimit: '2' }, 150);
    assert.equal(first.outcome.status, 'interrupted');
    assert.equal(parseCheckpoint(read(resumed, 'checkpoint.json')).plannedIterations, 190);
    const second = await train({ resume: resumed, timeLimit: '5' }, undefined, undefined);
    assert.equal(second.outcome.iteration, 190);
    assert.deepEqual(weightsOf(parseCheckpoint(read(resumed, 'checkpoint.json'))), weightsOf(checkpoint));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a time limit that allows every iteration changes nothing: no plan, the run reaches --iterations', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-plan-'));
  try {
    const out = join(root, 'run');
    const { outcome, lines } = await train({ ...SMALL, out, iterations: '60', timeLimit: '10' });
    assert.equal(outcome.iteration, 60);
    assert.doesNotMatch(lines, /scheduled over/);
    const checkpoint = parseCheckpoint(JSON.parse(readFileSync(join(out, 'checkpoint.json'), 'utf8')));
    assert.equal(checkpoint.plannedIterations, undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
