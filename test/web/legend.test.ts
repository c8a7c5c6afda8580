/**
 * The page's key and words in Debian's Chromium (see web-browser.ts): D's surface colour bar,
 * a key per condition named by its file name, real and generated points told apart by more
 * than their marks, options in plain words with their CLI names, and the figures explained.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createCanvas } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { TRAIN_OPTIONS } from '../../src/core/gan/config.js';
import { conditionColor, GENERATED, REAL, type Rgb } from '../../src/core/render/colors.js';
import type { ConditionScores } from '../../src/core/metrics/index.js';
import { conditionScoreWords } from '../../src/web/view-key.js';
import { countNear, exportedPng, openPageSession, viewPixelsNear, untilStatus, type PageSession, type PageStatus } from '../support/web-browser.js';

let session: PageSession;
let page: Page;

before(async () => {
  session = await openPageSession();
  page = await session.newPage('#data=builtin:binary');
});

after(async () => {
  await session?.close();
});

const until = (predicate: (status: PageStatus) => boolean, what: string): Promise<PageStatus> => untilStatus(page, predicate, what);

const rgb = (color: Rgb): string => `rgb(${color[0]}, ${color[1]}, ${color[2]})`;

test("a colour bar explains D's surface: fake, unsure, real", async () => {
  await until((s) => s.generated.length > 0, 'the first frame');
  assert.equal(await page.isVisible('#surface-key'), true);
  const labels = (await page.locator('#surface-key .surface-labels span').allTextContents()).map((text) => text.split(' ')[0]);
  assert.deepEqual(labels, ['fake', 'unsure', 'real']);
  // The bar runs from the fake purple's tint to the real green's.
  const background = await page.locator('#surface-key .surface-bar').evaluate((element) => getComputedStyle(element).backgroundImage);
  assert.match(background, /^linear-gradient/);
  assert.equal(await page.isVisible('#condition-key'), false, 'no condition key in a plain run');
});

test('a conditional run has a key per condition, named by its file name, with real and generated marks apart', async () => {
  const picture = (x: number): Buffer => {
    const canvas = createCanvas(64, 64);
    const context = canvas.getContext('2d');
    context.fillStyle = '#000';
    context.fillRect(0, 0, 64, 64);
    context.fillStyle = '#fff';
    context.fillRect(x, 10, 14, 44);
    return canvas.toBuffer('image/png');
  };
  // Five pictures: the fifth condition is where Tableau 10 had its green.
  const files = ['p1-left.png', 'p2.png', 'p3.png', 'p4.png', 'p5-right.png'].map((name, i) => ({ name, mimeType: 'image/png', buffer: picture(4 + 11 * i) }));
  await page.setInputFiles('#upload', files);
  await until((s) => s.conditions.length === 5 && s.generated.length > 0, 'five pictures');
  assert.equal(await page.isVisible('#condition-key'), true);
  const names = await page.locator('#condition-key .condition-name').allTextContents();
  assert.deepEqual(names, files.map((file) => file.name), 'each condition by its file name');
  // Each entry's latest figures, against its own picture: the words of the scores the page last received.
  await until((s) => s.scores !== null && s.scores.conditions.length === 5, 'scores picture by picture');
  // One evaluation reads both: the page updates them together, at each score.
  const shownScores = await page.evaluate(() => ({
    scores: (window.gan2d.status() as unknown as PageStatus).scores!,
    texts: Array.from(document.querySelectorAll('#condition-key .condition-score')).map((element) => element.textContent),
  }));
  assert.deepEqual(shownScores.texts, shownScores.scores.conditions.map(conditionScoreWords));
  const share = (c: ConditionScores): number => c.points / shownScores.scores.conditions.reduce((sum, each) => sum + each.points, 0);
  const mean = shownScores.scores.conditions.reduce((sum, c) => sum + share(c) * c.values.js64, 0);
  assert.ok(Math.abs(mean - shownScores.scores.values.js64) < 1e-9, `the pictures' js64 weighted ${mean}, the whole ${shownScores.scores.values.js64}`);
  for (const c of shownScores.scores.conditions) assert.ok(c.values.js64 > c.floors.js64 && c.floors.js64 > 0, `${c.name}: js64 ${c.values.js64} above its floor ${c.floors.js64}`);
  const options = await page.locator('#condition-select option').allTextContents();
  assert.deepEqual(options, ['all conditions', ...files.map((file) => file.name)]);
  const marks = await page.locator('#condition-key li').evaluateAll((items) => items.map((item) => ({
    real: getComputedStyle(item.querySelector('.mark-real')!).color,
    generated: getComputedStyle(item.querySelector('.mark-generated')!).backgroundColor,
  })));
  marks.forEach((mark, i) => {
    assert.equal(mark.generated, rgb(conditionColor(i)), `condition ${i}'s generated mark`);
    assert.notEqual(mark.real, mark.generated, `condition ${i}: real and generated marks differ in colour too`);
    for (const color of [mark.real, mark.generated]) assert.ok(color !== rgb(REAL) && color !== rgb(GENERATED), `condition ${i} uses a meaning's colour`);
  });
  // The view draws the real points in the key's colours: with the real points alone shown, the
  // darker shade (at the crosses' 80% opacity over white) is on the canvas.
  for (const input of await page.locator('#legend label:not([hidden]) input[type="checkbox"]').all()) {
    if ((await input.isChecked()) !== ((await input.getAttribute('value')) === 'real')) await input.click();
  }
  await page.waitForTimeout(300);
  const shade = marks[0].real.match(/\d+/g)!.map((channel) => 0.8 * Number(channel) + 0.2 * 255);
  const found = await viewPixelsNear(page, shade, 40);
  assert.ok(found > 20, `pixels near the real mark's colour on the view: ${found}`);
  for (const layer of ['surface', 'generated', 'gradients']) await page.click(`#layer-${layer}`);
  // A built-in's parts are named as its parts, not "condition 0".
  await page.click('.thumb[data-name="binary"]');
  await until((s) => s.data === 'builtin:binary', 'binary');
  await page.check('#builtin-conditional');
  await until((s) => s.data === 'builtin:binary/parts' && s.conditions.length === 2, 'binary by parts');
  assert.deepEqual(await page.locator('#condition-key .condition-name').allTextContents(), ['binary, part 1', 'binary, part 2']);
  await page.uncheck('#builtin-conditional');
});

test('every option shows a first line in plain words, then its CLI flag', async () => {
  await page.evaluate(() => { for (const group of Array.from(document.querySelectorAll<HTMLDetailsElement>('#options details'))) group.open = true; });
  const inPage = TRAIN_OPTIONS.filter((spec) => !['checkpoint-interval', 'export-samples', 'samples-format', 'time-limit'].includes(spec.flag));
  for (const spec of inPage) {
    const plain = await page.textContent(`#option-${spec.flag}-help .plain`);
    const flag = await page.textContent(`#option-${spec.flag}-help .flag`);
    assert.equal(flag, `--${spec.flag}: ${spec.help}`);
    assert.ok(plain && plain.length > 10 && plain !== spec.help, `--${spec.flag} has words of its own: ${plain}`);
    assert.doesNotMatch(plain, /BCE|D\(G\(z\)\)|∇|γ/, `--${spec.flag}'s first line has no formula`);
  }
  assert.match(await page.textContent('#option-d-steps-help .plain') ?? '', /how hard D is trained for each G step/);
});

/** Pixels of `image` in rows [from, to) within `tolerance` (summed over channels) of `color`. */
test('Export PNG has a title (data, iteration, losses, figures) above the view and the key below it', async () => {
  await page.click('#step-both');
  await until((s) => s.data === 'builtin:binary' && s.iteration >= 1 && s.scores !== null, 'a step and its scores');
  const side = await page.evaluate(() => (document.getElementById('view') as HTMLCanvasElement).width);
  const image = await exportedPng(page);
  assert.equal(image.width, side);
  const extra = image.height - side;
  assert.ok(extra > 60, `title and key add ${extra} rows`);
  // The view sits between: find the rows where its pixels are, by the rows the key and title take.
  const ink: Rgb = [34, 34, 34];
  const titleRows = Math.round(extra * 0.3);
  assert.ok(countNear(image, 0, titleRows, ink, 60) > 200, 'the title is written in ink');
  const keyFrom = image.height - Math.round(extra * 0.35);
  // The key: real × in the real green, generated • in the generated purple, and the surface's bar from fake to real.
  assert.ok(countNear(image, keyFrom, image.height, REAL) > 5, 'a real mark in the key');
  assert.ok(countNear(image, keyFrom, image.height, GENERATED) > 10, 'a generated mark in the key');
  const { surfaceColor } = await import('../../src/web/surface-colors.js');
  for (const p of [0, 0.5, 1]) assert.ok(countNear(image, keyFrom, image.height, surfaceColor(p), 6) > 5, `the surface bar shows its colour at ${p}`);
});

test('js64, oos and far oos each explain themselves in a sentence on focus', async () => {
  await until((s) => s.data === 'pictures' || s.data.startsWith('builtin:binary'), 'a picture run');
  for (const term of ['js64', 'oos', 'far oos']) {
    const locator = page.locator('#metrics-help .term', { hasText: new RegExp(`^${term}`) }).first();
    const tip = locator.locator('.term-tip');
    assert.equal(await tip.isVisible(), false);
    await locator.focus();
    assert.equal(await tip.isVisible(), true, `${term}'s sentence shows on focus`);
    const sentence = await tip.textContent();
    assert.ok(sentence && sentence.endsWith('.') && sentence.split('. ').length === 1, `one sentence: ${sentence}`);
    const describedBy = await locator.getAttribute('aria-describedby');
    assert.equal(await page.locator(`#${describedBy}`).textContent(), sentence, 'and screen readers get it too');
  }
  await page.locator('#view').click();
  assert.deepEqual(session.errors, []);
});
