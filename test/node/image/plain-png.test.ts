// PNGs decoded in JavaScript (plain-png.ts) against the canvas library on the same files: the
// same density grid bit for bit on every kind decoded in JavaScript (8- and 16-bit gray and
// RGB, 8-bit palette, interlaced, every level of each), and the kinds left to the canvas
// (transparency, colour spaces, low bit depths) really left to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode, type ImageData } from 'fast-png';
import { decodePicture } from '../../../src/node/image/decode.js';
import { pngChunk } from '../../../src/node/image/encode.js';
import { plainPngPixels } from '../../../src/node/image/plain-png.js';

const WIDTH = 256, HEIGHT = 256;

/** Every 16-bit value once (256×256), or every 8-bit value on each row. */
function samples(depth: 8 | 16, channels: number, seed: number): Uint8Array | Uint16Array {
  const n = WIDTH * HEIGHT * channels;
  if (depth === 16) return Uint16Array.from({ length: n }, (_, i) => (i * (channels === 1 ? 1 : 40503) + seed) & 0xffff);
  return Uint8Array.from({ length: n }, (_, i) => (i * (channels === 1 ? 1 : 157) + seed * (i >> 8)) & 0xff);
}

/** A palette of 256 colours, pixels indexing all of them. */
function paletteImage(): ImageData {
  const palette = Array.from({ length: 256 }, (_, i) => [i, (i * 7) & 0xff, 255 - i]);
  return { width: WIDTH, height: HEIGHT, depth: 8, channels: 1, palette, data: Uint8Array.from({ length: WIDTH * HEIGHT }, (_, i) => (i * 31 + (i >> 8)) & 0xff) };
}

/** Inserts a chunk right after IHDR (fast-png writes none of these itself). */
function withChunk(png: Uint8Array, name: string, data: number[]): Uint8Array {
  const afterHeader = 8 + 25;
  return Uint8Array.from([...png.subarray(0, afterHeader), ...pngChunk(name, Uint8Array.from(data)), ...png.subarray(afterHeader)]);
}

test('opaque PNGs decode in JavaScript to the canvas library\'s grid, bit for bit', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'gan2d-plain-png-'));
  try {
    const kinds: [string, Uint8Array][] = [
      ['gray 8', encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 1, data: samples(8, 1, 3) })],
      ['gray 16', encode({ width: WIDTH, height: HEIGHT, depth: 16, channels: 1, data: samples(16, 1, 0) })],
      ['rgb 8', encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 3, data: samples(8, 3, 5) })],
      ['rgb 16', encode({ width: WIDTH, height: HEIGHT, depth: 16, channels: 3, data: samples(16, 3, 7) })],
      ['palette 8', encode(paletteImage())],
      ['gray 8 interlaced', encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 1, data: samples(8, 1, 9) }, { interlace: 'Adam7' })],
      ['rgb 16 interlaced', encode({ width: WIDTH, height: HEIGHT, depth: 16, channels: 3, data: samples(16, 3, 11) }, { interlace: 'Adam7' })],
      ['gray 8 with an sRGB chunk', withChunk(encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 1, data: samples(8, 1, 13) }), 'sRGB', [0])],
    ];
    for (const [kind, png] of kinds) {
      assert.notEqual(plainPngPixels(png), null, `${kind}: decoded in JavaScript`);
      const path = join(folder, `${kind.replaceAll(' ', '-')}.png`);
      writeFileSync(path, png);
      const ours = await decodePicture(path);
      const canvas = await decodePicture(path, { canvasOnly: true });
      assert.equal(ours.grid.width, canvas.grid.width, kind);
      assert.equal(ours.grid.height, canvas.grid.height, kind);
      assert.deepEqual(ours.grid.values, canvas.grid.values, `${kind}: the density grid`);
      assert.ok(new Set(ours.grid.values).size > 200, `${kind}: many levels compared`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('transparency, colour-space chunks and low bit depths are left to the canvas library', () => {
  const gray = (): Uint8Array => encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 1, data: samples(8, 1, 1) });
  const leftToCanvas: [string, Uint8Array][] = [
    ['gray + alpha', encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 2, data: samples(8, 2, 1) })],
    ['rgba', encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 4, data: samples(8, 4, 1) })],
    ['gray with tRNS', withChunk(gray(), 'tRNS', [0, 0])],
    ['gray with gAMA', withChunk(gray(), 'gAMA', [0, 0, 0xaf, 0xc8])],
    ['gray 1 bit', encode({ width: 16, height: 4, depth: 1, channels: 1, data: new Uint8Array(8).fill(0xa5) })],
    ['not a PNG', new Uint8Array(64)],
  ];
  for (const [kind, png] of leftToCanvas) assert.equal(plainPngPixels(png), null, kind);
});

test('a truncated or damaged PNG is left to the canvas library, which decides as it always has', () => {
  const png = encode({ width: WIDTH, height: HEIGHT, depth: 8, channels: 1, data: samples(8, 1, 2) });
  assert.notEqual(plainPngPixels(png), null, 'whole');
  assert.equal(plainPngPixels(png.subarray(0, png.length >> 1)), null, 'truncated: no IEND');
  const damaged = Uint8Array.from(png);
  damaged[damaged.length - 20] ^= 0xff; // inside the image data: its CRC no longer matches
  assert.equal(plainPngPixels(damaged), null, 'damaged: a CRC mismatch');
});
