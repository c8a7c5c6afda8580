/**
 * The flow on the page, seed by seed (`npm run build && node dist/bench/web-flow.js [seconds]
 * [seeds]`): builtin:ring with `model=flow` and its recipe in Debian's Chromium, headless; for
 * each seed, when the page's own metrics first count all 8 modes, and where the run is after
 * `seconds` (iterations, iterations/s, frames/s, modes, high quality). Wall-time figures: they
 * depend on the machine and its load, so they are a benchmark, not a test.
 */
import { openPageSession, pageStatus } from '../test/support/web-browser.js';

const seconds = Number(process.argv[2] ?? 20);
const seeds = Number(process.argv[3] ?? 5);
const session = await openPageSession();
try {
  for (let seed = 1; seed <= seeds; seed++) {
    const page = await session.newPage(`#data=builtin:ring&model=flow&seed=${seed}`);
    while (!(await pageStatus(page)).started) await page.waitForTimeout(100);
    await page.click('#play');
    const began = Date.now();
    let allModes: { seconds: number; iteration: number } | null = null;
    let status = await pageStatus(page);
    while (Date.now() - began < seconds * 1000) {
      status = await pageStatus(page);
      const scores = status.scores;
      if (allModes === null && scores && (scores.values.modes ?? 0) >= 8) allModes = { seconds: (Date.now() - began) / 1000, iteration: scores.iteration };
      await page.waitForTimeout(200);
    }
    const values = status.scores?.values ?? {};
    console.log(`seed ${seed}: 8 modes ${allModes ? `at ${allModes.seconds.toFixed(1)} s (iteration ${allModes.iteration})` : 'never'}; ` +
      `after ${seconds} s: iteration ${status.iteration}, ${Math.round(status.iterationsPerSecond)} it/s, ${Math.round(status.framesPerSecond)} frames/s, ` +
      `modes ${values.modes ?? '–'}, high quality ${values.highQuality === undefined ? '–' : `${(100 * values.highQuality).toFixed(1)}%`}`);
    await page.close();
  }
  if (session.errors.length > 0) throw new Error(`the page reported errors: ${session.errors.join('; ')}`);
} finally {
  await session.close();
}
