import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainConfig, type TrainConfig } from '../../src/core/gan/config.js';
import { createReferenceEngine } from '../../src/core/nn/engine.js';
import { TrainingSession } from '../../src/web/training-session.js';
import { stageCaption } from '../../src/web/stage-caption.js';
import { discriminatorAt, discriminatorGradients, type ProbeNetworks } from '../../src/web/view-probes.js';
import type { DataSource } from '../../src/web/data-source.js';
import type { StageReport } from '../../src/web/protocol.js';

const LAYERS = { surface: true, gradients: true, manifold: false, condition: null };
const BINARY: DataSource = { kind: 'builtin', name: 'binary', conditional: false };

function config(overrides: Partial<Record<keyof TrainConfig, unknown>> = {}): TrainConfig {
  return resolveTrainConfig({ batchSize: 64, dHidden: [16], gHidden: [12], optimizer: 'adam', dSteps: 2, gSteps: 1, displayInterval: 5, ...overrides });
}

function session(data: DataSource = BINARY, settings = config()): TrainingSession {
  return new TrainingSession({ config: settings, data, engine: createReferenceEngine(), engineName: 'reference', threads: 1, stopAfter: null });
}

function probes(run: TrainingSession): ProbeNetworks {
  return { engine: run.trainer.generator.engine, generator: run.trainer.generator, discriminator: run.trainer.discriminator, zDim: run.config.zDim, conditionCount: 0, pack: run.config.pack };
}

const sigmoidMean = (values: Float32Array): number => values.reduce((sum, v) => sum + 1 / (1 + Math.exp(-v)), 0) / values.length;

for (const data of [BINARY, { kind: 'builtin', name: 'binary', conditional: true }] as DataSource[]) {
  test(`two stages make one iteration, bit for bit as Step: ${data.kind === 'builtin' && data.conditional ? 'conditional' : 'plain'}`, () => {
    const staged = session(data);
    const stepped = session(data);
    for (let i = 0; i < 2; i++) {
      staged.stepStage();
      assert.equal(staged.iteration, i, "D's half does not count");
      staged.stepStage();
      assert.equal(staged.iteration, i + 1, "G's half completes the iteration");
      stepped.step('both');
    }
    assert.equal(JSON.stringify(staged.checkpoint()), JSON.stringify(stepped.checkpoint()));
    // The charts get the completed iterations, as Step's.
    assert.deepEqual(staged.frame(LAYERS, false, 0).losses.map((r) => r.iteration), [1, 2]);
  });
}

test("D's stage changes the surface and not the points; its report measures D on the shown points", () => {
  const run = session();
  run.iterate();
  const before = run.frame(LAYERS, false, 0);
  const info = run.runInfo();
  const realBefore = sigmoidMean(discriminatorAt(probes(run), info.real, null));
  const fakeBefore = sigmoidMean(discriminatorAt(probes(run), before.generated, null));
  run.stepStage();
  const after = run.frame(LAYERS, false, 0);
  const stage = after.stage!;
  assert.equal(stage.part, 'd');
  assert.equal(stage.iteration, 2, 'the iteration being made');
  assert.deepEqual(Array.from(after.generated), Array.from(before.generated), 'G did not move');
  assert.notDeepEqual(Array.from(after.surface!.values), Array.from(before.surface!.values), 'D did');
  assert.ok(Math.abs(stage.real.before - realBefore) < 1e-6 && Math.abs(stage.generated.before - fakeBefore) < 1e-6);
  assert.ok(Math.abs(stage.real.after - sigmoidMean(discriminatorAt(probes(run), info.real, null))) < 1e-6);
  assert.ok(Math.abs(stage.generated.after - sigmoidMean(discriminatorAt(probes(run), before.generated, null))) < 1e-6);
  assert.ok(Number.isFinite(stage.losses.dReal) && Number.isNaN(stage.losses.g));
  assert.equal(stage.before, null);
  // Shown until the next step: a second frame still carries it.
  assert.equal(run.frame(LAYERS, false, 0).stage?.part, 'd');
});

test("G's stage moves the points and not D; it carries where they were and the arrows they followed", () => {
  const run = session();
  run.iterate();
  run.stepStage();
  const halfway = run.frame(LAYERS, false, 0);
  const arrows = discriminatorGradients(probes(run), everyStride(halfway.generated, halfway.gradientStride), null);
  run.stepStage();
  const done = run.frame(LAYERS, false, 0);
  const stage = done.stage!;
  assert.equal(stage.part, 'g');
  assert.equal(stage.iteration, 2);
  assert.equal(done.iteration, 2);
  assert.deepEqual(Array.from(done.surface!.values), Array.from(halfway.surface!.values), 'D did not move');
  assert.deepEqual(Array.from(stage.before!), Array.from(halfway.generated));
  assert.deepEqual(Array.from(stage.pushedBy!), Array.from(arrows));
  let distance = 0;
  for (let i = 0; i < done.generated.length; i += 2) distance += Math.hypot(done.generated[i] - halfway.generated[i], done.generated[i + 1] - halfway.generated[i + 1]);
  const bounds = run.runInfo().bounds;
  assert.ok(stage.meanMove > 0);
  assert.ok(Math.abs(stage.meanMove - distance / (done.generated.length / 2) / (bounds.xMax - bounds.xMin)) < 1e-9);
  // The next iteration, or any step, ends the staged view.
  run.iterate();
  assert.equal(run.frame(LAYERS, false, 0).stage, null);
});

test('Play or Step after D\'s stage completes that iteration first (no half iteration is lost)', () => {
  for (const finish of [(run: TrainingSession) => run.iterate(), (run: TrainingSession) => run.step('both')]) {
    const staged = session();
    const plain = session();
    staged.stepStage();
    finish(staged);
    plain.iterate();
    assert.equal(staged.iteration, 1);
    assert.equal(JSON.stringify(staged.checkpoint()), JSON.stringify(plain.checkpoint()));
  }
});

function everyStride(points: Float32Array, stride: number): Float32Array {
  const out: number[] = [];
  for (let k = 0; 2 * k * stride < points.length; k++) out.push(points[2 * k * stride], points[2 * k * stride + 1]);
  return Float32Array.from(out);
}

const report = (overrides: Partial<StageReport>): StageReport => ({
  part: 'd', iteration: 12, real: { before: 0.5, after: 0.62 }, generated: { before: 0.45, after: 0.31 }, probability: true,
  losses: { dReal: 0.5, dFake: 0.4, g: NaN }, before: null, pushedBy: null, meanMove: 0, ...overrides,
});

test('the captions say each stage in words, with its numbers', () => {
  const d = stageCaption(report({}));
  assert.match(d, /^Stage 1 of 2, D's turn \(iteration 12\)/);
  assert.match(d, /real points 0\.62 \(was 0\.50\) and the generated ones 0\.31 \(was 0\.45\) \(0 means fake, 1 real\)/);
  assert.match(d, /greener under the real points and purpler under the generated ones/);
  assert.match(stageCaption(report({ real: { before: 0.6, after: 0.5 }, generated: { before: 0.4, after: 0.45 } })), /did not help it tell them apart/);
  const g = stageCaption(report({ part: 'g', generated: { before: 0.31, after: 0.36 }, meanMove: 0.0123 }));
  assert.match(g, /^Stage 2 of 2, G's turn \(iteration 12 done\)/);
  assert.match(g, /moved 1\.2% of the view's width/);
  assert.match(g, /rates them higher, 0\.36 \(was 0\.31\)/);
  assert.match(stageCaption(report({ part: 'g', generated: { before: 0.36, after: 0.3 } })), /overshot/);
  assert.match(stageCaption(report({ part: 'g', generated: { before: 0.5012, after: 0.5041 } })), /0\.504 \(was 0\.501\)/, 'a digit more when two print the same');
  assert.match(stageCaption(report({ probability: false, real: { before: -1.5, after: 2.25 } })), /2\.25 \(was -1\.50\).*higher means more real/);
});

test('a critic (WGAN-GP) reports raw scores; a probability loss reports values in [0, 1]', () => {
  const critic = session(BINARY, config({ loss: 'wgan-gp' }));
  critic.stepStage();
  assert.equal(critic.frame(LAYERS, false, 0).stage?.probability, false);
  const bce = session();
  bce.stepStage();
  const stage = bce.frame(LAYERS, false, 0).stage!;
  assert.equal(stage.probability, true);
  for (const value of [stage.real.before, stage.real.after, stage.generated.before, stage.generated.after]) assert.ok(value > 0 && value < 1);
});
