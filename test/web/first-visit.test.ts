/**
 * A newcomer's page in Debian's Chromium (see web-browser.ts): the ring with its working
 * settings and an introduction that closes for good; on a phone, the density picker before
 * the charts and a header that leaves the screen to the page; a skip link to the Run buttons;
 * the charts in words; a file that is not a checkpoint refused in words.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPageSession, untilStatus, type PageSession } from '../support/web-browser.js';

const sessions: PageSession[] = [];

after(async () => {
  for (const session of sessions) await session.close();
});


test('the first visit opens on the ring with its recommended settings, and an introduction that closes for good', async () => {
  const session = await openPageSession();
  sessions.push(session);
  const page = await session.newPage();
  const status = await untilStatus(page, (s) => s.generated.length > 0, 'the first frame');
  assert.equal(status.data, 'builtin:ring');
  assert.equal(status.settings, "Settings: builtin:ring's recommended (as gan2d train builtin:ring)");
  assert.equal(await page.isVisible('#intro'), true);
  assert.match(await page.textContent('#intro') ?? '', /D judges, G forges\./);
  // On a 1280 × 800 laptop screen the sticky header is one line: at most 10% of the height.
  const header = await page.locator('.topbar').evaluate((element) => element.getBoundingClientRect().height);
  assert.ok(header <= 80, `the header is ${header} px high`);
  await page.click('#intro-close');
  assert.equal(await page.isVisible('#intro'), false);
  // Remembered: a later visit in the same browser opens without it.
  const later = await session.newPage();
  assert.equal(await later.isVisible('#intro'), false);
  await later.close();
  assert.deepEqual(session.errors, []);
});

test('Tab reaches the Run buttons by a skip link, before the option fields; the charts have text alternatives', async () => {
  const session = sessions[0];
  const page = await session.newPage('#data=builtin:ring');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  assert.equal(await page.isVisible('.skip-link'), true, 'shown when focused');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'copy-link');
  await page.click('#step-both');
  await untilStatus(page, (s) => s.iteration === 1 && s.charts.losses === 1, 'a step on the chart');
  for (const [id, words] of [['loss-chart', /^Losses of D .* at iteration 1: D real [\d.]+, D fake [\d.]+, G [\d.]+$/], ['metrics-chart', /^Quality: modes captured/]] as const) {
    await page.waitForFunction((chart) => /iteration 1:/.test(document.getElementById(chart)?.getAttribute('aria-label') ?? ''), id);
    assert.equal(await page.getAttribute(`#${id}`, 'role'), 'img');
    assert.match(await page.getAttribute(`#${id}`, 'aria-label') ?? '', words);
  }
  // A file that is not a checkpoint: said in words, naming it.
  await page.setInputFiles('#load-checkpoint', { name: 'holiday.json', mimeType: 'application/json', buffer: Buffer.from('{"photos": 3}') });
  await page.waitForFunction(() => document.getElementById('run-status')?.classList.contains('error'));
  assert.match(await page.textContent('#run-status') ?? '', /^holiday\.json is not a checkpoint: it is JSON, but not gan2d's/);
  await page.setInputFiles('#load-checkpoint', { name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  await page.waitForFunction(() => /photo\.json/.test(document.getElementById('run-status')?.textContent ?? ''));
  assert.match(await page.textContent('#run-status') ?? '', /^photo\.json is not a checkpoint: it is not even JSON text/);
  await page.close();
});

test('on a phone the density picker comes before the charts, and the header leaves the screen to the page', async () => {
  const session = await openPageSession({ width: 390, height: 844 });
  sessions.push(session);
  const page = await session.newPage();
  await untilStatus(page, (s) => s.generated.length > 0, 'the first frame');
  const top = (selector: string): Promise<number> => page.locator(selector).evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
  assert.ok(await top('#builtins') < await top('#loss-chart'), 'the density picker before the charts');
  assert.ok(await top('#view') < await top('#builtins'), 'the view first');
  // Scrolled down, whatever of the header stays in sight takes at most 10% of the screen's height.
  await page.evaluate(() => window.scrollTo(0, 1500));
  const covered = await page.locator('.topbar').evaluate((element) => {
    const box = element.getBoundingClientRect();
    return Math.max(0, Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0));
  });
  assert.ok(covered <= 0.1 * 844, `the header covers ${covered} px of 844`);
  assert.deepEqual(session.errors, []);
});
