// Finding a resumed run's first frames in a GIF still being written or finished, and
// continuing the part file after them into the same bytes as a GIF written in one go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { GENERATED, REAL, WHITE, type Rgb } from '../../../src/core/render/colors.js';
import { gifPreamble, GifWriter } from '../../../src/node/image/gif-writer.js';
import { continueGif, gifFramesEnd } from '../../../src/node/train/gif-resume.js';

const W = 24;
const H = 10;
const COLOURS: Rgb[] = [WHITE, REAL, GENERATED, REAL, WHITE, GENERATED];

/** Frame i: a band of one colour over white, so every frame differs. */
function frame(i: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(W * H * 4);
  for (let p = 0; p < W * H; p++) rgba.set([...((p % W) < 4 * (i + 1) ? COLOURS[i % COLOURS.length] : WHITE), 255], 4 * p);
  return rgba;
}

async function wholeGif(path: string, frames: number): Promise<Buffer> {
  const gif = new GifWriter(path, W, H);
  for (let i = 0; i < frames; i++) gif.addFrame(frame(i));
  await gif.finish();
  return readFileSync(path);
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'gan2d-gif-resume-'));
}

test('gifFramesEnd finds where the first k frames end, in a finished GIF or one cut short', async () => {
  const dir = folder();
  try {
    const whole = await wholeGif(join(dir, 'a.gif'), 5);
    const preamble = gifPreamble(W, H);
    assert.ok(whole.subarray(0, preamble.length).equals(Buffer.from(preamble)), 'the file starts with the preamble');
    const ends = [0, 1, 2, 3, 4, 5].map((k) => gifFramesEnd(whole, preamble, k));
    assert.equal(ends[0], preamble.length);
    for (let k = 1; k <= 5; k++) assert.ok(ends[k]! > ends[k - 1]!, `frame ${k} ends after frame ${k - 1}`);
    assert.equal(ends[5], whole.length - 1, 'the 5th frame ends before the trailer');
    assert.equal(gifFramesEnd(whole, preamble, 6), null, 'no 6th frame');
    // Each prefix plus a trailer is a GIF of that many frames.
    const three = Buffer.concat([whole.subarray(0, ends[3]!), Buffer.from([0x3b])]);
    assert.equal(new GifReader(three).numFrames(), 3);

    // Still being written: no trailer, the 5th frame cut in the middle.
    const cut = whole.subarray(0, Math.floor((ends[4]! + ends[5]!) / 2));
    assert.equal(gifFramesEnd(cut, preamble, 4), ends[4]);
    assert.equal(gifFramesEnd(cut, preamble, 5), null);
    assert.equal(gifFramesEnd(cut.subarray(0, 5), preamble, 0), null, 'not even the preamble');
    // Another size, palette or loop: its preamble differs, nothing is kept.
    assert.equal(gifFramesEnd(whole, gifPreamble(W + 1, H), 1), null);
    assert.equal(gifFramesEnd(whole, gifPreamble(W, H, { palette: [WHITE, REAL, GENERATED] }), 1), null);
    assert.equal(gifFramesEnd(whole, gifPreamble(W, H, { repeat: -1 }), 1), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a part file continued after its first frames gives the bytes of a GIF written in one go', async () => {
  const dir = folder();
  try {
    const whole = await wholeGif(join(dir, 'whole.gif'), 6);
    const files = { gif: join(dir, 'training.gif'), gifPart: join(dir, '.training.gif.part') };
    const preamble = gifPreamble(W, H);

    // A run writes 4 frames, its checkpoint counts 3, and it dies while writing the 5th.
    const first = new GifWriter(files.gif, W, H, { partPath: files.gifPart });
    for (let i = 0; i < 4; i++) first.addFrame(frame(i));
    first.abort(); // as a crash does: a named part file holding frames is kept
    assert.ok(existsSync(files.gifPart));
    writeFileSync(files.gifPart, Buffer.concat([readFileSync(files.gifPart), whole.subarray(gifFramesEnd(whole, preamble, 4)!, gifFramesEnd(whole, preamble, 4)! + 30)]));

    const from = continueGif(files, 3, preamble);
    assert.deepEqual(from, { frames: 3, bytes: gifFramesEnd(whole, preamble, 3) });
    const second = new GifWriter(files.gif, W, H, { partPath: files.gifPart, continueAfter: from! });
    assert.equal(second.frameCount, 3);
    for (let i = 3; i < 6; i++) second.addFrame(frame(i));
    await second.finish();
    assert.ok(readFileSync(files.gif).equals(whole), 'the same bytes as the GIF written in one go');
    assert.deepEqual(readdirSync(dir).sort(), ['training.gif', 'whole.gif']);

    // Stopped by Ctrl-C, training.gif is whole and the part file gone: its first frames are copied to a new part file.
    const again = continueGif(files, 2, preamble);
    assert.deepEqual(again, { frames: 2, bytes: gifFramesEnd(whole, preamble, 2) });
    assert.ok(readFileSync(files.gifPart).equals(whole.subarray(0, again!.bytes)));
    const third = new GifWriter(files.gif, W, H, { partPath: files.gifPart, continueAfter: again! });
    for (let i = 2; i < 6; i++) third.addFrame(frame(i));
    await third.finish();
    assert.ok(readFileSync(files.gif).equals(whole));

    // Too few frames anywhere, or none asked for: start afresh.
    assert.equal(continueGif(files, 7, preamble), null);
    assert.equal(continueGif(files, 0, preamble), null);
    rmSync(files.gif);
    assert.equal(continueGif(files, 1, preamble), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
