import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawTrainingFrame, trainingFrameLayout, type TrainingFrameData } from '../../../src/core/render/frame.js';
import { GENERATED, REAL, CONDITION_COLORS, WHITE, type Rgb } from '../../../src/core/render/colors.js';
import { UNIT_SQUARE } from '../../../src/core/render/bounds.js';
import type { PixelRect } from '../../../src/core/render/context.js';
import { createNodeCanvas, encodePng } from '../../../src/node/image/canvas.js';
import { decodeImage, pixelAt } from '../../support/render-fixtures.js';

type Image = Awaited<ReturnType<typeof decodeImage>>;

async function renderToPng(data: TrainingFrameData, panelWidth = 240): Promise<Image> {
  const layout = trainingFrameLayout(panelWidth);
  const target = createNodeCanvas(layout.width, layout.height);
  drawTrainingFrame(target.context, layout, data);
  const image = await decodeImage(encodePng(target));
  assert.equal(image.width, layout.width);
  assert.equal(image.height, layout.height);
  return image;
}

/** Every pixel of `rect` (inset by one pixel, off the frame line) whose colour is exactly `color`. */
function pixelsOf(image: Image, rect: PixelRect, color: Rgb): { x: number; y: number }[] {
  const found: { x: number; y: number }[] = [];
  for (let y = rect.y + 1; y < rect.y + rect.height - 1; y++) {
    for (let x = rect.x + 1; x < rect.x + rect.width - 1; x++) {
      const [r, g, b] = pixelAt(image, x, y);
      if (r === color[0] && g === color[1] && b === color[2]) found.push({ x, y });
    }
  }
  return found;
}

function centre(points: { x: number; y: number }[]): { x: number; y: number } {
  return {
    x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
    y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
  };
}

const baseFrame = {
  bounds: UNIT_SQUARE,
  iteration: 120,
  losses: { dReal: 0.5, dFake: 0.6, g: 0.9 },
};

test('real points are green crosses and generated points purple dots, with y up', async () => {
  const layout = trainingFrameLayout(240);
  const samples = layout.panels[0];
  // One real point high up on the left, one generated point low on the right.
  const image = await renderToPng({ ...baseFrame, real: new Float32Array([0.2, 0.9]), fake: new Float32Array([0.8, 0.1]) });

  const green = pixelsOf(image, samples, REAL);
  const purple = pixelsOf(image, samples, GENERATED);
  assert.ok(green.length >= 5, `a cross is several pixels (found ${green.length})`);
  assert.ok(purple.length >= 2, `a dot is a few pixels (found ${purple.length})`);

  // Where the points should land, as fractions of the panel measured from its top-left corner.
  const greenAt = centre(green);
  const purpleAt = centre(purple);
  const fractionX = (x: number): number => (x - samples.x) / samples.width;
  const fractionDown = (y: number): number => (y - samples.y) / samples.height;
  assert.ok(Math.abs(fractionX(greenAt.x) - 0.2) < 0.02, `real x at ${fractionX(greenAt.x)}`);
  assert.ok(Math.abs(fractionDown(greenAt.y) - 0.1) < 0.02, `y = 0.9 is near the TOP (at ${fractionDown(greenAt.y)} of the height from the top)`);
  assert.ok(Math.abs(fractionX(purpleAt.x) - 0.8) < 0.02, `generated x at ${fractionX(purpleAt.x)}`);
  assert.ok(Math.abs(fractionDown(purpleAt.y) - 0.9) < 0.02, `y = 0.1 is near the bottom (at ${fractionDown(purpleAt.y)})`);

  // A cross: pixels on both diagonals through its centre; a dot: a compact blob.
  const spread = (points: { x: number; y: number }[]): number =>
    Math.max(...points.map((p) => Math.max(Math.abs(p.x - greenAt.x), Math.abs(p.y - greenAt.y))));
  assert.ok(spread(green) <= layout.crossArm + 0.5);
  assert.ok(green.some((p) => p.x < greenAt.x && p.y < greenAt.y) && green.some((p) => p.x > greenAt.x && p.y > greenAt.y));
  assert.ok(green.some((p) => p.x > greenAt.x && p.y < greenAt.y) && green.some((p) => p.x < greenAt.x && p.y > greenAt.y));

  // Everything else in the plot area is the white page.
  const white = pixelsOf(image, samples, WHITE).length;
  const inner = (samples.width - 2) * (samples.height - 2);
  assert.equal(white + green.length + purple.length, inner);
});

test('the density panels put their mass where the points are', async () => {
  const layout = trainingFrameLayout(240);
  const real = new Float32Array(400);
  const fake = new Float32Array(400);
  for (let i = 0; i < 200; i++) {
    real.set([0.25, 0.75], 2 * i); // top-left
    fake.set([0.75, 0.25], 2 * i); // bottom-right
  }
  const image = await renderToPng({ ...baseFrame, real, fake });
  const [, realPanel, generatedPanel] = layout.panels;
  // The ramp darkens from white toward the meaning's colour: the darkest pixels mark the densest place.
  const darkest = (rect: PixelRect): { x: number; y: number } => {
    let best = Infinity;
    let places: { x: number; y: number }[] = [];
    for (let y = rect.y + 1; y < rect.y + rect.height - 1; y++) {
      for (let x = rect.x + 1; x < rect.x + rect.width - 1; x++) {
        const brightness = pixelAt(image, x, y).reduce((sum, channel) => sum + channel, 0);
        if (brightness < best) [best, places] = [brightness, []];
        if (brightness === best) places.push({ x, y });
      }
    }
    return centre(places);
  };
  const realPeak = darkest(realPanel);
  const generatedPeak = darkest(generatedPanel);
  assert.ok(pixelsOf(image, realPanel, GENERATED).length === 0 && pixelsOf(image, generatedPanel, REAL).length === 0);
  assert.ok(Math.abs((realPeak.x - realPanel.x) / realPanel.width - 0.25) < 0.03);
  assert.ok(Math.abs((realPeak.y - realPanel.y) / realPanel.height - 0.25) < 0.03, 'real mass at y = 0.75 is in the upper quarter');
  assert.ok(Math.abs((generatedPeak.x - generatedPanel.x) / generatedPanel.width - 0.75) < 0.03);
  assert.ok(Math.abs((generatedPeak.y - generatedPanel.y) / generatedPanel.height - 0.75) < 0.03);
  // Far from the points the panels are empty (white).
  assert.deepEqual(pixelAt(image, realPanel.x + realPanel.width - 10, realPanel.y + realPanel.height - 10), [...WHITE]);
  assert.deepEqual(pixelAt(image, generatedPanel.x + 10, generatedPanel.y + 10), [...WHITE]);
});

test('an exact real density raster is drawn cell by cell, row 0 at the top', async () => {
  const layout = trainingFrameLayout(240);
  // 2×2 raster: only the top-left cell has mass.
  const realDensity = { width: 2, height: 2, values: new Float32Array([1, 0, 0, 0]) };
  const image = await renderToPng({ ...baseFrame, real: new Float32Array(0), fake: new Float32Array(0), realDensity });
  const panel = layout.panels[1];
  const quarter = (fx: number, fy: number): [number, number, number] =>
    pixelAt(image, Math.round(panel.x + fx * panel.width), Math.round(panel.y + fy * panel.height));
  assert.deepEqual(quarter(0.25, 0.25), [...REAL]);
  assert.deepEqual(quarter(0.75, 0.25), [...WHITE]);
  assert.deepEqual(quarter(0.25, 0.75), [...WHITE]);
  assert.deepEqual(quarter(0.75, 0.75), [...WHITE]);
});

test('conditional runs colour each point by its condition (CONDITION_COLORS in order)', async () => {
  const layout = trainingFrameLayout(240);
  const samples = layout.panels[0];
  const real = new Float32Array([0.2, 0.2, 0.5, 0.5, 0.8, 0.8]);
  const fake = new Float32Array([0.2, 0.8, 0.5, 0.2, 0.8, 0.5]);
  const conditions = new Uint8Array([0, 1, 2]);
  const image = await renderToPng({
    ...baseFrame, real, fake, realConditions: conditions, fakeConditions: conditions, conditionCount: 3,
  });
  for (let condition = 0; condition < 3; condition++) {
    const color = CONDITION_COLORS[condition];
    const pixels = pixelsOf(image, samples, color);
    assert.ok(pixels.length > 0, `condition ${condition} appears`);
    // Its pixels sit at its real point or its generated point, nowhere else.
    const places = [
      [real[2 * condition], real[2 * condition + 1]],
      [fake[2 * condition], fake[2 * condition + 1]],
    ].map(([x, y]) => ({ x: samples.x + x * samples.width, y: samples.y + (1 - y) * samples.height }));
    for (const pixel of pixels) {
      assert.ok(places.some((place) => Math.hypot(pixel.x - place.x, pixel.y - place.y) < 5), `stray pixel of condition ${condition}`);
    }
  }
  assert.equal(pixelsOf(image, samples, REAL).length, 0, 'no plain green when colour means condition');
  assert.equal(pixelsOf(image, samples, GENERATED).length, 0);
});

test('points outside the bounds are left out; the layout scales for final.png', async () => {
  const image = await renderToPng({ ...baseFrame, real: new Float32Array([1.5, 0.5, NaN, 0.5]), fake: new Float32Array([-0.1, 0.5]) }, 480);
  const layout = trainingFrameLayout(480);
  assert.equal(layout.width, 1440);
  assert.equal(pixelsOf(image, layout.panels[0], REAL).length, 0);
  assert.equal(pixelsOf(image, layout.panels[0], GENERATED).length, 0);
});

test('malformed frame data is refused with a clear message', () => {
  const layout = trainingFrameLayout(240);
  const { context } = createNodeCanvas(layout.width, layout.height);
  const draw = (data: Partial<TrainingFrameData>): void =>
    drawTrainingFrame(context, layout, { ...baseFrame, real: new Float32Array(2), fake: new Float32Array(2), ...data });
  assert.throws(() => draw({ real: new Float32Array(3) }), /real points must be x,y pairs/);
  assert.throws(() => draw({ fakeConditions: new Uint8Array(2) }), /fakeConditions has 2 entries for 1 points/);
  assert.throws(() => draw({ realConditions: new Uint8Array([4]), conditionCount: 3 }), /conditionCount 3/);
  assert.throws(() => draw({ bounds: { xMin: 0, xMax: 0, yMin: 0, yMax: 1 } }), /bounds/);
  assert.throws(() => trainingFrameLayout(50), /panel width/);
});
