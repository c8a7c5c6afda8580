// Makes the README's two pictures of the page (`npm run web-screenshots [-- folder]`), in
// Debian's Chromium, headless (test/support/web-browser.ts, as the browser tests), on one thread,
// each link's `iterations` stopping its run at a fixed iteration:
// - docs/web.png, the whole window as a first visit sees it: the GAN on builtin:ring with its
//   recommended settings, stopped once its modes have formed;
// - docs/web-flow.png, the flow on builtin:ring, then the time slider half way, so the points are
//   in flight along their trajectories under the velocity arrows. Only the view and the charts
//   beside it: the options column adds nothing to see and would double the file.
// The views are the same at each make; the quality chart's samples are drawn on the page's own
// clock, so its line may move a little.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/node/files.js';
import { afterDraw, openPageSession, untilStatus, type PageSession } from '../test/support/web-browser.js';
import type { Page } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = process.argv[2] ?? join(root, 'docs');
mkdirSync(folder, { recursive: true });

/** Where the GAN stops: its 8 modes held, their spread already narrowing. */
const GAN_ITERATIONS = 3000;
/** Where the flow stops: past the 8 modes (about iteration 120 on the ring), before the points settle on them. */
const FLOW_ITERATIONS = 600;
const TIME = 0.5;

/** Opens `hash` on one thread, plays it to its `iterations` limit and returns the stopped page. */
async function stoppedRun(session: PageSession, hash: string, iterations: number, what: string): Promise<Page> {
  const page = await session.newPage(`${hash}&seed=1&threads=1&iterations=${iterations}`);
  if (await page.isVisible('#intro-close')) await page.click('#intro-close');
  await page.click('#play');
  await untilStatus(page, (s) => s.iteration === iterations && !s.playing && s.charts.metrics > 0, `${what} to stop at iteration ${iterations}`, 300_000);
  return page;
}

/** Scrolls to the top and waits for a drawn frame; refuses a page that reported errors. */
async function readyToShoot(session: PageSession, page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await afterDraw(page);
  if (session.errors.length > 0) throw new Error(`the page reported errors: ${session.errors.join('; ')}`);
}

async function ganPicture(session: PageSession): Promise<void> {
  const page = await stoppedRun(session, '#data=builtin:ring', GAN_ITERATIONS, 'the GAN');
  await readyToShoot(session, page);
  const path = join(folder, 'web.png');
  writeFileAtomic(path, await page.screenshot());
  console.log(`${path}: builtin:ring, GAN, recommended settings, iteration ${GAN_ITERATIONS}`);
}

async function flowPicture(session: PageSession): Promise<void> {
  const page = await stoppedRun(session, '#data=builtin:ring&model=flow', FLOW_ITERATIONS, 'the flow');
  await page.fill('#flow-time-range', String(TIME));
  await untilStatus(page, (s) => s.flowTime === TIME && s.velocityTime === TIME, `the velocity at t = ${TIME}`);
  await readyToShoot(session, page);
  const view = await page.locator('.view-panel').boundingBox();
  const charts = await page.locator('.charts-panel').boundingBox();
  if (!view || !charts) throw new Error('the view or the charts are not on the page');
  const top = Math.min(view.y, charts.y);
  const clip = { x: view.x, y: top, width: charts.x + charts.width - view.x, height: Math.max(view.y + view.height, charts.y + charts.height) - top };
  const path = join(folder, 'web-flow.png');
  writeFileAtomic(path, await page.screenshot({ clip }));
  console.log(`${path}: builtin:ring, flow, iteration ${FLOW_ITERATIONS}, t = ${TIME}`);
}

// A first visit's window for the GAN's picture; a taller one for the flow's view and charts.
for (const [viewport, picture] of [[{ width: 1280, height: 800 }, ganPicture], [{ width: 1200, height: 960 }, flowPicture]] as const) {
  const session = await openPageSession(viewport);
  try {
    await picture(session);
  } finally {
    await session.close();
  }
}
