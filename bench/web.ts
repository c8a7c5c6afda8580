// The page's speed in Debian's Chromium: iterations/s of the `small` preset while the page
// draws, and the frames it draws a second. Run: npm run build && node dist/bench/web.js [seconds] [threads]
// The bar (issue 5): at least 100 iterations/s while rendering at 30 frames/s or more.
import { builtinTarget } from '../src/core/density/builtins.js';
import { resolveTrainConfig } from '../src/core/gan/config.js';
import { createTrainer } from '../src/core/gan/trainer.js';
import { createNodeWasmEngine } from '../src/node/engine/threads.js';
import { openPageSession, pageStatus } from '../test/support/web-browser.js';

/** docs/design.md's `small` preset as page options (the page's "Small (fast)" button). */
const SMALL = 'data=builtin:ring&z-dim=2&batch-size=512&optimizer=adam&d-lr=0.001&g-lr=0.001&d-steps=1&g-steps=1&d-hidden=128,128&g-hidden=128,128&iterations=100000000';
const WARM_UP_MS = 3000;

/**
 * The same trainer in Node on one thread, nothing drawn: the reference the page is compared
 * with, since other work on this machine moves absolute figures from run to run.
 */
async function nodeIterationsPerSecond(seconds: number): Promise<number> {
  const engine = await createNodeWasmEngine({ threads: 1 });
  try {
    const config = resolveTrainConfig({
      batchSize: 512, optimizer: 'adam', dSteps: 1, gSteps: 1, dHidden: [128, 128], gHidden: [128, 128],
    });
    const trainer = createTrainer(engine, config, builtinTarget('ring'));
    for (let i = 0; i < 20; i++) trainer.step();
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < seconds * 1000) {
      trainer.step();
      count++;
    }
    return (count * 1000) / (performance.now() - start);
  } finally {
    await engine.dispose();
  }
}

export async function run(seconds = 10, threads?: number): Promise<{ iterationsPerSecond: number; framesPerSecond: number }> {
  const nodeBefore = await nodeIterationsPerSecond(4);
  const session = await openPageSession();
  try {
    const hash = `#${SMALL}${threads === undefined ? '' : `&threads=${threads}`}`;
    const page = await session.newPage(hash);
    // Count the frames the page actually paints, independently of its own counter.
    await page.evaluate(() => {
      const counter = { frames: 0 };
      (window as unknown as { paintCount: typeof counter }).paintCount = counter;
      const canvas = document.getElementById('view') as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context) return;
      const draw = context.fillRect.bind(context);
      // The view starts every frame by clearing with one fillRect over the whole canvas.
      context.fillRect = (x: number, y: number, w: number, h: number) => {
        if (x === 0 && y === 0 && w === canvas.width && h === canvas.height) counter.frames++;
        draw(x, y, w, h);
      };
    });
    await page.click('#play');
    await page.waitForTimeout(WARM_UP_MS);
    const paints = (): Promise<number> => page.evaluate(() => (window as unknown as { paintCount: { frames: number } }).paintCount.frames);
    const start = { status: await pageStatus(page), paints: await paints(), time: Date.now() };
    await page.waitForTimeout(seconds * 1000);
    const end = { status: await pageStatus(page), paints: await paints(), time: Date.now() };
    const elapsed = (end.time - start.time) / 1000;
    const iterationsPerSecond = (end.status.iteration - start.status.iteration) / elapsed;
    const framesPerSecond = (end.paints - start.paints) / elapsed;
    console.log(`web page, small preset, ${end.status.threads} thread(s), cross-origin isolated: ${end.status.crossOriginIsolated}`);
    console.log(`  ${iterationsPerSecond.toFixed(1)} iterations/s while drawing ${framesPerSecond.toFixed(1)} frames/s (over ${elapsed.toFixed(1)} s)`);
    const costs = await page.evaluate(() => window.gan2d.status() as {
      drawMilliseconds: number; chartMilliseconds: number; workerIterationMilliseconds: number; workerFrameMilliseconds: number;
    });
    console.log(`  training worker: ${costs.workerIterationMilliseconds.toFixed(1)} ms an iteration, ${costs.workerFrameMilliseconds.toFixed(1)} ms making a frame`);
    console.log(`  page: ${costs.drawMilliseconds.toFixed(1)} ms drawing a frame, ${costs.chartMilliseconds.toFixed(1)} ms redrawing the charts`);
    const nodeAfter = await nodeIterationsPerSecond(4);
    const node = (nodeBefore + nodeAfter) / 2;
    console.log(`  the same trainer in Node, 1 thread, nothing drawn: ${node.toFixed(1)} iterations/s (before ${nodeBefore.toFixed(1)}, after ${nodeAfter.toFixed(1)}); page / Node = ${(iterationsPerSecond / node).toFixed(2)}`);
    const pass = iterationsPerSecond >= 100 && framesPerSecond >= 30;
    console.log(`  bar: >= 100 iterations/s at >= 30 frames/s: ${pass ? 'met' : 'NOT met'}`);
    if (session.errors.length > 0) console.log(`  page errors: ${session.errors.join('; ')}`);
    return { iterationsPerSecond, framesPerSecond };
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 10);
  const threads = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  await run(seconds, threads);
}
