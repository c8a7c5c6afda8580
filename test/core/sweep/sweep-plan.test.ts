import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../src/core/errors.js';
import { parseSweepText } from '../../../src/core/sweep/sweep-document.js';
import { expandSweep, runConfig, trainArguments } from '../../../src/core/sweep/sweep-plan.js';
import { defaultFlowConfig, refuseOtherModelOptions, type FlowConfig } from '../../../src/core/flow/config.js';
import { resolveRunConfig } from '../../../src/core/gan/presets.js';
import { readSweepSpec, targetName, type SweepSpec } from '../../../src/core/sweep/sweep-spec.js';

function spec(text: string, file = 'test.yaml'): SweepSpec {
  return readSweepSpec(parseSweepText(text, file), 'test');
}

function assertSweepError(text: string, message: RegExp): void {
  assert.throws(() => spec(text), (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

const TWO_AXES = `
name: widths
targets: [builtin:grid, builtin:ring]
base:
  iterations: 50
  batch-size: 64
axes:
  loss: [nonsaturating, hinge, lsgan]
  d-hidden: [32, "64,64"]
seeds: 2
metrics: [modes, reverseKL]
`;

test('every target × axis combination × seed becomes one run, the first axis varying slowest', () => {
  const sweep = spec(TWO_AXES);
  const runs = expandSweep(sweep);
  assert.equal(runs.length, 2 * 3 * 2 * 2);
  // Counted another way: each (target, loss, d-hidden, seed) tuple appears exactly once.
  const tuples = new Set(runs.map((r) => JSON.stringify([r.target.name, r.options.loss, r.options.dHidden, r.seed])));
  assert.equal(tuples.size, runs.length);
  for (const target of ['grid', 'ring']) {
    for (const loss of ['nonsaturating', 'hinge', 'lsgan']) {
      for (const hidden of [[32], [64, 64]]) {
        for (const seed of [1, 2]) assert.ok(tuples.has(JSON.stringify([target, loss, hidden, seed])));
      }
    }
  }
  assert.deepEqual(runs.slice(0, 5).map((r) => r.name), [
    'grid__loss=nonsaturating__d-hidden=32__seed=1',
    'grid__loss=nonsaturating__d-hidden=32__seed=2',
    'grid__loss=nonsaturating__d-hidden=64x64__seed=1',
    'grid__loss=nonsaturating__d-hidden=64x64__seed=2',
    'grid__loss=hinge__d-hidden=32__seed=1',
  ]);
  assert.equal(new Set(runs.map((r) => r.name)).size, runs.length, 'folder names are unique');
  assert.equal(runs[2].configuration, 'loss=nonsaturating, d-hidden=64x64');
  assert.deepEqual(runs[2].options, { iterations: 50, batchSize: 64, loss: 'nonsaturating', dHidden: [64, 64], seed: 1 });
  // Folder names stay the same from one expansion to the next.
  assert.deepEqual(expandSweep(spec(TWO_AXES)).map((r) => r.name), runs.map((r) => r.name));
});

test('a run becomes train flags in the options table order', () => {
  const runs = expandSweep(spec(TWO_AXES));
  assert.deepEqual(trainArguments(runs[2].options), [
    '--iterations', '50', '--batch-size', '64', '--d-hidden', '64,64', '--loss', 'nonsaturating', '--seed', '1',
  ]);
});

test('JSON sweep files, keys by flag or config key, seed lists and defaults', () => {
  const sweep = spec(JSON.stringify({
    targets: 'builtin:ring',
    base: { dLr: 2e-4, 'g-lr': 2e-4, optimizer: 'adam' },
    axes: { 'r1-weight': [0, 0.5] },
    seeds: [7, 11],
  }), 'x.json');
  assert.equal(sweep.name, 'test');
  assert.deepEqual(sweep.metrics, ['modes', 'highQuality', 'reverseKL'], 'all mixture metrics by default');
  const runs = expandSweep(sweep);
  assert.deepEqual(runs.map((r) => r.name), [
    'ring__r1-weight=0__seed=7', 'ring__r1-weight=0__seed=11', 'ring__r1-weight=0.5__seed=7', 'ring__r1-weight=0.5__seed=11',
  ]);
  assert.equal(runs[0].options.dLr, 2e-4);
  // No axes: one configuration per target.
  const single = expandSweep(spec('targets: builtin:grid\nseeds: 3\n'));
  assert.deepEqual(single.map((r) => [r.name, r.configuration]), [
    ['grid__seed=1', 'base'], ['grid__seed=2', 'base'], ['grid__seed=3', 'base'],
  ]);
});

test('the gradient-penalty weight goes to wgan-gp runs only', () => {
  const runs = expandSweep(spec('targets: builtin:grid\nbase: {gp-weight: 5}\naxes: {loss: [wgan-gp, hinge]}\n'));
  assert.equal(runs[0].options.gpWeight, 5);
  assert.equal(runs[1].options.gpWeight, undefined);
  assertSweepError('targets: builtin:grid\naxes:\n  loss: [wgan-gp, hinge]\n  gp-weight: [1, 10]\n',
    /^test\.yaml:4: axes\.gp-weight: applies to loss wgan-gp only, and this sweep also runs loss hinge$/);
});

test('target names come from the builtin or the file name', () => {
  assert.equal(targetName('builtin:grid'), 'grid');
  assert.equal(targetName('../pictures/binary.png'), 'binary');
  assert.equal(targetName('examples/penta/'), 'penta');
  assert.equal(targetName('my picture.v2.png'), 'my_picture.v2');
});

test('malformed sweep files name the line and the field', () => {
  assertSweepError('targets: builtin:grid\naxes:\n  loss: [hinge\n', /^test\.yaml:4: axes\.loss: not valid YAML or JSON \(Flow sequence/);
  assertSweepError('targets: builtin:grid\nbase:\n  iterations: 10\n  iterations: 20\n', /^test\.yaml:4: base\.iterations: not valid YAML or JSON \(Map keys must be unique/);
  assertSweepError('targets: builtin:grid\nbase:\n  iterations: 10\n  batch-size: -3\n',
    /^test\.yaml:4: base\.batch-size: -3 is not valid; expected an integer from 1 to 1000000$/);
  assertSweepError('targets: builtin:grid\naxes:\n  loss:\n    - hinge\n    - lsgn\n',
    /^test\.yaml:5: axes\.loss\[1\]: "lsgn" is not valid; expected one of nonsaturating, minimax, lsgan, wgan-gp, hinge$/);
  assertSweepError('targets: builtin:grid\naxes:\n  loss: hinge\n', /^test\.yaml:3: axes\.loss: expected a non-empty list of values, each one of/);
  assertSweepError('targets: builtin:grid\naxis:\n  loss: [hinge]\n', /^test\.yaml:2: axis: unknown field \(expected name, question, targets, base, axes, seeds, metrics\)$/);
  assertSweepError('base: {iterations: 5}\n', /^test\.yaml:1: missing field targets/);
  assertSweepError('targets: builtin:gird\n', /^test\.yaml:1: targets: unknown builtin "gird"/);
  assertSweepError('targets: [builtin:grid, a/grid.png]\n', /^test\.yaml:1: targets\[1\]: "a\/grid\.png" and "builtin:grid" would share the run folder name "grid"$/);
  assertSweepError('targets: builtin:grid\nseeds: [1, 2, 1]\n', /^test\.yaml:2: seeds\[2\]: seed 1 is listed twice$/);
  assertSweepError('targets: builtin:grid\nseeds: 0\n', /^test\.yaml:2: seeds: a count of seeds must be an integer from 1/);
  assertSweepError('targets: builtin:grid\n\nmetrics: [modes, js64]\n', /^test\.yaml:3: metrics\[1\]: js64 applies to pictures, and this sweep has no such target$/);
  assertSweepError('targets: builtin:grid\nmetrics: [mode]\n', /^test\.yaml:2: metrics\[0\]: unknown metric "mode" \(expected one of modes, highQuality/);
  assertSweepError('- 1\n- 2\n', /^test\.yaml:1: expected a mapping/);
  assertSweepError('{"targets": "builtin:grid",\n "axes": {"loss": ["hinge", "hinge"]}}', /^test\.yaml:2: axes\.loss\[1\]: "hinge" is listed twice$/);
});

test('an unknown option on an axis is named, with the option it most likely meant', () => {
  assertSweepError('targets: builtin:grid\naxes:\n  los: [hinge, lsgan]\n',
    /^test\.yaml:3: axes\.los: unknown option "los"; did you mean "loss"\? \(gan2d train --help lists the options\)$/);
  assertSweepError('targets: builtin:grid\naxes:\n  learning-rate: [1, 2]\n', /^test\.yaml:3: axes\.learning-rate: unknown option "learning-rate"/);
  assertSweepError('targets: builtin:grid\nbase: {loss: hinge}\naxes:\n  loss: [hinge, lsgan]\n', /^test\.yaml:4: axes\.loss: --loss is also in base/);
  assertSweepError('targets: builtin:grid\naxes:\n  seed: [1, 2]\n', /^test\.yaml:3: axes\.seed: seeds go in the top-level field seeds/);
});

const BOTH_MODELS = `
targets: builtin:ring
base:
  iterations: 40
  optimizer: adam
  ode-steps: 4
axes:
  model: [gan, flow]
  loss: [hinge, lsgan]
  hidden: [16, 32]
seeds: 2
`;

test('model is an axis: each model runs the axes it has, once per distinct configuration', () => {
  const sweep = spec(BOTH_MODELS);
  assert.deepEqual(sweep.models, ['gan', 'flow']);
  const runs = expandSweep(sweep);
  // The GAN varies loss (hidden is the flow's); the flow varies hidden (loss is the GAN's): 2 + 2 configurations, 2 seeds each.
  assert.deepEqual([...new Set(runs.map((r) => r.configuration))], [
    'model=gan, loss=hinge', 'model=gan, loss=lsgan', 'model=flow, hidden=16', 'model=flow, hidden=32',
  ]);
  assert.equal(runs.length, 4 * 2);
  assert.equal(new Set(runs.map((r) => r.name)).size, runs.length, 'folder names are unique');
  const gan = runs.find((r) => r.name === 'ring__model=gan__loss=hinge__seed=2');
  const flow = runs.find((r) => r.name === 'ring__model=flow__hidden=32__seed=1');
  assert.ok(gan && flow);
  assert.equal(gan.model, 'gan');
  assert.equal(flow.model, 'flow');
  // Base options go to the runs of the model that has them; shared ones (iterations) to both.
  assert.deepEqual(gan.options, { model: 'gan', iterations: 40, optimizer: 'adam', loss: 'hinge', seed: 2 });
  assert.deepEqual(flow.options, { model: 'flow', iterations: 40, odeSteps: 4, hidden: [32], seed: 1 });
  assert.deepEqual(trainArguments(flow.options), ['--model', 'flow', '--iterations', '40', '--seed', '1', '--hidden', '32', '--ode-steps', '4']);
  // Each run's flags are accepted by train for its model: the family check refuses none.
  assert.doesNotThrow(() => refuseOtherModelOptions('flow', trainArguments(flow.options).filter((a) => a.startsWith('--')).map((a) => a.slice(2))));
  assert.doesNotThrow(() => refuseOtherModelOptions('gan', trainArguments(gan.options).filter((a) => a.startsWith('--')).map((a) => a.slice(2))));
  // The run's config resolves as train resolves it: the flow's own defaults (its recipe), the GAN's over the ring's recipe.
  assert.equal((runConfig(flow) as FlowConfig).odeSolver, defaultFlowConfig().odeSolver);
  assert.equal(runConfig(flow).iterations, 40);
  assert.deepEqual(runConfig(gan), resolveRunConfig('builtin:ring', { iterations: 40, optimizer: 'adam', loss: 'hinge', seed: 2 }));
});

test('a flow-only sweep: model in base; an option of the model no run trains is refused in one line', () => {
  const runs = expandSweep(spec('targets: builtin:grid\nbase: {model: flow, iterations: 30}\naxes: {ode-solver: [euler, rk4]}\n'));
  assert.deepEqual(runs.map((r) => r.name), ['grid__ode-solver=euler__seed=1', 'grid__ode-solver=rk4__seed=1']);
  assert.ok(runs.every((r) => r.model === 'flow' && r.options.model === 'flow'));
  assertSweepError('targets: builtin:grid\nbase: {model: flow, d-lr: 0.001}\n',
    /^test\.yaml:2: base\.d-lr: applies to --model gan only, and this sweep runs --model flow only \(set model: gan in base, or put model: \[gan, flow\] on the axes\)$/);
  assertSweepError('targets: builtin:grid\naxes:\n  ode-steps: [4, 8]\n',
    /^test\.yaml:3: axes\.ode-steps: applies to --model flow only, and this sweep runs --model gan only/);
  assertSweepError('targets: builtin:grid\naxes:\n  model: [gan, diffusion]\n',
    /^test\.yaml:3: axes\.model\[1\]: "diffusion" is not valid; expected one of gan, flow$/);
  assertSweepError('targets: builtin:grid\nbase: {model: flow}\naxes:\n  model: [gan, flow]\n', /^test\.yaml:4: axes\.model: --model is also in base/);
  assertSweepError('targets: builtin:grid\naxes:\n  modle: [gan, flow]\n', /axes\.modle: unknown option "modle"; did you mean "model"\?/);
});

test("the example sweep of both models expands to the GAN's losses and the flow once, each with its own options", () => {
  const file = fileURLToPath(new URL('../../../../examples/sweeps/binary-bridge-flow.yaml', import.meta.url));
  const runs = expandSweep(readSweepSpec(parseSweepText(readFileSync(file, 'utf8'), file), 'x'));
  assert.deepEqual([...new Set(runs.map((r) => r.configuration))], ['model=gan, loss=nonsaturating', 'model=gan, loss=hinge', 'model=flow']);
  assert.equal(runs.length, 9);
  const flow = runs.find((r) => r.model === 'flow')!;
  assert.deepEqual(Object.keys(flow.options).sort(), ['checkpointInterval', 'displayInterval', 'iterations', 'model', 'seed']);
});
