import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISCRIMINATOR, GENERATED, GENERATOR_GRADIENT, type Rgb } from '../../../src/core/render/colors.js';
import { drawLossPlot, type TrainingCurves } from '../../../src/core/render/line-plot.js';
import { createNodeCanvas, encodePng } from '../../../src/node/image/canvas.js';
import { decodeImage, pixelAt } from '../../support/render-fixtures.js';

type Image = Awaited<ReturnType<typeof decodeImage>>;

async function render(curves: TrainingCurves, size = { width: 900, height: 640 }): Promise<Image> {
  const target = createNodeCanvas(size.width, size.height);
  drawLossPlot(target.context, size, curves);
  return decodeImage(encodePng(target));
}

function rowsWith(image: Image, color: Rgb, xFrom: number, xTo: number): number[] {
  const rows: number[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = xFrom; x < xTo; x++) {
      const [r, g, b] = pixelAt(image, x, y);
      if (Math.abs(r - color[0]) + Math.abs(g - color[1]) + Math.abs(b - color[2]) < 12) {
        rows.push(y);
        break;
      }
    }
  }
  return rows;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('losses.png draws G above D when its loss is higher, in the generator and discriminator colours', async () => {
  const iterations = Array.from({ length: 200 }, (_, i) => i + 1);
  const image = await render({
    iterations,
    dReal: iterations.map(() => 0.5),
    dFake: iterations.map(() => 0.5),
    g: iterations.map(() => 2),
  });
  // Look in the middle third of the width, away from the legend in the top-right corner.
  const blue = rowsWith(image, DISCRIMINATOR, 300, 500);
  const magenta = rowsWith(image, GENERATOR_GRADIENT, 300, 500);
  assert.ok(blue.length > 0 && magenta.length > 0);
  assert.ok(median(magenta) < median(blue), 'the higher loss is drawn higher up');
});

test('the metrics panel sits below the losses, on a log axis where asked', async () => {
  const iterations = Array.from({ length: 50 }, (_, i) => (i + 1) * 10);
  const image = await render({
    iterations,
    dReal: iterations.map(() => 0.7),
    dFake: iterations.map(() => 0.7),
    g: iterations.map(() => 0.7),
    metrics: {
      logY: true,
      series: [{ label: 'js64', color: GENERATED, x: iterations, y: iterations.map((i) => 10 ** (-i / 250)) }],
    },
  });
  const ink = rowsWith(image, GENERATED, 300, 600).filter((row) => row > image.height * 0.55);
  assert.ok(ink.length > 0, 'the metric line is in the lower panel');
  // On a log axis 10^-x falls as a straight line: rows at 1/4, 1/2 and 3/4 of the x range are evenly spaced.
  const xs = [0.25, 0.5, 0.75].map((f) => Math.round(image.width * (0.08 + f * 0.82)));
  const rowAt = (x: number): number => {
    const rows = rowsWith(image, GENERATED, x, x + 1).filter((row) => row > image.height * 0.55);
    return median(rows);
  };
  const [a, b, c] = xs.map(rowAt);
  assert.ok(a < b && b < c, 'falling line goes down the page');
  assert.ok(Math.abs((b - a) - (c - b)) <= 3, `evenly spaced on a log axis: ${a}, ${b}, ${c}`);
});

test('an empty history draws axes and says so instead of failing', async () => {
  const image = await render({ iterations: [], dReal: [], dFake: [], g: [] }, { width: 400, height: 300 });
  assert.equal(image.width, 400);
});
