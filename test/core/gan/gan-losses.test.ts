// Each --loss: its values against the formulas written out in float64 and worked by hand,
// its gradients with respect to D's outputs, and the gradients that reach D's and G's
// parameters (penalties included), all against central finite differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backward } from '../../../src/core/nn/autograd.js';
import { createReferenceEngine, type Engine } from '../../../src/core/nn/engine.js';
import { Mlp } from '../../../src/core/nn/mlp.js';
import { add } from '../../../src/core/nn/ops/elementwise.js';
import { noGrad, Var } from '../../../src/core/nn/tape.js';
import { Rng } from '../../../src/core/rng.js';
import { LOSSES, type LossName } from '../../../src/core/gan/config.js';
import { ganLoss, gradientPenalty, r1Penalty } from '../../../src/core/gan/gan-losses.js';
import { assertMatchesFiniteDifferences, type Input, referenceEngine, type ScalarFunction, tapeGradients } from '../../support/nn.js';

const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const meanOf = (xs: number[], f: (x: number) => number): number => xs.reduce((s, x) => s + f(x), 0) / xs.length;

/** [D real, D fake, G] of each loss from D's outputs, in float64. */
const REFERENCE: Record<LossName, (dReal: number[], dFake: number[]) => [number, number, number]> = {
  nonsaturating: (r, f) => [meanOf(r, (x) => softplus(-x)), meanOf(f, softplus), meanOf(f, (x) => softplus(-x))],
  minimax: (r, f) => [meanOf(r, (x) => softplus(-x)), meanOf(f, softplus), -meanOf(f, softplus)],
  lsgan: (r, f) => [0.5 * meanOf(r, (x) => (x - 1) ** 2), 0.5 * meanOf(f, (x) => x * x), 0.5 * meanOf(f, (x) => (x - 1) ** 2)],
  'wgan-gp': (r, f) => [-meanOf(r, (x) => x), meanOf(f, (x) => x), -meanOf(f, (x) => x)],
  hinge: (r, f) => [meanOf(r, (x) => Math.max(0, 1 - x)), meanOf(f, (x) => Math.max(0, 1 + x)), -meanOf(f, (x) => x)],
};

const BATCH = 6;

interface Fixture {
  engine: Engine;
  generator: Mlp;
  discriminator: Mlp;
  real: Float32Array;
  z: Float32Array;
  /** Points between real and fake, as the WGAN-GP penalty uses. */
  mixed: Float32Array;
}

function fixture(seed: number): Fixture {
  const engine = createReferenceEngine();
  const rng = new Rng(seed);
  // tanh everywhere: smooth, with curvature, so the penalties' second-order terms are not zero.
  const generator = new Mlp(engine, { sizes: [2, 4, 2], hiddenActivation: 'tanh', outputActivation: 'sigmoid' }, rng);
  const discriminator = new Mlp(engine, { sizes: [2, 5, 1], hiddenActivation: 'tanh', outputActivation: 'identity' }, rng);
  // Larger weights than the default init, so D's outputs spread over the losses' interesting ranges.
  for (const parameter of [...generator.parameters(), ...discriminator.parameters()]) {
    const data = parameter.value.data;
    for (let i = 0; i < data.length; i++) data[i] *= 3;
  }
  const real = Float32Array.from({ length: 2 * BATCH }, () => rng.uniform());
  const z = Float32Array.from({ length: 2 * BATCH }, () => rng.normal());
  const mixed = Float32Array.from({ length: 2 * BATCH }, () => rng.uniform());
  // Centre D's outputs on the real points at 0, so they fall on both sides of hinge's kinks.
  const outputs = noGrad(() => discriminator.forward(Var.from(engine, BATCH, 2, real)).toArray()).sort((a, b) => a - b);
  discriminator.biases[discriminator.biases.length - 1].value.data[0] -= outputs[BATCH >> 1];
  engine.arena.reset();
  return { engine, generator, discriminator, real, z, mixed };
}

type Penalty = 'none' | 'gradient' | 'r1';

/** D's whole objective, as the trainer builds it for a D step. */
function discriminatorObjective(f: Fixture, name: LossName, penalty: Penalty): { total: Var; real: number; fake: number; dReal: number[]; dFake: number[] } {
  const { engine, generator, discriminator } = f;
  engine.arena.reset();
  const real = Var.from(engine, BATCH, 2, f.real, penalty === 'r1');
  const fake = noGrad(() => generator.forward(Var.from(engine, BATCH, 2, f.z)));
  const dReal = discriminator.forward(real);
  const dFake = discriminator.forward(fake);
  const terms = ganLoss(name).discriminator(dReal, dFake);
  let total = add(terms.real, terms.fake);
  if (penalty === 'gradient') {
    const mixed = Var.from(engine, BATCH, 2, f.mixed, true);
    total = add(total, gradientPenalty(discriminator.forward(mixed), mixed, 10));
  }
  if (penalty === 'r1') total = add(total, r1Penalty(dReal, real, 3));
  return { total, real: terms.real.item(), fake: terms.fake.item(), dReal: dReal.toArray(), dFake: dFake.toArray() };
}

function generatorObjective(f: Fixture, name: LossName): Var {
  const { engine, generator, discriminator } = f;
  engine.arena.reset();
  discriminator.setRequiresGrad(false);
  try {
    return ganLoss(name).generator(discriminator.forward(generator.forward(Var.from(engine, BATCH, 2, f.z))));
  } finally {
    discriminator.setRequiresGrad(true);
  }
}

/** Compares every parameter's backward() gradient with a central difference of the objective. */
function checkGradients(network: Mlp, objective: () => Var, label: string): void {
  network.zeroGrad();
  backward(objective(), { inputs: network.parameters() });
  const analytic = network.parameters().map((p) => Array.from(p.grad!.data));
  const h = 1e-2;
  network.parameters().forEach((parameter, p) => {
    const data = parameter.value.data;
    for (let i = 0; i < data.length; i++) {
      const saved = data[i];
      data[i] = saved + h;
      const plus = objective().item();
      data[i] = saved - h;
      const minus = objective().item();
      data[i] = saved;
      const numeric = (plus - minus) / (2 * h);
      const got = analytic[p][i];
      assert.ok(Math.abs(got - numeric) <= 2e-3 + 1e-2 * Math.abs(numeric),
        `${label}: parameter ${p}[${i}]: backward ${got}, finite difference ${numeric}`);
    }
  });
}

for (const name of LOSSES) {
  test(`${name}: D and G loss values match the formulas`, () => {
    const f = fixture(11);
    const d = discriminatorObjective(f, name, 'none');
    const g = generatorObjective(f, name).item();
    const [real, fake, gWant] = REFERENCE[name](d.dReal, d.dFake);
    assert.ok(Math.abs(d.real - real) < 1e-5 * (1 + Math.abs(real)), `D real ${d.real} vs ${real}`);
    assert.ok(Math.abs(d.fake - fake) < 1e-5 * (1 + Math.abs(fake)), `D fake ${d.fake} vs ${fake}`);
    assert.ok(Math.abs(g - gWant) < 1e-5 * (1 + Math.abs(gWant)), `G ${g} vs ${gWant}`);
    // The fixture must exercise both sides of hinge's kink and sigmoids away from saturation.
    assert.ok(d.dReal.some((x) => x < 1) && d.dFake.some((x) => x > -1), `D outputs cover the losses' active ranges: ${d.dReal} / ${d.dFake}`);
  });

  test(`${name}: gradients reach D's parameters (finite differences)`, () => {
    const f = fixture(12);
    checkGradients(f.discriminator, () => discriminatorObjective(f, name, name === 'wgan-gp' ? 'gradient' : 'none').total, `${name} D`);
  });

  test(`${name}: gradients reach G's parameters through D (finite differences)`, () => {
    const f = fixture(13);
    checkGradients(f.generator, () => generatorObjective(f, name), `${name} G`);
  });
}

// D's outputs as plain inputs, at least 0.1 away from hinge's kinks at ±1; the batches differ in size.
const D_REAL: Input = { rows: 6, cols: 1, values: [0.3, -0.5, 1.5, 2.2, 0.8, -1.4].map(Math.fround) };
const D_FAKE: Input = { rows: 5, cols: 1, values: [-0.3, -1.5, 0.4, -2.1, 0.85].map(Math.fround) };

for (const name of LOSSES) {
  test(`${name}: D's and G's losses differentiate to their outputs' finite differences`, () => {
    const engine = referenceEngine();
    const check = (f: ScalarFunction, inputs: Input[]): void =>
      assertMatchesFiniteDifferences(engine, f, inputs, tapeGradients(engine, f, inputs));
    check(([r, f]) => {
      const terms = ganLoss(name).discriminator(r, f);
      return add(terms.real, terms.fake);
    }, [D_REAL, D_FAKE]);
    check(([f]) => ganLoss(name).generator(f), [D_FAKE]);
  });
}

test('hinge and Wasserstein D losses on outputs worked by hand', () => {
  const engine = referenceEngine();
  const dLoss = (name: LossName, real: number[], fake: number[]): number => {
    const terms = ganLoss(name).discriminator(Var.from(engine, real.length, 1, real), Var.from(engine, fake.length, 1, fake));
    return add(terms.real, terms.fake).item();
  };
  // relu(1 - 2) + relu(1 - 0.5) over 2, plus relu(1 + 0).
  assert.equal(dLoss('hinge', [2, 0.5], [0]), 0.25 + 1);
  // E D(fake) - E D(real).
  assert.equal(dLoss('wgan-gp', [2, 0.5], [-1]), -1 - 1.25);
});

test('R1 adds its second-order gradient to D\'s (finite differences)', () => {
  const f = fixture(14);
  checkGradients(f.discriminator, () => discriminatorObjective(f, 'nonsaturating', 'r1').total, 'R1');
});

/** ∇ₓ D at each point by central differences of D's forward pass. */
function inputGradients(f: Fixture, points: Float32Array): number[][] {
  const h = 1e-3;
  const out = (x: Float32Array): number[] => {
    f.engine.arena.reset();
    return noGrad(() => f.discriminator.forward(Var.from(f.engine, BATCH, 2, x)).toArray());
  };
  const gradients: number[][] = Array.from({ length: BATCH }, () => [0, 0]);
  for (let axis = 0; axis < 2; axis++) {
    const plus = Float32Array.from(points);
    const minus = Float32Array.from(points);
    for (let row = 0; row < BATCH; row++) {
      plus[2 * row + axis] += h;
      minus[2 * row + axis] -= h;
    }
    const up = out(plus);
    const down = out(minus);
    for (let row = 0; row < BATCH; row++) gradients[row][axis] = (up[row] - down[row]) / (2 * h);
  }
  return gradients;
}

test('the penalties\' values match ‖∇ₓD‖ from finite differences', () => {
  const f = fixture(15);
  const gradients = inputGradients(f, f.mixed);
  const norms = gradients.map(([a, b]) => Math.hypot(a, b));
  const wantGp = 10 * meanOf(norms, (n) => (n - 1) ** 2);
  f.engine.arena.reset();
  const mixed = Var.from(f.engine, BATCH, 2, f.mixed, true);
  const gp = gradientPenalty(f.discriminator.forward(mixed), mixed, 10).item();
  assert.ok(Math.abs(gp - wantGp) < 1e-3 * (1 + wantGp), `gradient penalty ${gp} vs ${wantGp}`);

  const realGradients = inputGradients(f, f.real);
  const wantR1 = (3 / 2) * meanOf(realGradients.map(([a, b]) => a * a + b * b), (x) => x);
  f.engine.arena.reset();
  const real = Var.from(f.engine, BATCH, 2, f.real, true);
  const r1 = r1Penalty(f.discriminator.forward(real), real, 3).item();
  assert.ok(Math.abs(r1 - wantR1) < 1e-3 * (1 + wantR1), `R1 ${r1} vs ${wantR1}`);
});
