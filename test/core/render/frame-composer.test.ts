import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawTrainingFrame, trainingFrameLayout, type TrainingFrameData } from '../../../src/core/render/frame.js';
import { TrainingFrameComposer } from '../../../src/core/render/frame-composer.js';
import { UNIT_SQUARE } from '../../../src/core/render/bounds.js';
import { createNodeCanvas, readPixels } from '../../../src/node/image/canvas.js';
import { gaussianBlob, twoDiscRaster, twoDiscs } from '../../support/render-fixtures.js';

test('the composer gives the very pixels drawTrainingFrame draws, frame after frame and when the chrome changes', () => {
  const layout = trainingFrameLayout(240);
  const reference = createNodeCanvas(layout.width, layout.height);
  const scratch = createNodeCanvas(layout.width, layout.height);
  const composer = new TrainingFrameComposer(scratch.context, layout);
  const frames: TrainingFrameData[] = [
    { real: twoDiscs(800), fake: gaussianBlob(800, [0.5, 0.5], 0.2), bounds: UNIT_SQUARE, iteration: 10, losses: { dReal: 0.7, dFake: 0.6, g: 0.9 } },
    { real: twoDiscs(800, 4), fake: gaussianBlob(800, [0.4, 0.6], 0.1), bounds: UNIT_SQUARE, iteration: 20, losses: { dReal: 0.5, dFake: 0.4, g: 1.3 }, metrics: { js64: 0.2 } },
    // New bounds and an exact density: the chrome is drawn again.
    {
      real: gaussianBlob(800, [0, 0], 1), fake: gaussianBlob(800, [0.5, 0], 1), bounds: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
      iteration: 30, losses: { dReal: 0.5, dFake: 0.4, g: 1.3 }, realDensity: twoDiscRaster(50),
    },
  ];
  for (const data of frames) {
    drawTrainingFrame(reference.context, layout, data);
    const expected = readPixels(reference);
    const composed = composer.compose(data);
    assert.equal(composed.length, expected.length);
    let differing = 0;
    for (let i = 0; i < expected.length; i++) if (composed[i] !== expected[i]) differing++;
    assert.equal(differing, 0, `iteration ${data.iteration}: ${differing} bytes differ`);
  }
});
