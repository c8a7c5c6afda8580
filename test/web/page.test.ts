/**
 * The web page in Debian's Chromium (see web-browser.ts): the built page, served by our
 * static server, driven as a person would. Screenshots go to $GAN2D_SCREENSHOTS (default: a
 * folder in the temp dir) and each is checked not to be blank.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { parseCheckpoint } from '../../src/core/gan/checkpoint.js';
import { formatValue, resolveTrainConfig, TRAIN_OPTIONS, type TrainConfig } from '../../src/core/gan/config.js';
import { recommendedSettings } from '../../src/core/gan/presets.js';
import { runCli as runGan2d, type CliResult } from '../support/cli.js';
import { descendantsCpuSeconds, openOptionGroups, openPageSession, pageStatus, untilStatus, type PageSession, type PageStatus } from '../support/web-browser.js';

const shots = process.env.GAN2D_SCREENSHOTS ?? join(tmpdir(), 'gan2d-web-screenshots');
let session: PageSession;
let page: Page;
let work: string;

before(async () => {
  mkdirSync(shots, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'gan2d-web-test-'));
  session = await openPageSession();
  page = await session.newPage();
});

after(async () => {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Saves a screenshot and checks it shows something: many colours, not one flat fill. */
async function screenshot(name: string, target: Page = page): Promise<void> {
  const path = join(shots, `${name}.png`);
  await target.screenshot({ path });
  const image = await loadImage(readFileSync(path));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  assert.ok(colours.size > 40, `${name}.png looks blank (${colours.size} colours)`);
}

/** Polls the page's status until `predicate` holds (untilStatus, on this file's page by default). */
function until(predicate: (status: PageStatus) => boolean, what: string, target: Page = page, timeout = 90_000): Promise<PageStatus> {
  return untilStatus(target, predicate, what, timeout);
}

/** Non-white pixels inside the view's plot area (the axes and their labels lie outside it). */
function inkInPlot(target: Page = page): Promise<number> {
  return target.evaluate(() => {
    const canvas = document.getElementById('view') as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (!context) return -1;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const left = Math.ceil(40 * ratio);
    const top = Math.ceil(14 * ratio);
    const size = canvas.width - left - Math.ceil(16 * ratio) - Math.ceil(14 * ratio);
    const { data } = context.getImageData(left, top, size, size);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245) ink++;
    return ink;
  });
}

/** Polls the view's ink (inkInPlot) until `predicate` holds; the page redraws at its next animation frames. */
async function untilInk(predicate: (ink: number) => boolean, what: string, target: Page = page, timeout = 90_000): Promise<number> {
  const deadline = Date.now() + timeout;
  let ink = await inkInPlot(target);
  while (!predicate(ink)) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; the plot still has ${ink} pixels of ink`);
    await target.waitForTimeout(100);
    ink = await inkInPlot(target);
  }
  return ink;
}

/** Switches the run's model's layers (a GAN's: a flow's switches are hidden) to exactly `visible`. */
async function setLayers(visible: string[]): Promise<void> {
  for (const input of await page.locator('#legend label:not([hidden]) input[type="checkbox"]').all()) {
    const want = visible.includes(await input.getAttribute('value') ?? '');
    if ((await input.isChecked()) !== want) await input.click();
  }
}

// CLI runs beside the page: a hang fails the test, not the run (generous: Chromium shares the cores).
const runCli = (args: string[]): Promise<CliResult> => runGan2d(args, { timeoutMs: 120_000 });

test('the page loads with no console errors, cross-origin isolated', async () => {
  const status = await pageStatus(page);
  assert.equal(status.crossOriginIsolated, true);
  assert.ok(status.threads >= 1);
  assert.equal(status.data, 'builtin:ring', 'the first run: the ring');
  // The page trains until paused: "Stop after" is off by default.
  assert.equal(status.stopAfter, null);
  assert.equal(await page.isChecked('#option-iterations-on'), false);
  assert.equal(await page.isDisabled('#option-iterations'), true);
  await until((s) => s.generated.length > 0, 'the first frame');
  await screenshot('01-loaded');
  assert.deepEqual(session.errors, []);
});

test('every training option of the CLI has a labelled control, and every control a name', async () => {
  const pageOptions = new Set(TRAIN_OPTIONS.map((spec) => spec.flag).filter((flag) => !['checkpoint-interval', 'export-samples', 'samples-format', 'time-limit'].includes(flag)));
  for (const flag of pageOptions) {
    const label = await page.evaluate((id) => {
      const control = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
      return control?.labels?.[0]?.textContent?.trim() ?? null;
    }, `option-${flag}`);
    assert.ok(label, `--${flag} has a labelled control`);
  }
  const unnamed = await page.evaluate(() => Array.from(document.querySelectorAll('button, input, select, canvas[role], [role="radio"]'))
    .filter((element) => {
      const control = element as HTMLInputElement;
      const named = (control.labels?.length ?? 0) > 0 || element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') ||
        (element.tagName === 'BUTTON' && element.textContent?.trim());
      return !named;
    })
    .map((element) => element.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
});

test('on the two-disc density, training advances the count, the charts and the points', async () => {
  await page.click('[data-preset="small"]');
  await page.click('.thumb[data-name="binary"]');
  const start = await until((s) => s.started && s.generated.length > 0 && s.config?.batchSize === 512, 'the small preset on binary');
  assert.equal(start.data, 'builtin:binary');
  await page.locator('#view').click(); // focus off the thumbnail, whose own Space would pick it again
  await page.keyboard.press('Space');
  const trained = await until((s) => s.iteration >= 150 && s.charts.losses >= 5 && s.charts.metrics >= 2, 'training to advance');
  assert.notDeepEqual(trained.generated, start.generated, 'the generated points moved');
  assert.match(await page.textContent('#iteration') ?? '', /^[\d,]+$/);
  assert.ok(Number((await page.textContent('#rate'))?.replace(/,/g, '')) > 0, 'iterations/s shown');
  await screenshot('02-training');
  await page.keyboard.press('Space');
  await until((s) => !s.playing, 'pause');
  // The quality chart carries the floors beside the figures: above 0, below a young GAN's js64.
  const label = await page.getAttribute('#metrics-chart', 'aria-label') ?? '';
  const figure = (name: string): number => Number(new RegExp(`[:,] ${name} ([\\d.e-]+)(,|$)`).exec(label)?.[1]);
  assert.ok(figure('js64 floor') > 0 && figure('js64 floor') < figure('js64'), label);
  assert.ok(figure('oos floor') >= 0 && figure('oos floor') < 0.05, label);
  assert.deepEqual(session.errors, []);
});

test('each layer can be switched on alone and off', async () => {
  await setLayers([]);
  // Exactly 0 once the view has redrawn with every layer off.
  assert.equal(await untilInk((ink) => ink === 0, 'nothing drawn with every layer off'), 0);
  for (const layer of ['surface', 'realDensity', 'generatedDensity', 'manifold', 'real', 'generated', 'gradients']) {
    await setLayers([layer]);
    // The worker computes the surface, arrows and manifold only when shown: wait for that frame.
    await untilInk((ink) => ink > 50, `layer ${layer} alone to draw more than 50 pixels`);
    // And off again: the view empties, so the next layer's ink is its own.
    await setLayers([]);
    await untilInk((ink) => ink === 0, `the view to empty after layer ${layer}`);
  }
  await setLayers(['surface', 'real', 'generated', 'gradients', 'manifold']);
  await untilInk((ink) => ink > 50, 'the layers to draw');
  await screenshot('03-layers');
  // Export PNG: the view with a title above and its key below (legend.test.ts reads them), decoded back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const file = join(work, 'view.png');
  await download.saveAs(file);
  const image = await loadImage(readFileSync(file));
  const side = await page.evaluate(() => (document.getElementById('view') as HTMLCanvasElement).width);
  assert.equal(image.width, side);
  assert.ok(image.height > side, `the title and key add to the view's ${side} pixels: ${image.height}`);
  assert.match(download.suggestedFilename(), /^gan2d-iteration-\d+\.png$/);
});

test('uploaded pictures become the data; several make a conditional GAN', async () => {
  const picture = (draw: (context: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void): Buffer => {
    const canvas = createCanvas(96, 64);
    const context = canvas.getContext('2d');
    context.fillStyle = '#000';
    context.fillRect(0, 0, 96, 64);
    context.fillStyle = '#fff';
    draw(context);
    return canvas.toBuffer('image/png');
  };
  const ring = picture((c) => { c.beginPath(); c.arc(30, 32, 20, 0, 2 * Math.PI); c.lineWidth = 6; c.strokeStyle = '#fff'; c.stroke(); });
  const bar = picture((c) => c.fillRect(60, 10, 20, 44));
  // Dropped on the page, as a person drags a file from their desktop.
  const transfer = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'b-bar.png', { type: 'image/png' }));
    return data;
  }, [...bar]);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  assert.equal(await page.isVisible('#drop-overlay'), true, 'the drop zone shows');
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await until((s) => s.data === 'pictures' && s.conditions.length === 0 && s.generated.length > 0, 'one dropped picture');
  assert.equal(await page.isVisible('#drop-overlay'), false);
  assert.match(await page.textContent('#data-status') ?? '', /b-bar\.png/);
  // A file that is not a picture is refused with a message naming it.
  await page.setInputFiles('#upload', [{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') }]);
  await page.waitForFunction(() => document.getElementById('data-status')?.classList.contains('error'));
  assert.match(await page.textContent('#data-status') ?? '', /^notes\.png: /);
  await page.setInputFiles('#upload', [
    { name: 'b-bar.png', mimeType: 'image/png', buffer: bar },
    { name: 'a-ring.png', mimeType: 'image/png', buffer: ring },
  ]);
  const status = await until((s) => s.conditions.length === 2, 'two pictures');
  assert.deepEqual(status.conditions, ['a-ring', 'b-bar'], 'conditions in sorted file-name order, named as the CLI names them');
  assert.equal(await page.isVisible('#condition-select'), true);
  await page.click('#play');
  await until((s) => s.iteration >= 40, 'conditional training');
  await page.click('#play');
  // A frame made after the pause (its rate is 0): later frames of all conditions repeat its surface.
  const paused = await until((s) => !s.playing && s.iterationsPerSecond === 0, 'a frame after the pause');
  await page.selectOption('#condition-select', '1');
  // The surface layer is on: the next frame brings D's surface for condition 1 alone.
  await until((s) => s.surfaceSum !== paused.surfaceSum, 'the view of condition 1');
  await screenshot('04-conditional-upload');
  await page.selectOption('#condition-select', 'all');
  const refused = await page.evaluate(() => document.getElementById('data-status')?.className);
  assert.doesNotMatch(refused ?? '', /error/);
});

test('a drawn density trains, and the link carries it', async () => {
  await page.click('#draw-open');
  const box = await page.locator('#draw-canvas').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.2 + 0.05 * i), box.y + box.height * (0.3 + 0.04 * i));
  await page.mouse.up();
  await page.click('#draw-use');
  await until((s) => s.data === 'drawn' && s.generated.length > 0, 'the drawing to train');
  assert.match(page.url(), /#.*data=drawn:1\.[A-Za-z0-9_-]+/);
  await page.click('#layer-realDensity');
  await page.click('#step-both');
  await until((s) => s.iteration === 1, 'one step');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot('05-drawn');
  await page.click('#layer-realDensity');
  const drawnHash = new URL(page.url()).hash;
  // The eraser takes mass away: the link changes with the drawing.
  await page.check('input[name="draw-tool"][value="eraser"]');
  const moved = await page.locator('#draw-canvas').boundingBox(); // checking may have scrolled the page
  assert.ok(moved);
  await page.mouse.move(moved.x + moved.width * 0.45, moved.y + moved.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(moved.x + moved.width * 0.45, moved.y + moved.height * 0.9, { steps: 8 });
  await page.mouse.up();
  await page.click('#draw-use');
  await until(() => new URL(page.url()).hash !== drawnHash, 'the erased drawing to train');
  await page.click('#draw-clear');
  await page.click('#draw-use');
  assert.match(await page.textContent('#data-status') ?? '', /empty/);
});

test('Step D moves only D; Step G moves only G', async () => {
  await page.click('.thumb[data-name="ring"]');
  const start = await until((s) => s.data === 'builtin:ring' && s.generated.length > 0 && s.surfaceSum !== null && s.iteration === 0, 'a fresh ring run');
  await page.keyboard.press('d');
  const afterD = await until((s) => s.surfaceSum !== start.surfaceSum, "D's step to show");
  assert.deepEqual(afterD.generated, start.generated, 'G did not move');
  assert.equal(afterD.iteration, 0);
  await page.click('#step-g');
  const afterG = await until((s) => JSON.stringify(s.generated) !== JSON.stringify(afterD.generated), "G's step to show");
  assert.equal(afterG.surfaceSum, afterD.surfaceSum, 'D did not move');
  assert.equal(afterG.iteration, 0);
});

test('the URL reproduces the configuration in a new page', async () => {
  await page.click('.thumb[data-name="grid"]');
  for (const group of ['Networks', 'Run']) await page.click(`#options summary:has-text("${group}")`);
  await page.selectOption('#option-loss', 'hinge');
  await page.fill('#option-d-hidden', '32,32');
  await page.press('#option-d-hidden', 'Tab');
  await page.fill('#option-seed', '7');
  await page.press('#option-seed', 'Tab');
  const status = await until((s) => s.config?.seed === 7 && s.config?.loss === 'hinge' && s.data === 'builtin:grid', 'the edits to apply');
  assert.deepEqual(status.config?.dHidden, [32, 32]);
  const copy = await session.newPage(new URL(page.url()).hash);
  const copied = await pageStatus(copy);
  assert.deepEqual(copied.config, status.config);
  assert.equal(copied.data, 'builtin:grid');
  assert.equal(await copy.inputValue('#option-d-hidden'), '32,32');
  await copy.close();
});

test('with threads=2 the engine trains on a second Web Worker thread over shared memory', async () => {
  const threaded = await session.newPage('#data=builtin:ring&batch-size=256&optimizer=adam&d-steps=1&d-hidden=64,64&g-hidden=64,64&threads=2');
  const started = await until((s) => s.generated.length > 0, 'the first two-thread frame', threaded);
  assert.equal(started.threads, 2);
  await threaded.click('#play');
  const trained = await until((s) => s.iteration >= 30 && s.charts.losses >= 2, 'two-thread training', threaded);
  assert.notDeepEqual(trained.generated, started.generated);
  assert.equal(await threaded.getAttribute('#threads', 'title'), 'wasm-simd×2');
  await threaded.close();
  assert.deepEqual(session.errors, []);
});

test('a checkpoint made by the CLI loads and continues; one saved here resumes in the CLI', async () => {
  const out = join(work, 'cli-run');
  const trained = await runCli(['train', 'builtin:ring', '--iterations', '30', '--batch-size', '128', '--optimizer', 'adam',
    '--d-hidden', '24', '--g-hidden', '24', '--d-steps', '1', '--display-interval', '10', '--seed', '5', '--out', out]);
  assert.equal(trained.code, 0, trained.stderr);
  await page.setInputFiles('#load-checkpoint', join(out, 'checkpoint.json'));
  const loaded = await until((s) => s.iteration === 30 && s.config?.seed === 5 && s.data === 'builtin:ring', 'the checkpoint to load');
  assert.equal(loaded.config?.batchSize, 128);
  // Its --lr-decay lands the rates at its last iteration: the page goes on for as many
  // iterations again (as far as the rates were set for), and stops there, saying so.
  assert.equal(loaded.stopAfter, 60);
  await page.click('#play');
  const stopped = await until((s) => s.iteration === 60 && !s.playing, 'training on from the checkpoint to its stop');
  assert.match(stopped.playStatus, /Stopped at iteration 60/);
  await screenshot('06-cli-checkpoint');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-checkpoint')]);
  const saved = join(work, 'page-run');
  mkdirSync(saved);
  await download.saveAs(join(saved, 'checkpoint.json'));
  const checkpoint = parseCheckpoint(JSON.parse(readFileSync(join(saved, 'checkpoint.json'), 'utf8')));
  const reached = (await pageStatus(page)).iteration;
  assert.equal(checkpoint.iteration, reached);
  const resumed = await runCli(['train', '--resume', saved, '--iterations', String(reached + 10)]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const after = parseCheckpoint(JSON.parse(readFileSync(join(saved, 'checkpoint.json'), 'utf8')));
  assert.equal(after.iteration, reached + 10);
  assert.deepEqual(session.errors, []);
});

/**
 * Pauses the page if it plays, by its button, and waits until it stands still: the last
 * frame and quality scores in, nothing more asked of the worker.
 */
async function pause(target: Page = page): Promise<PageStatus> {
  if ((await pageStatus(target)).playing) await target.click('#play');
  let settled = await until((s) => !s.playing, 'pause', target);
  const deadline = Date.now() + 30_000;
  for (;;) {
    await target.waitForTimeout(300);
    const now = await pageStatus(target);
    const same = now.animationFrames === settled.animationFrames && now.framesAsked === settled.framesAsked &&
      now.charts.losses === settled.charts.losses && now.charts.metrics === settled.charts.metrics;
    if (same) return now;
    if (Date.now() > deadline) assert.fail(`the paused page does not settle: ${JSON.stringify({ ...now, config: undefined })}`);
    settled = now;
  }
}

test('the page trains on past 2,000 iterations; a "Stop after" stops it, says so, and Play goes on past it', async () => {
  // The checkpoint test's small networks, with constant learning rates: a new run, with the
  // checkpoint's stop, switched off here.
  await openOptionGroups(page, ['Run', 'Stabilisers']);
  await page.fill('#option-lr-decay', '0');
  await page.press('#option-lr-decay', 'Tab');
  await until((s) => s.config?.lrDecay === 0 && s.iteration === 0 && s.generated.length > 0, 'a new run without --lr-decay');
  assert.equal(await page.isChecked('#option-iterations-on'), true);
  await page.uncheck('#option-iterations-on');
  await until((s) => s.stopAfter === null, 'the stop to be off');
  assert.equal(await page.isDisabled('#option-iterations'), true);
  await page.click('#play');
  await until((s) => s.iteration > 2100, 'training past the old stop at 2,000');
  const paused = await pause();
  assert.equal(await page.textContent('#play-status'), '', 'no stop notice');

  // Stop after 40 more.
  await page.check('#option-iterations-on');
  const limit = paused.iteration + 40;
  await page.fill('#option-iterations', String(limit));
  await page.press('#option-iterations', 'Tab');
  await until((s) => s.stopAfter === limit, 'the stop to apply');
  assert.match(page.url(), new RegExp(`iterations=${limit}`), 'the link carries it');
  await page.locator('#view').click(); // off the number fields, which keep their Space
  await page.keyboard.press('Space');
  const stopped = await until((s) => !s.playing && s.iteration === limit && s.playStatus !== '', 'the stop at the limit');
  assert.match(stopped.playStatus, new RegExp(`Stopped at iteration ${limit.toLocaleString('en-US')}.*Play .*goes on`));
  assert.equal(await page.isVisible('#play-status'), true, 'the stop notice is in sight');
  assert.ok(await page.locator('#play-status').evaluate((element) => element.getBoundingClientRect().top < window.innerHeight));
  await screenshot('07-stopped-at-limit');

  // A message said after the stop stays (nothing rewrites the status lines).
  await page.click('#copy-link');
  await until((s) => /Link copied|Copy this link/.test(s.runStatus), 'the copy-link message');
  await page.waitForTimeout(1000);
  const later = await pageStatus(page);
  assert.match(later.runStatus, /Link copied|Copy this link/, 'the message is still there 1 s later');
  assert.equal(later.playStatus, stopped.playStatus, 'and so is the stop notice');

  // Play (Space, just after a click on a button) goes on past the limit, and the notice goes.
  await page.keyboard.press('Space');
  await until((s) => s.playing && s.iteration > limit + 40, 'training past the limit');
  assert.equal(await page.textContent('#play-status'), '');
  // A message said while playing stays too.
  await page.evaluate(() => { document.getElementById('run-status')!.textContent = ''; });
  await page.click('#copy-link');
  await until((s) => /Link copied|Copy this link/.test(s.runStatus), 'the copy-link message while playing');
  await page.waitForTimeout(1000);
  assert.match((await pageStatus(page)).runStatus, /Link copied|Copy this link/, 'still there 1 s later');
  await page.keyboard.press('Space');
  await until((s) => !s.playing, 'Space to pause');
  // Switched off again: the page trains until paused.
  await page.uncheck('#option-iterations-on');
  await until((s) => s.stopAfter === null, 'the stop to be off');
  assert.doesNotMatch(page.url(), /iterations=/);
  assert.deepEqual(session.errors, []);
});

test('Space plays and pauses even after a click on a button, and never clicks that button', async () => {
  await pause();
  const before = (await pageStatus(page)).iteration;
  await page.click('#step-both');
  const stepped = await until((s) => s.iteration === before + 1, 'one step');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-both');
  await page.keyboard.press('Space');
  await until((s) => s.playing && s.iteration > stepped.iteration + 20, 'Space to play');
  await page.keyboard.press('Space');
  await until((s) => !s.playing, 'Space to pause');
  // A checkbox in the layers, a summary: Space plays there too, and toggles neither.
  await page.click('#layer-real');
  const real = await page.isChecked('#layer-real');
  await page.keyboard.press('Space');
  await until((s) => s.playing, 'Space on a checkbox to play');
  await page.keyboard.press('Space');
  await until((s) => !s.playing, 'Space on a checkbox to pause');
  assert.equal(await page.isChecked('#layer-real'), real);
  await page.click('#layer-real'); // as it was
  // A number field keeps its Space (it would type there).
  await page.focus('#option-seed');
  await page.keyboard.press('Space');
  assert.equal((await pageStatus(page)).playing, false);
  await page.locator('#view').click();
});

test('a single Step, Step D or Step G adds its losses to the loss chart, and a quality point', async () => {
  await pause();
  const before = await pageStatus(page);
  await page.click('#step-both');
  const stepped = await until((s) => s.iteration === before.iteration + 1 && s.charts.losses === before.charts.losses + 1 &&
    s.charts.metrics === before.charts.metrics + 1, "the step's points on both charts");
  const point = stepped.losses.at(-1)!;
  assert.equal(point[0], stepped.iteration);
  assert.ok(point.slice(1).every(Number.isFinite), `D real, D fake and G losses: ${point}`);
  // Step D: the same iteration, its point updated with D's new losses (G's kept).
  await page.click('#step-d');
  const afterD = await until((s) => s.losses.at(-1)![1] !== point[1], "D's losses on the chart");
  assert.equal(afterD.charts.losses, stepped.charts.losses);
  assert.equal(afterD.losses.at(-1)![3], point[3]);
  await page.click('#step-g');
  await until((s) => s.losses.at(-1)![3] !== point[3], "G's loss on the chart");
});

test('paused, the page is idle: no animation frames, no worker messages, under 10% of a core', async () => {
  await page.click('#play');
  await until((s) => s.playing && s.framesAsked > 0, 'playing');
  const settled = await pause();
  const cpuBefore = descendantsCpuSeconds();
  const began = Date.now();
  await page.waitForTimeout(5000);
  const cpuAfter = descendantsCpuSeconds();
  const seconds = (Date.now() - began) / 1000;
  const after = await pageStatus(page);
  const share = (cpuAfter - cpuBefore) / seconds;
  console.log(`# paused: the browser used ${(100 * share).toFixed(1)}% of a core over ${seconds.toFixed(1)} s`);
  assert.equal(after.framesAsked, settled.framesAsked, 'no frame asked of the worker while paused');
  assert.ok(after.animationFrames - settled.animationFrames <= 1, `animation frames while paused: ${after.animationFrames - settled.animationFrames}`);
  assert.ok(share < 0.1, `the browser used ${(100 * share).toFixed(1)}% of a core while paused`);
  // A change still redraws: a layer toggled while paused asks for one frame.
  await page.click('#layer-surface');
  await until((s) => s.framesAsked === after.framesAsked + 1 && s.animationFrames > after.animationFrames, 'one frame for the change');
  await page.click('#layer-surface');
});

/** A density's recommended settings (the CLI's table), less the entries only a CLI run uses. */
function recommendedInPage(input: string): Partial<TrainConfig> {
  const settings = recommendedSettings(input);
  assert.ok(settings, `${input} has recommended settings`);
  for (const key of ['timeLimit', 'displayInterval', 'checkpointInterval'] as const) delete settings[key];
  return settings;
}

/** Checks the run's config and the form's fields against `expected`, key by key. */
async function assertSettings(target: Page, status: PageStatus, expected: Partial<TrainConfig>, what: string): Promise<void> {
  for (const [key, value] of Object.entries(expected) as [keyof TrainConfig, unknown][]) {
    assert.deepEqual(status.config?.[key], value, `${what}: ${key} in the run`);
    const flag = TRAIN_OPTIONS.find((spec) => spec.key === key)?.flag;
    assert.equal(await target.inputValue(`#option-${flag}`), formatValue(value), `${what}: --${flag} in the form`);
  }
}

test("picking a density switches the options to its recommended settings, as gan2d train; Seed demo switches back", async () => {
  const fresh = await session.newPage();
  const ring = recommendedInPage('builtin:ring');
  const grid = recommendedInPage('builtin:grid');
  const defaults = resolveTrainConfig({});
  const seedValues = Object.fromEntries(Object.keys(ring).map((key) => [key, defaults[key as keyof TrainConfig]])) as Partial<TrainConfig>;
  const first = await pageStatus(fresh);
  assert.equal(first.base, 'recommended');
  assert.equal(first.settings, "Settings: builtin:ring's recommended (as gan2d train builtin:ring)", 'the first run: the ring, with its recommended settings');
  await fresh.click('.thumb[data-name="binary"]');
  const binary = await until((s) => s.data === 'builtin:binary' && s.generated.length > 0, 'binary', fresh);
  assert.match(binary.settings, /^Settings: Seed demo \(gan2d train's default for builtin:binary; the Quality preset fits it more closely/, 'a picture: the seed demo, and the way to a closer fit');

  await fresh.click('.thumb[data-name="ring"]');
  const onRing = await until((s) => s.data === 'builtin:ring' && s.config?.r1Weight === ring.r1Weight && s.generated.length > 0, "the ring's recommended settings", fresh);
  await assertSettings(fresh, onRing, ring, 'ring');
  assert.equal(onRing.settings, "Settings: builtin:ring's recommended (as gan2d train builtin:ring)");
  assert.equal(await fresh.textContent('#settings-status'), onRing.settings);
  assert.equal(onRing.stopAfter, null, 'the page trains until paused: the recipe\'s iterations are the length its rates land over');
  assert.equal(new URL(fresh.url()).hash, '#data=builtin:ring', 'the link: the density, whose recommended settings it opens with');
  assert.equal(await fresh.getAttribute('[data-preset="recommended"]', 'aria-pressed'), 'true');
  // The line is in sight, just above the options.
  const line = await fresh.locator('#settings-status').boundingBox();
  const form = await fresh.locator('#options').boundingBox();
  assert.ok(line && form && line.height > 0 && line.y < form.y && form.y - line.y < 120, `the settings line sits above the options: ${JSON.stringify({ line, form })}`);
  await screenshot('08-ring-recommended', fresh);

  await fresh.click('.thumb[data-name="grid"]');
  const onGrid = await until((s) => s.data === 'builtin:grid' && s.config?.r1Weight === grid.r1Weight, "the grid's recommended settings", fresh);
  await assertSettings(fresh, onGrid, grid, 'grid');
  assert.match(onGrid.settings, /builtin:grid's recommended \(as gan2d train builtin:grid\)$/);

  // The seed demo, one click away: every default, on the same density.
  await fresh.click('[data-preset="seed"]');
  const seeded = await until((s) => s.base === 'seed' && s.config?.r1Weight === defaults.r1Weight && s.data === 'builtin:grid', 'the seed demo', fresh);
  await assertSettings(fresh, seeded, seedValues, 'seed demo');
  assert.equal(seeded.settings, 'Settings: Seed demo');
  assert.match(fresh.url(), /settings=seed/);
  // A preset chosen stays chosen when the density changes.
  await fresh.click('.thumb[data-name="ring"]');
  const seededRing = await until((s) => s.data === 'builtin:ring' && s.generated.length > 0, 'the ring under the seed demo', fresh);
  await assertSettings(fresh, seededRing, seedValues, 'seed demo on the ring');
  assert.equal(seededRing.settings, 'Settings: Seed demo');
  // And "Recommended" goes back to the density's own.
  await fresh.click('[data-preset="recommended"]');
  const back = await until((s) => s.base === 'recommended' && s.config?.r1Weight === ring.r1Weight, "the ring's recommended again", fresh);
  await assertSettings(fresh, back, ring, 'ring again');
  assert.equal(new URL(fresh.url()).hash, '#data=builtin:ring');
  await fresh.close();
  assert.deepEqual(session.errors, []);
});

test("a link's options and the options set by hand are kept over a density's recommended settings", async () => {
  const ring = recommendedInPage('builtin:ring');
  const grid = recommendedInPage('builtin:grid');
  const linked = await session.newPage('#data=builtin:ring&loss=hinge&d-hidden=32,32&ema-decay=0.99');
  const opened = await until((s) => s.generated.length > 0, 'the linked run', linked);
  const explicit: Partial<TrainConfig> = { loss: 'hinge', dHidden: [32, 32], emaDecay: 0.99 };
  const rest = (table: Partial<TrainConfig>): Partial<TrainConfig> => Object.fromEntries(Object.entries(table).filter(([key]) => !(key in explicit)));
  await assertSettings(linked, opened, explicit, 'the link\'s options');
  await assertSettings(linked, opened, rest(ring), 'the rest from the ring\'s recommended');
  assert.match(opened.settings, /^Settings: custom: builtin:ring's recommended \(as gan2d train builtin:ring\), with .*--loss/);
  for (const flag of ['--d-hidden', '--ema-decay']) assert.ok(opened.settings.includes(flag), `${flag} named in "${opened.settings}"`);
  // Set by hand: kept too.
  await linked.evaluate(() => { for (const group of Array.from(document.querySelectorAll<HTMLDetailsElement>('#options details'))) group.open = true; });
  await linked.fill('#option-seed', '9');
  await linked.press('#option-seed', 'Tab');
  await until((s) => s.config?.seed === 9, 'the seed set by hand', linked);
  await linked.click('.thumb[data-name="grid"]');
  const onGrid = await until((s) => s.data === 'builtin:grid' && s.config?.r1Weight === grid.r1Weight && s.generated.length > 0, 'the grid', linked);
  await assertSettings(linked, onGrid, { ...explicit, seed: 9 }, 'kept on the grid');
  await assertSettings(linked, onGrid, rest(grid), 'the rest from the grid\'s recommended');
  // The link reproduces it exactly.
  const copy = await session.newPage(new URL(linked.url()).hash);
  const copied = await until((s) => s.generated.length > 0, 'the copied link', copy);
  assert.deepEqual(copied.config, onGrid.config);
  assert.equal(copied.settings, onGrid.settings);
  await copy.close();
  await linked.close();
  // A link that names the seed demo opens with it, whatever the density.
  const seeded = await session.newPage('#data=builtin:ring&settings=seed');
  const status = await until((s) => s.generated.length > 0, 'the seed demo by link', seeded);
  assert.deepEqual(status.config, { ...resolveTrainConfig({}), threads: status.config?.threads });
  assert.equal(status.settings, 'Settings: Seed demo');
  await seeded.close();
  assert.deepEqual(session.errors, []);
});

test('builtin:ring with its recommended settings captures its 8 modes in the page', async () => {
  const ringPage = await session.newPage('#data=builtin:ring');
  await until((s) => s.generated.length > 0, 'the ring', ringPage);
  await ringPage.click('#play');
  const began = Date.now();
  const reached = await until((s) => s.scores?.values.modes === 8, 'the ring to reach 8/8 modes', ringPage, 90_000);
  console.log(`# builtin:ring reached 8/8 modes in the page after ${((Date.now() - began) / 1000).toFixed(1)} s, at iteration ${reached.scores?.iteration}`);
  // The seed demo's settings touch 8/8 now and then too, with almost no sample near a mode (high
  // quality under 10%); the recommended ones hold all 8 with most samples on them.
  const held = await until((s) => s.scores?.values.modes === 8 && s.scores.values.highQuality >= 0.5, '8/8 modes with high quality of 50% or more', ringPage, 90_000);
  console.log(`# and 8/8 with ${(100 * held.scores!.values.highQuality).toFixed(0)}% high quality after ${((Date.now() - began) / 1000).toFixed(1)} s, at iteration ${held.scores?.iteration}`);
  await screenshot('09-ring-8-modes', ringPage);
  // The blobs' spread reaches the quality chart as the page's metrics gave it (spread %, 100% when right).
  await ringPage.click('#play');
  // The chart and the page's scores are read together, in the page, until the chart shows the
  // scores' iteration: the worker may still send a chart interval's scores after the pause, so a
  // wait for the iteration of scores read before them can be overtaken.
  const shown = await ringPage.waitForFunction(() => {
    const status = window.gan2d.status() as PageStatus;
    const text = document.getElementById('metrics-chart')?.getAttribute('aria-label') ?? '';
    if (status.playing || status.scores === null) return null;
    return text.includes(`at iteration ${status.scores.iteration.toLocaleString('en-US')}:`) ? { text, spread: status.scores.values.modeSpread } : null;
  }, undefined, { polling: 100 });
  const { text, spread } = (await shown.jsonValue())!;
  assert.ok(spread > 0 && spread < 2, `spread ${spread}`);
  assert.match(text, new RegExp(`spread % ${(100 * spread).toFixed(0)}%`));
  await ringPage.close();
  assert.deepEqual(session.errors, []);
});
