import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { decodePicture } from '../../../src/node/image/decode.js';
import { luminanceGrid } from '../../../src/core/density/luminance.js';
import { encodeGrayPng, gridToGray8 } from '../../../src/node/image/encode.js';
import { readPictureHeader } from '../../../src/node/image/header.js';
import { drawPicture, drawPictureParts, PICTURES } from '../../../src/core/density/pictures.js';

/** PNG bytes of RGBA pixels (not premultiplied), row 0 at the top. */
async function encodeRgbaPng(rgba: Uint8ClampedArray, width: number, height: number): Promise<Uint8Array> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const image = context.createImageData(width, height);
  image.data.set(rgba);
  context.putImageData(image, 0, 0);
  return canvas.encode('png');
}

const folder = mkdtempSync(join(tmpdir(), 'gan2d-image-'));
after(() => rmSync(folder, { recursive: true, force: true }));

test('luminance: Rec. 709 weights on the stored values, gray levels exact, alpha multiplies, row 0 on top', () => {
  const rgba = Uint8Array.from([
    255, 0, 0, 255, /**/ 0, 255, 0, 255, /**/ 0, 0, 255, 255,
    51, 51, 51, 255, /**/ 255, 255, 255, 128, /**/ 200, 100, 50, 0,
  ]);
  const grid = luminanceGrid(rgba, 3, 2);
  const expected = [0.2126, 0.7152, 0.0722, 51 / 255, 128 / 255, 0];
  for (let i = 0; i < 6; i++) assert.ok(Math.abs(grid.values[i] - expected[i]) < 1e-6, `pixel ${i}: ${grid.values[i]}`);
  assert.equal(grid.values[3], Math.fround(0.2)); // a gray level g gives exactly g / 255
});

test('our grayscale PNG decodes back through the canvas to the same levels', async () => {
  const gray = Uint8Array.from({ length: 37 * 23 }, (_, i) => (i * 7919) % 256);
  const path = join(folder, 'gray.png');
  writeFileSync(path, encodeGrayPng(gray, 37, 23));
  const header = readPictureHeader(readFileSync(path));
  assert.deepEqual(header, { format: 'PNG', width: 37, height: 23 });
  assert.equal(readFileSync(path)[25], 0); // colour type 0: grayscale
  const { grid } = await decodePicture(path);
  assert.equal(grid.width, 37);
  assert.equal(grid.height, 23);
  for (let i = 0; i < gray.length; i++) assert.equal(grid.values[i], Math.fround(gray[i] / 255));
});

test('PNG, JPEG, WebP and GIF decode with the right size and the bright quarter at the top left', async () => {
  const canvas = createCanvas(40, 30);
  const context = canvas.getContext('2d');
  context.fillStyle = '#000';
  context.fillRect(0, 0, 40, 30);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 20, 15);
  const files: [string, Buffer][] = [
    ['q.png', await canvas.encode('png')],
    ['q.jpg', await canvas.encode('jpeg', 95)],
    ['q.webp', await canvas.encode('webp', 100)],
    ['q.gif', await canvas.encode('gif')],
  ];
  for (const [name, bytes] of files) {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    const header = readPictureHeader(bytes);
    assert.equal(header?.width, 40, name);
    assert.equal(header?.height, 30, name);
    const { grid, format } = await decodePicture(path);
    assert.equal(format, header?.format);
    assert.equal(grid.width, 40);
    assert.equal(grid.height, 30);
    // Away from the edge (JPEG rings a little), top-left is white and the rest black.
    assert.ok(grid.values[5 * 40 + 5] > 0.95, `${name} top-left ${grid.values[5 * 40 + 5]}`);
    assert.ok(grid.values[25 * 40 + 35] < 0.05, `${name} bottom-right`);
    assert.ok(grid.values[5 * 40 + 35] < 0.05, `${name} top-right`);
  }
});

test('RGBA encode helper round-trips, alpha included', async () => {
  const rgba = new Uint8ClampedArray(4 * 6);
  for (let i = 0; i < 6; i++) rgba.set([40 * i, 255 - 40 * i, 17, 255], 4 * i);
  const path = join(folder, 'rgba.png');
  writeFileSync(path, await encodeRgbaPng(rgba, 3, 2));
  const { grid } = await decodePicture(path);
  const expected = luminanceGrid(rgba, 3, 2);
  assert.deepEqual(Array.from(grid.values), Array.from(expected.values));
});

test('a picture over the pixel limit is downscaled, keeping its aspect ratio, with a notice', async () => {
  const gray = new Uint8Array(300 * 100).fill(255);
  const path = join(folder, 'wide.png');
  writeFileSync(path, encodeGrayPng(gray, 300, 100));
  const notices: string[] = [];
  const { grid, fileWidth, fileHeight } = await decodePicture(path, { maxPixels: 7500, onNotice: (m) => notices.push(m) });
  assert.deepEqual([fileWidth, fileHeight], [300, 100]);
  assert.deepEqual([grid.width, grid.height], [150, 50]);
  assert.equal(notices.length, 1);
  assert.match(notices[0], /wide\.png: 300x100 .* downscaled to 150x50/);
  assert.ok(grid.values.every((v) => v > 0.99));
});

test('examples/ holds exactly what the built-in drawing code draws', async () => {
  for (const [name, spec] of Object.entries(PICTURES)) {
    const files: [string, ReturnType<typeof drawPicture>][] = [[`examples/${name}.png`, drawPicture(name)]];
    if (spec.conditional) drawPictureParts(name).forEach((grid, i) => files.push([`examples/${name}/${i}.png`, grid]));
    for (const [path, drawn] of files) {
      const { grid } = await decodePicture(path);
      assert.equal(grid.width, 256, path);
      assert.equal(grid.height, 256, path);
      assert.deepEqual(gridToGray8(grid), gridToGray8(drawn), `${path} differs from the drawing: run npm run examples`);
      assert.deepEqual(grid.values, drawn.values, path);
    }
  }
});

test('header reader: unknown bytes are not a picture; damaged headers give no size', () => {
  assert.equal(readPictureHeader(Buffer.from('hello, world')), null);
  assert.equal(readPictureHeader(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.deepEqual(readPictureHeader(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), {
    format: 'PNG', width: null, height: null,
  });
  assert.deepEqual(readPictureHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), { format: 'JPEG', width: null, height: null });
});
