// Makes the README's picture of the page training a flow, docs/web-flow.png (`npm run
// web-screenshots [-- folder]`): builtin:ring with `model=flow` in Debian's Chromium, headless
// (test/support/web-browser.ts, as the browser tests), on one thread, the link's `iterations`
// stopping the run at a fixed iteration; then the time slider half way, so the points are in
// flight along their trajectories under the velocity arrows. The view is the same at each make;
// the quality chart's samples are drawn on the page's own clock, so its line may move a little.
// The picture is the view and the charts beside it, not the whole window: the options column
// adds nothing to see and would double the file.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/node/files.js';
import { afterDraw, openPageSession, untilStatus } from '../test/support/web-browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = process.argv[2] ?? join(root, 'docs');
mkdirSync(folder, { recursive: true });

/** Where the run stops: past the 8 modes (about iteration 120 on the ring), before the points settle on them. */
const ITERATIONS = 600;
const TIME = 0.5;

const session = await openPageSession({ width: 1200, height: 960 });
try {
  const page = await session.newPage(`#data=builtin:ring&model=flow&seed=1&threads=1&iterations=${ITERATIONS}`);
  if (await page.isVisible('#intro-close')) await page.click('#intro-close');
  await page.click('#play');
  await untilStatus(page, (s) => s.iteration === ITERATIONS && !s.playing && s.charts.metrics > 0, `the run to stop at iteration ${ITERATIONS}`, 300_000);
  await page.fill('#flow-time-range', String(TIME));
  await untilStatus(page, (s) => s.flowTime === TIME && s.velocityTime === TIME, `the velocity at t = ${TIME}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await afterDraw(page);
  if (session.errors.length > 0) throw new Error(`the page reported errors: ${session.errors.join('; ')}`);
  const view = await page.locator('.view-panel').boundingBox();
  const charts = await page.locator('.charts-panel').boundingBox();
  if (!view || !charts) throw new Error('the view or the charts are not on the page');
  const top = Math.min(view.y, charts.y);
  const clip = { x: view.x, y: top, width: charts.x + charts.width - view.x, height: Math.max(view.y + view.height, charts.y + charts.height) - top };
  const path = join(folder, 'web-flow.png');
  writeFileAtomic(path, await page.screenshot({ clip }));
  console.log(`${path}: builtin:ring, flow, iteration ${ITERATIONS}, t = ${TIME}`);
} finally {
  await session.close();
}
