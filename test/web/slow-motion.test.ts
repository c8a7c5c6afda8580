/**
 * The page's slow motion in Debian's Chromium (see web-browser.ts): real slow speeds, down to
 * one iteration a second, and the staged step, one iteration shown in two captioned stages.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPageSession, pageStatus, untilStatus, type PageSession, type PageStatus } from '../support/web-browser.js';

let session: PageSession;
let page: Page;

before(async () => {
  session = await openPageSession();
  page = await session.newPage('#data=builtin:ring');
});

after(async () => {
  await session?.close();
});

const until = (predicate: (status: PageStatus) => boolean, what: string): Promise<PageStatus> => untilStatus(page, predicate, what);

test('at "1 iteration a second" the page trains one iteration a second, and shows each one', async () => {
  await until((s) => s.generated.length > 0, 'the first frame');
  await page.selectOption('#speed', 'second:1');
  assert.equal((await pageStatus(page)).speed, 'second:1');
  const labels = await page.locator('#speed option').allTextContents();
  assert.equal(labels.at(-1), '1 iteration a second', 'the slowest speed, last in the menu');
  await page.click('#play');
  const first = await until((s) => s.playing && s.iteration >= 1, 'the first iteration');
  const began = Date.now();
  const seen = new Set<number>([first.iteration]);
  let last = first;
  while (Date.now() - began < 3500) {
    await page.waitForTimeout(100);
    last = await pageStatus(page);
    seen.add(last.iteration);
  }
  const elapsed = (Date.now() - began) / 1000;
  await page.click('#play');
  const advanced = last.iteration - first.iteration;
  // An upper bound only (a loaded machine may be slower, never faster): at most one a second.
  assert.ok(advanced <= Math.floor(elapsed) + 1, `${advanced} iterations in ${elapsed.toFixed(1)} s at one a second`);
  assert.ok(advanced >= 1, 'it trained on');
  // Every iteration reached the view: a frame per iteration, none skipped.
  for (let iteration = first.iteration; iteration <= last.iteration; iteration++) assert.ok(seen.has(iteration), `iteration ${iteration} shown`);
  await until((s) => !s.playing, 'pause');
  await page.selectOption('#speed', 'fastest');
});

test('Step in stages shows D\'s update, then G\'s, each captioned in words; Play goes on from there', async () => {
  const start = await until((s) => !s.playing && s.surfaceSum !== null, 'a paused view with its surface');
  assert.equal(await page.isVisible('#stage-caption'), false, 'no caption before a staged step');
  await page.click('#step-stage');
  const d = await until((s) => s.stage?.part === 'd', "D's stage");
  assert.equal(d.iteration, start.iteration, "D's half does not count the iteration yet");
  assert.equal(d.stage?.iteration, start.iteration + 1);
  assert.notEqual(d.surfaceSum, start.surfaceSum, "D's surface changed");
  assert.deepEqual(d.generated, start.generated, 'the points did not move');
  const dCaption = await page.textContent('#stage-caption');
  assert.match(dCaption ?? '', /^Stage 1 of 2, D's turn .*real points \d\.\d{2,3} \(was \d\.\d{2,3}\)/);
  assert.equal(await page.isVisible('#stage-caption'), true);
  // The key T does the next stage, as the button does.
  await page.locator('#view').click();
  await page.keyboard.press('t');
  const g = await until((s) => s.stage?.part === 'g', "G's stage");
  assert.equal(g.iteration, start.iteration + 1, "G's half completes the iteration");
  assert.equal(g.surfaceSum, d.surfaceSum, 'D did not move');
  assert.notDeepEqual(g.generated, d.generated, 'the points moved');
  assert.match(g.stage?.caption ?? '', /^Stage 2 of 2, G's turn .*moved [\d.]+% of the view's width/);
  assert.equal(await page.textContent('#stage-caption'), g.stage?.caption);
  await until((s) => s.losses.at(-1)?.[0] === start.iteration + 1, "the staged iteration's losses on the chart");
  // Play goes on as usual, and the caption goes.
  await page.keyboard.press('Space');
  await until((s) => s.playing && s.iteration > g.iteration + 5 && s.stage === null, 'training on');
  assert.equal(await page.isVisible('#stage-caption'), false);
  await page.keyboard.press('Space');
  await until((s) => !s.playing, 'pause');
  assert.deepEqual(session.errors, []);
});
