// The package's entry ("gan2d", as a library user imports it): the core's modules side by
// side, the engine as the `nn` namespace, and enough of each to train and draw a frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCanvas } from '@napi-rs/canvas';
import * as gan2d from 'gan2d';

test('the entry trains with the trainer and the engine namespace, and draws the frame with the renderer', () => {
  const { nn } = gan2d;
  const config = gan2d.resolveTrainConfig({ batchSize: 32, dHidden: [8], gHidden: [8], optimizer: 'adam' });
  const trainer = gan2d.createTrainer(nn.createReferenceEngine(), config, gan2d.builtinTarget('ring'));
  const losses = trainer.step();
  assert.ok([losses.dReal, losses.dFake, losses.g].every(Number.isFinite));
  assert.ok(trainer.generator instanceof nn.Mlp);

  const layout = gan2d.trainingFrameLayout(120);
  const canvas = createCanvas(layout.width, layout.height);
  const { real, fake } = trainer.snapshot();
  gan2d.drawTrainingFrame(canvas.getContext('2d') as unknown as gan2d.RenderContext, layout, {
    real, fake, bounds: trainer.target.bounds, iteration: trainer.iteration, losses,
  });
  // Some pixel of the samples panel carries the real points' green.
  const { x, y, width, height } = layout.panels[0];
  const pixels = canvas.getContext('2d').getImageData(x, y, width, height).data;
  const [r, g, b] = gan2d.REAL;
  let found = false;
  for (let i = 0; i < pixels.length && !found; i += 4) found = pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b;
  assert.ok(found, 'real points drawn in their colour');
});

test("names that mean different things stay apart: the engine's ops under nn, option and measurement formats by name", () => {
  assert.equal(typeof gan2d.nn.sum, 'function');
  assert.equal('sum' in gan2d, false);
  assert.equal(gan2d.formatValue([128, 128]), '128,128');
  assert.equal(gan2d.formatMeasurement(0.6), '0.600');
  assert.equal(gan2d.UNIT_SQUARE.xMax, 1);
});
