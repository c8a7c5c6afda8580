// G + D-correction: the acceptance rules against hand values, D's ratio per loss, both samplers
// on a case whose ratio is known exactly (G a wider Gaussian than the target), the refit of D,
// and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/core/errors.js';
import { logRatioReader, type RatioProposals } from '../../../src/core/gan/density-ratio.js';
import { rejectionAcceptance, rejectionSample } from '../../../src/core/gan/rejection-sampling.js';
import { metropolisHastings, mhAcceptance } from '../../../src/core/gan/mh-sampling.js';
import { correctableCheckpoint, correctionLabel, parseCorrectionOptions, restoreCorrectedGenerator } from '../../../src/core/gan/d-correction.js';
import { refitDiscriminator } from '../../../src/core/gan/d-refit.js';
import { buildDiscriminator } from '../../../src/core/gan/networks.js';
import { resolveTrainConfig } from '../../../src/core/gan/config.js';
import { createTrainer } from '../../../src/core/gan/trainer.js';
import { builtinTarget } from '../../../src/core/density/builtins.js';
import { createReferenceEngine } from '../../../src/core/nn/engine.js';
import { noGrad, Var } from '../../../src/core/nn/tape.js';
import { Rng } from '../../../src/core/rng.js';

test('acceptance: DRS min(1, r/M), MH min(1, r(x\')/r(x)), by hand', () => {
  assert.ok(Math.abs(rejectionAcceptance(Math.log(2), Math.log(8)) - 0.25) < 1e-15);
  assert.equal(rejectionAcceptance(Math.log(8), Math.log(8)), 1);
  assert.equal(rejectionAcceptance(Math.log(16), Math.log(8)), 1, 'above the burn-in maximum: clipped to 1');
  assert.ok(Math.abs(mhAcceptance(Math.log(4), Math.log(1)) - 0.25) < 1e-15);
  assert.equal(mhAcceptance(Math.log(1), Math.log(4)), 1);
  assert.equal(mhAcceptance(-3, -3), 1);
});

test("D's log-ratio per loss: the BCE logit itself, LSGAN's log D/(1 − D); hinge and WGAN refused", () => {
  assert.equal(logRatioReader('nonsaturating')(1.5), 1.5);
  assert.equal(logRatioReader('minimax')(-2), -2);
  assert.ok(Math.abs(logRatioReader('lsgan')(0.75) - Math.log(3)) < 1e-12, 'D = 3/4: r = 3');
  assert.ok(Number.isFinite(logRatioReader('lsgan')(1.2)) && logRatioReader('lsgan')(1.2) > 13, 'outside (0, 1): clamped, finite');
  for (const loss of ['hinge', 'wgan-gp'] as const) {
    assert.throws(() => logRatioReader(loss), (error: Error) => error instanceof UserError && new RegExp(`--loss ${loss}, whose D does not estimate`).test(error.message));
  }
});

/** G = N(0, 2²) in each coordinate, the target N(0, 1): log r(x) = log 4 − 3|x|²/8, exactly. */
function widerGaussian(rng: Rng): RatioProposals {
  return {
    propose: (count) => {
      const points = new Float32Array(2 * count);
      for (let i = 0; i < 2 * count; i++) points[i] = 2 * rng.normal();
      return points;
    },
    logRatio: (points) => {
      const out = new Float64Array(points.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = Math.log(4) - (3 / 8) * (points[2 * i] ** 2 + points[2 * i + 1] ** 2);
      return out;
    },
  };
}

function moments(points: Float32Array): { mean: number[]; variance: number[] } {
  const n = points.length / 2;
  const mean = [0, 0], variance = [0, 0];
  for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) mean[c] += points[2 * i + c] / n;
  for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) variance[c] += (points[2 * i + c] - mean[c]) ** 2 / (n - 1);
  return { mean, variance };
}

for (const [name, sample] of [
  ['rejection sampling', (source: RatioProposals, n: number, rng: Rng) => rejectionSample(source, n, rng)],
  ['Metropolis-Hastings', (source: RatioProposals, n: number, rng: Rng) => metropolisHastings(source, n, rng)],
] as const) {
  test(`${name} with the exact ratio turns G = N(0, 4) into the target N(0, 1)`, () => {
    const n = 20_000;
    const { points, proposals } = sample(widerGaussian(new Rng(1, 1)), n, new Rng(1, 2));
    const { mean, variance } = moments(points);
    // Standard errors at n = 20,000: mean 0.007, variance 0.01; G alone has variance 4.
    for (const c of [0, 1]) {
      assert.ok(Math.abs(mean[c]) < 0.03, `mean ${mean[c]}`);
      assert.ok(Math.abs(variance[c] - 1) < 0.05, `variance ${variance[c]}`);
    }
    if (name === 'rejection sampling') {
      // Acceptance E_G[r]/M = 1/4 with M = 4, the ratio's maximum at 0.
      assert.ok(Math.abs(n / proposals - 0.25) < 0.01, `acceptance ${n / proposals}`);
    } else {
      assert.equal(proposals, 33 * n, 'a start and 32 proposals per chain');
    }
  });
}

test('rejection sampling refuses in one line when D keeps fewer than 1 in 200', () => {
  let calls = 0;
  const spiky: RatioProposals = {
    propose: (count) => new Float32Array(2 * count),
    // The burn-in sees one point of ratio 1; every later point has ratio e^-10.
    logRatio: (points) => {
      const out = new Float64Array(points.length / 2).fill(-10);
      if (calls++ === 0) out[0] = 0;
      return out;
    },
  };
  assert.throws(() => rejectionSample(spiky, 10, new Rng(3)), (error: Error) =>
    error instanceof UserError && /^--d-correction drs: kept \d+ of 2000 of G's points .* too peaked for rejection sampling \(try mh\)$/.test(error.message));
});

test('parsing and labels: the method and the refit named, in one line when wrong', () => {
  assert.deepEqual(parseCorrectionOptions({}), { method: undefined, calibrate: undefined });
  assert.deepEqual(parseCorrectionOptions({ dCorrection: 'mh', dCalibrate: 'all' }), { method: 'mh', calibrate: 'all' });
  assert.throws(() => parseCorrectionOptions({ dCorrection: 'rs' }), /^UserError: --d-correction: "rs" is not valid; expected one of drs, mh$/);
  assert.throws(() => parseCorrectionOptions({ dCorrection: 'drs', dCalibrate: 'first' }), /--d-calibrate: "first" is not valid; expected one of last, all/);
  assert.throws(() => parseCorrectionOptions({ dCalibrate: 'last' }), /^UserError: --d-calibrate: applies with --d-correction drs\|mh only$/);
  assert.equal(correctionLabel('drs'), 'G + D-correction (drs)');
  assert.equal(correctionLabel('mh', 'last'), 'G + D-correction (mh, D refit: last)');
});

function tinyRun(options: Record<string, unknown> = {}) {
  const engine = createReferenceEngine();
  const config = resolveTrainConfig({ iterations: 3, batchSize: 32, dHidden: [8], gHidden: [8], optimizer: 'adam', ...options });
  const trainer = createTrainer(engine, config, builtinTarget('ring'), 'builtin:ring');
  for (let i = 0; i < 3; i++) trainer.step();
  return { engine, checkpoint: trainer.getCheckpoint() };
}

test('refused: a flow run, a packed D, a hinge or WGAN D', () => {
  const { checkpoint } = tinyRun();
  assert.equal(correctableCheckpoint(checkpoint, 'run'), checkpoint);
  assert.throws(() => correctableCheckpoint({ format: checkpoint.format, model: 'flow' }, 'flowrun'),
    /^UserError: --d-correction: flowrun is a flow run; it has no discriminator to correct its samples with \(GAN runs only\)$/);
  assert.throws(() => correctableCheckpoint(tinyRun({ pack: 2 }).checkpoint, 'packed'), /--d-correction: packed was trained with --pack 2; its D judges 2 points together/);
  assert.throws(() => correctableCheckpoint(tinyRun({ loss: 'hinge' }).checkpoint, 'h'), /--loss hinge, whose D does not estimate the density ratio/);
});

test("a run's corrected points: as many as asked, inside what G can reach, labelled; the refit changes D's last layer only", () => {
  const { engine, checkpoint } = tinyRun();
  const corrected = restoreCorrectedGenerator(engine, checkpoint);
  const drawn = corrected.generate([500], new Rng(4), 'drs');
  assert.equal(drawn.points.length, 1000);
  assert.ok(drawn.points.every(Number.isFinite));
  assert.equal(drawn.report.label, 'G + D-correction (drs)');
  assert.ok(drawn.report.acceptance > 0 && drawn.report.acceptance <= 1 && drawn.report.proposals >= 500);
  const refit = restoreCorrectedGenerator(engine, checkpoint, { layers: 'all', parts: [builtinTarget('ring')], rng: new Rng(5) });
  assert.equal(refit.generate([100], new Rng(4), 'mh').report.label, 'G + D-correction (mh, D refit: all)');
});

test('refitting the last layer fits a logistic ratio on frozen features, and leaves them frozen', () => {
  const engine = createReferenceEngine();
  const config = resolveTrainConfig({ dHidden: [16], activation: 'tanh' });
  const discriminator = buildDiscriminator(engine, config, 0, new Rng(7));
  const before = discriminator.toJSON().tensors.map((t) => Array.from(t));
  // Real points at x ≈ +1, G's at x ≈ −1: separable, so the refit must lower the cross-entropy well below log 2.
  const rng = new Rng(8);
  const cloud = (centre: number, rows: number, out: Float32Array): void => {
    for (let i = 0; i < rows; i++) {
      out[2 * i] = centre + 0.3 * rng.normal();
      out[2 * i + 1] = 0.3 * rng.normal();
    }
  };
  const crossEntropy = (): number => noGrad(() => {
    const mark = engine.arena.mark();
    const real = Var.scratch(engine, 400, 2), fake = Var.scratch(engine, 400, 2);
    cloud(1, 400, real.value.data);
    cloud(-1, 400, fake.value.data);
    const r = discriminator.forward(real).value.data, f = discriminator.forward(fake).value.data;
    let sum = 0;
    for (let i = 0; i < 400; i++) sum += Math.log1p(Math.exp(-r[i])) + Math.log1p(Math.exp(f[i]));
    engine.arena.release(mark);
    return sum / 800;
  });
  const start = crossEntropy();
  refitDiscriminator(engine, discriminator, 0, (rows, out) => cloud(1, rows[0], out), (rows) => {
    const out = new Float32Array(2 * rows[0]);
    cloud(-1, rows[0], out);
    return out;
  }, { layers: 'last', steps: 200, lr: 0.05, rowsPerCondition: [128] });
  const after = discriminator.toJSON().tensors.map((t) => Array.from(t));
  assert.deepEqual(after.slice(0, -2), before.slice(0, -2), 'hidden layers untouched');
  assert.notDeepEqual(after.slice(-2), before.slice(-2));
  const end = crossEntropy();
  assert.ok(end < 0.2 && end < start, `cross-entropy ${start} -> ${end}`);
  assert.ok(discriminator.parameters().every((p) => p.requiresGrad), 'gradients switched back on');
});

test('a conditional run is corrected condition by condition, its refit on every condition at once', () => {
  const engine = createReferenceEngine();
  const config = resolveTrainConfig({ iterations: 2, batchSize: 32, dHidden: [8], gHidden: [8], optimizer: 'adam' });
  const parts = [builtinTarget('ring'), builtinTarget('grid')];
  const source = { name: 'pair', conditions: parts.map((target, i) => ({ name: `c${i}`, target, mass: i + 1 })) };
  const trainer = createTrainer(engine, config, source, 'pair');
  for (let i = 0; i < 2; i++) trainer.step();
  const corrected = restoreCorrectedGenerator(engine, trainer.getCheckpoint(), { layers: 'last', parts, rng: new Rng(6) });
  assert.equal(corrected.conditionCount, 2);
  assert.deepEqual(corrected.rowsFor(30), [10, 20], 'split by mass');
  for (const method of ['drs', 'mh'] as const) {
    const { points, report } = corrected.generate([10, 20], new Rng(2), method);
    assert.equal(points.length, 60);
    assert.ok(points.every(Number.isFinite));
    assert.equal(report.label, `G + D-correction (${method}, D refit: last)`);
    const one = corrected.generate([0, 7], new Rng(2), method);
    assert.equal(one.points.length, 14, 'one condition alone');
  }
});
