import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DISCRIMINATOR, GENERATED, GENERATOR_GRADIENT, RAMP_STEPS, REAL, CONDITION_COLORS, UNDECIDED_GREY, WHITE,
  conditionColor, densityScale, discriminatorScale, hexToRgb, rampTable, type Rgb,
} from '../../../src/core/render/colors.js';
import { trainingPalette } from '../../../src/core/render/gif-palette.js';
import { PaletteIndexer, nearestIndex } from '../../../src/core/render/palette-indexer.js';
import { formatTick, formatMeasurement, linearTicks, logTicks } from '../../../src/core/render/ticks.js';
import { movingAverage } from '../../../src/core/render/line-plot.js';
import { Rng } from '../../../src/core/rng.js';

test('the meanings have the colours of docs/design.md', () => {
  assert.deepEqual(REAL, [0x00, 0x88, 0x37]);
  assert.deepEqual(GENERATED, [0xa3, 0x3e, 0xbd]);
  assert.deepEqual(DISCRIMINATOR, [0x44, 0x7c, 0xe4]);
  assert.deepEqual(GENERATOR_GRADIENT, [0xc4, 0x14, 0xdb]);
  assert.deepEqual(CONDITION_COLORS[0], hexToRgb('#4e79a7'));
  assert.deepEqual(conditionColor(10), CONDITION_COLORS[0], 'conditions past ten wrap around');
  assert.throws(() => hexToRgb('#12345'), /not a #rrggbb/);
});

/** CIELAB ΔE (CIE76) between two sRGB colours (D65), computed here from the standard formulas. */
function deltaE(a: Rgb, b: Rgb): number {
  const lab = (color: Rgb): number[] => {
    const [r, g, bl] = color.map((c) => {
      const v = c / 255;
      return v > 0.04045 ? ((v + 0.055) / 1.055) ** 2.4 : v / 12.92;
    });
    const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
    const x = f((0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047);
    const y = f(0.2126 * r + 0.7152 * g + 0.0722 * bl);
    const z = f((0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883);
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

test('no condition colour can be taken for the real green or the generated purple (one meaning per colour)', () => {
  // Tableau 10's own green was ΔE 15 from the real green: the same colour to the eye.
  assert.ok(deltaE(hexToRgb('#59a14f'), REAL) < 20);
  for (const color of CONDITION_COLORS) {
    for (const meaning of [REAL, GENERATED]) assert.ok(deltaE(color, meaning) >= 45, `${color} vs ${meaning}: ΔE ${deltaE(color, meaning).toFixed(0)}`);
  }
  // And the conditions stay apart from one another.
  CONDITION_COLORS.forEach((a, i) => CONDITION_COLORS.slice(i + 1).forEach((b) => assert.ok(deltaE(a, b) >= 20, `${a} vs ${b}: ΔE ${deltaE(a, b).toFixed(0)}`)));
});

test('the discriminator scale runs purple (fake) - grey - green (real); density ramps run white to the colour', () => {
  assert.deepEqual(discriminatorScale(0), GENERATED);
  assert.deepEqual(discriminatorScale(0.5), UNDECIDED_GREY);
  assert.deepEqual(discriminatorScale(1), REAL);
  assert.deepEqual(discriminatorScale(-3), GENERATED, 'clamped');
  assert.deepEqual(discriminatorScale(NaN), UNDECIDED_GREY);
  const quarter = discriminatorScale(0.25);
  assert.ok(quarter[0] > UNDECIDED_GREY[0] - 60 && quarter[0] < GENERATED[0] + 60);
  assert.deepEqual(densityScale(REAL, 0), WHITE);
  assert.deepEqual(densityScale(REAL, 1), REAL);
  const table = rampTable((t) => densityScale(GENERATED, t));
  assert.equal(table.length, RAMP_STEPS * 4);
  assert.deepEqual([...table.slice(-4)], [...GENERATED, 255]);
});

test('the GIF palette holds every ramp step and meaning, within 256 colours, white first', () => {
  const palette = trainingPalette();
  assert.ok(palette.length <= 256);
  assert.deepEqual(palette[0], WHITE);
  const has = (color: Rgb): boolean => palette.some((entry) => entry.every((channel, i) => channel === color[i]));
  for (const color of [REAL, GENERATED, DISCRIMINATOR, GENERATOR_GRADIENT, ...CONDITION_COLORS]) assert.ok(has(color));
  for (let i = 0; i < RAMP_STEPS; i++) {
    const t = i / (RAMP_STEPS - 1);
    assert.ok(has(densityScale(REAL, t)) && has(densityScale(GENERATED, t)) && has(discriminatorScale(t)), `ramp step ${i}`);
  }
});

test('the palette indexer maps palette colours to themselves and others close to their true nearest', () => {
  const palette = trainingPalette();
  const indexer = new PaletteIndexer(palette);
  const exact = new Uint8ClampedArray(palette.length * 4);
  palette.forEach((color, i) => exact.set([...color, 255], i * 4));
  const indices = indexer.indexPixels(exact);
  palette.forEach((color, i) => assert.deepEqual(palette[indices[i]], color, `palette colour ${i}`));

  const rng = new Rng(8);
  const count = 2000;
  const random = Uint8ClampedArray.from({ length: count * 4 }, () => rng.int(256));
  const mapped = indexer.indexPixels(random);
  const distance = (a: Rgb, b: Rgb): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  for (let i = 0; i < count; i++) {
    const color: Rgb = [random[4 * i], random[4 * i + 1], random[4 * i + 2]];
    const best = distance(palette[nearestIndex(palette, color)], color);
    // The lookup answers for its cell's centre: at most half a cell's diagonal (2 levels a channel) worse.
    assert.ok(distance(palette[mapped[i]], color) <= best + 2 * Math.sqrt(3) * 2, `pixel ${i}`);
  }
  // Runs of one colour give the same answer as single pixels.
  const run = new Uint8ClampedArray(40).fill(200);
  assert.ok(indexer.indexPixels(run).every((index, _, all) => index === all[0]));
  assert.throws(() => new PaletteIndexer([]), /1 to 256/);
});

test('ticks fall on round numbers and labels carry no float noise', () => {
  assert.deepEqual(linearTicks(0, 1, 3), [0, 0.5, 1]);
  assert.deepEqual(linearTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(-1.5, 1.5, 3), [-1, 0, 1]);
  assert.deepEqual(linearTicks(-5.5, 5.5, 3), [-5, 0, 5]);
  assert.ok(linearTicks(0.41, 0.49, 2).length >= 2, 'a narrow range still gets two ticks');
  assert.deepEqual(logTicks(0.003, 0.5), [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
  assert.deepEqual(logTicks(1e-5, 10), [1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
  assert.equal(formatTick(0.1 + 0.2), '0.3');
  assert.equal(formatTick(-1), '−1');
  assert.equal(formatMeasurement(0.6), '0.600');
  assert.equal(formatMeasurement(1234.5), '1235');
  assert.equal(formatMeasurement(NaN), '–');
});

test('movingAverage averages a centred window and keeps gaps', () => {
  const averaged = movingAverage([1, 2, 3, NaN, 5, 6], 3);
  assert.deepEqual([...averaged.slice(0, 3)], [1.5, 2, 2.5]);
  assert.ok(Number.isNaN(averaged[3]));
  assert.deepEqual([...averaged.slice(4)], [5.5, 5.5]);
});
