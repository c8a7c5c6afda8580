import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import { resolveFlowConfig } from '../../src/core/flow/config.js';
import { createGrid } from '../../src/core/density/grid.js';
import { decodeUrlState, encodeUrlState } from '../../src/web/url-state.js';
import { decodeDrawnDensity, DRAW_LEVELS, DRAW_SIZE, encodeDrawnDensity } from '../../src/core/density/drawn-density-codec.js';

test('options and a built-in density survive the hash, and read like the CLI', () => {
  const given = { loss: 'wgan-gp', gpWeight: 5, dHidden: [128, 64], optimizer: 'adam', dLr: 0.0002, seed: 42 };
  const hash = encodeUrlState({ given, data: { kind: 'builtin', name: 'ring', conditional: false } });
  assert.equal(hash, '#data=builtin:ring&optimizer=adam&d-lr=0.0002&d-hidden=128,64&loss=wgan-gp&gp-weight=5&seed=42');
  const back = decodeUrlState(hash);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.data, { kind: 'builtin', name: 'ring', conditional: false });
  assert.deepEqual(resolveTrainConfig(back.given), resolveTrainConfig(given));
});

test('the settings a link starts from: left out for the recommended, named for a preset', () => {
  const data = { kind: 'builtin', name: 'ring', conditional: false } as const;
  assert.equal(encodeUrlState({ given: {}, data, base: 'recommended' }), '#data=builtin:ring');
  assert.equal(decodeUrlState('#data=builtin:ring').base, 'recommended');
  const hash = encodeUrlState({ given: { seed: 3 }, data, base: 'seed' });
  assert.equal(hash, '#data=builtin:ring&settings=seed&seed=3');
  const back = decodeUrlState(hash);
  assert.equal(back.base, 'seed');
  assert.deepEqual(back.given, { seed: 3 });
  assert.equal(decodeUrlState('#settings=small').base, 'small');
  const unknown = decodeUrlState('#settings=turbo');
  assert.equal(unknown.base, 'recommended');
  assert.match(unknown.problems.join('\n'), /settings "turbo" are unknown/);
});

test('a conditional built-in keeps its parts flag', () => {
  const hash = encodeUrlState({ given: {}, data: { kind: 'builtin', name: 'binary', conditional: true } });
  assert.equal(hash, '#data=builtin:binary/parts');
  assert.deepEqual(decodeUrlState(hash).data, { kind: 'builtin', name: 'binary', conditional: true });
});

test('a drawn density round-trips exactly, grey levels included, in a short hash', () => {
  const grid = createGrid(DRAW_SIZE, DRAW_SIZE);
  for (let row = 10; row < 30; row++) {
    for (let col = 5; col < 40; col++) grid.values[row * DRAW_SIZE + col] = ((row + col) % (DRAW_LEVELS + 1)) / DRAW_LEVELS;
  }
  grid.values[DRAW_SIZE * DRAW_SIZE - 1] = 1;
  const hash = encodeUrlState({ given: {}, data: { kind: 'drawn', grid } });
  const back = decodeUrlState(hash);
  assert.equal(back.data?.kind, 'drawn');
  assert.deepEqual(back.data?.kind === 'drawn' ? Array.from(back.data.grid.values) : [], Array.from(grid.values));
  // A simple drawing (a filled disc) is a few hundred characters at most.
  const disc = createGrid(DRAW_SIZE, DRAW_SIZE);
  for (let row = 0; row < DRAW_SIZE; row++) {
    for (let col = 0; col < DRAW_SIZE; col++) disc.values[row * DRAW_SIZE + col] = Math.hypot(row - 30, col - 20) < 12 ? 1 : 0;
  }
  assert.ok(encodeDrawnDensity(disc).length < 400, `length ${encodeDrawnDensity(disc).length}`);
});

test('damaged or unknown parts are skipped and explained, never thrown', () => {
  const back = decodeUrlState('#data=builtin:nope&batch-size=-3&frobnicate=1&z-dim=4&gp-weight=3&seed=%E0');
  assert.deepEqual(back.given, { zDim: 4 });
  assert.equal(back.data, null);
  assert.equal(back.problems.length, 5);
  assert.match(back.problems.join('\n'), /unknown built-in density "nope"/);
  assert.match(back.problems.join('\n'), /--batch-size: "-3" is not valid/);
  assert.match(back.problems.join('\n'), /option "frobnicate" is unknown/);
  assert.match(back.problems.join('\n'), /gp-weight without loss=wgan-gp/);
  assert.match(back.problems.join('\n'), /not readable/);
});

test('the drawn-density codec refuses text it did not write', () => {
  assert.equal(decodeDrawnDensity('2.AAAA'), null);
  assert.equal(decodeDrawnDensity('1.@@'), null);
  assert.equal(decodeDrawnDensity('1.AP8'), null, 'odd byte count');
  assert.equal(decodeDrawnDensity(`1.${Buffer.from([0, 255]).toString('base64url')}`), null, 'too few pixels');
  assert.equal(decodeDrawnDensity(`1.${Buffer.from([16, 0]).toString('base64url')}`), null, 'level out of range');
  const full = Buffer.from(Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 15 : 255)));
  assert.deepEqual(Array.from(decodeDrawnDensity(`1.${full.toString('base64url')}`)?.values ?? []), new Array(4096).fill(1));
});

test("a flow's link names its model and its options by the flow's flags; the GAN's are refused by name", () => {
  const data = { kind: 'builtin', name: 'ring', conditional: false } as const;
  const given = { hidden: [64, 64], odeSolver: 'rk4', odeSteps: 8, seed: 3 };
  const hash = encodeUrlState({ given, data, model: 'flow', base: 'seed' });
  // The presets are the GAN's: a flow's link names none.
  assert.equal(hash, '#data=builtin:ring&model=flow&hidden=64,64&ode-solver=rk4&ode-steps=8&seed=3');
  const back = decodeUrlState(hash);
  assert.deepEqual(back.problems, []);
  assert.equal(back.model, 'flow');
  assert.deepEqual(resolveFlowConfig(back.given), resolveFlowConfig(given));
  // The model may come anywhere; a GAN-only flag with a flow (and a flow-only one with the GAN) is named and skipped.
  const mixed = decodeUrlState('#loss=hinge&ode-steps=4&model=flow');
  assert.equal(mixed.model, 'flow');
  assert.deepEqual(mixed.given, { odeSteps: 4 });
  assert.deepEqual(mixed.problems, ['the link\'s option "loss" is the GAN\'s only; it was ignored']);
  const gan = decodeUrlState('#ode-steps=4&d-steps=2');
  assert.equal(gan.model, 'gan');
  assert.deepEqual(gan.given, { dSteps: 2 });
  assert.deepEqual(gan.problems, ['the link\'s option "ode-steps" is the flow\'s only; it was ignored']);
  assert.deepEqual(decodeUrlState('#model=diffusion').problems, ['the link\'s model "diffusion" is unknown (known: gan, flow)']);
});
