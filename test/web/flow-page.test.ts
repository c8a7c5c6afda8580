/**
 * The page's flow in Debian's Chromium (see web-browser.ts): the model switch, a flow trained
 * live on builtin:ring until the page's own metrics count its modes, the time slider (noise at
 * t = 0, the samples at t = 1), and checkpoints both ways with the CLI's `--model flow`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { defaultFlowConfig } from '../../src/core/flow/config.js';
import { parseAnyCheckpoint } from '../../src/core/flow/checkpoint.js';
import { FLOW } from '../../src/core/render/colors.js';
import { runCli, type CliResult } from '../support/cli.js';
import {
  afterDraw, countNear, exportedPng, openPageSession, pageStatus, untilStatus, viewPixelsNear, type PageSession, type PageStatus,
} from '../support/web-browser.js';

let session: PageSession;
let page: Page;
let work: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'gan2d-flow-page-'));
  session = await openPageSession();
  page = await session.newPage('#data=builtin:ring');
});

after(async () => {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
});

const until = (predicate: (status: PageStatus) => boolean, what: string, timeout?: number): Promise<PageStatus> => untilStatus(page, predicate, what, timeout);
const cli = (args: string[]): Promise<CliResult> => runCli(args, { timeoutMs: 120_000 });

/** Mean and standard deviation of the x and y of points (interleaved) in the flow's coordinates. */
function moments(points: number[], coordinates: { centre: [number, number]; scale: number }): { mean: number[]; std: number[] } {
  const n = points.length / 2;
  const mean = [0, 0];
  const square = [0, 0];
  for (let i = 0; i < points.length; i++) {
    const u = (points[i] - coordinates.centre[i % 2]) / coordinates.scale;
    mean[i % 2] += u / n;
    square[i % 2] += (u * u) / n;
  }
  return { mean, std: mean.map((m, j) => Math.sqrt(square[j] - m * m)) };
}

async function isVisible(selector: string): Promise<boolean> {
  return page.isVisible(selector);
}

test("switching to a flow trains core's flow with its recipe, hides the GAN's options and layers, and says why its steps are off", async () => {
  await until((s) => s.started && s.model === 'gan', 'the GAN run');
  await page.check('input[name="model"][value="flow"]');
  const flow = await until((s) => s.started && s.model === 'flow' && s.samples !== null, 'the flow run');
  const recipe = defaultFlowConfig();
  assert.deepEqual([flow.config?.hidden, flow.config?.odeSolver, flow.config?.odeSteps, flow.config?.fourierFeatures, flow.config?.lr],
    [recipe.hidden, recipe.odeSolver, recipe.odeSteps, recipe.fourierFeatures, recipe.lr]);
  assert.match(flow.settings, /the flow's recommended recipe \(as gan2d train builtin:ring --model flow\)/);
  assert.match(page.url(), /model=flow/);
  // The GAN's options are hidden and disabled; the shared ones keep their place, the flow's show.
  assert.equal(await isVisible('#option-loss'), false);
  assert.equal(await page.isDisabled('#option-loss'), true);
  assert.equal(await isVisible('#option-ode-solver'), true);
  assert.equal(await isVisible('#option-batch-size'), true);
  assert.equal(await page.inputValue('#option-batch-size'), String(recipe.batchSize));
  // D's surface, its key and G's layers are gone; the flow's are there, with their key.
  assert.equal(await isVisible('#surface-key'), false);
  assert.equal(await isVisible('#flow-key'), true);
  assert.equal(await isVisible('#layer-surface'), false);
  assert.equal(await isVisible('#layer-velocity'), true);
  assert.equal(await isVisible('#layer-trajectories'), true);
  for (const id of ['#step-d', '#step-g', '#step-stage']) {
    assert.equal(await page.isDisabled(id), true, id);
    assert.match(await page.getAttribute(id, 'title') ?? '', /the GAN's: a flow trains one network/);
  }
  assert.match(await page.textContent('#step-note') ?? '', /Step in stages are the GAN's/);
  assert.equal(await page.isDisabled('[data-preset="quality"]'), true);
  // Step: one iteration, its loss on the chart.
  await page.click('#step-both');
  const stepped = await until((s) => s.iteration === 1 && s.charts.losses >= 1, 'one step');
  assert.equal(stepped.losses.at(-1)?.length, 2, 'the loss chart has one series: [iteration, flow]');
  assert.deepEqual(session.errors, []);
});

test('a flow learns the ring live: every mode, read from the page\'s metrics', async () => {
  await page.click('#play');
  const trained = await until((s) => (s.scores?.values.modes ?? 0) >= 6 && s.iteration >= 300, 'six modes of the ring', 240_000);
  assert.ok(Number.isFinite(trained.losses.at(-1)?.[1]), 'a finite flow loss');
  assert.ok(trained.velocityArrows > 0, 'the velocity arrows are drawn');
  await page.click('#play');
  await until((s) => !s.playing, 'pause');
  await page.waitForTimeout(500);
  assert.deepEqual(session.errors, []);
});

test('the time slider shows the noise at t = 0 and the samples at t = 1', async () => {
  await page.fill('#flow-time-range', '0');
  const start = await until((s) => s.flowTime === 0 && s.shown !== null, 't = 0');
  assert.ok(start.coordinates && start.shown);
  const { mean, std } = moments(start.shown, start.coordinates);
  for (let j = 0; j < 2; j++) {
    assert.ok(Math.abs(mean[j]) < 0.15, `mean ${mean[j]} of N(0, 1)`);
    assert.ok(Math.abs(std[j] - 1) < 0.12, `std ${std[j]} of N(0, 1)`);
  }
  await page.fill('#flow-time-range', '0.5');
  const middle = await until((s) => s.flowTime === 0.5, 't = 0.5');
  assert.notDeepEqual(middle.shown, start.shown);
  await page.fill('#flow-time-range', '1');
  const end = await until((s) => s.flowTime === 1, 't = 1');
  assert.deepEqual(end.shown, end.samples);
  // The samples are on the ring, not N(0, I): their spread in the flow's coordinates is the ring's.
  await page.click('#flow-time-play');
  await until((s) => s.flowTime > 0 && s.flowTime < 1, 'the transport playing');
  await until((s) => s.flowTime === 1, 'the transport reaching t = 1', 15_000);
  assert.deepEqual(session.errors, []);
});

test("a CLI --model flow checkpoint loads and continues; one saved here is the CLI's to generate, eval and resume", async () => {
  const out = join(work, 'cli-flow');
  const trained = await cli(['train', 'builtin:ring', '--model', 'flow', '--iterations', '40', '--batch-size', '64', '--hidden', '32,32',
    '--display-interval', '10', '--seed', '5', '--time-limit', '0', '--out', out]);
  assert.equal(trained.code, 0, trained.stderr);
  await page.setInputFiles('#load-checkpoint', join(out, 'checkpoint.json'));
  const loaded = await until((s) => s.model === 'flow' && s.iteration === 40 && s.config?.seed === 5 && s.samples !== null, 'the flow checkpoint to load');
  assert.deepEqual(loaded.config?.hidden, [32, 32]);
  assert.equal(loaded.config?.batchSize, 64);
  assert.match(page.url(), /model=flow/);
  assert.match(page.url(), /hidden=32,32/);
  await page.click('#step-both');
  await until((s) => s.iteration === 41, 'a step on from the checkpoint');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-checkpoint')]);
  const saved = join(work, 'page-flow');
  mkdirSync(saved);
  await download.saveAs(join(saved, 'checkpoint.json'));
  const checkpoint = parseAnyCheckpoint(JSON.parse(readFileSync(join(saved, 'checkpoint.json'), 'utf8')));
  assert.equal(checkpoint.model, 'flow');
  assert.equal(checkpoint.iteration, (await pageStatus(page)).iteration);
  const points = join(work, 'points.csv');
  const generated = await cli(['generate', join(saved, 'checkpoint.json'), '-n', '300', '-o', points]);
  assert.equal(generated.code, 0, generated.stderr);
  const rows = readFileSync(points, 'utf8').trim().split('\n').slice(1);
  assert.equal(rows.length, 300);
  assert.ok(rows.every((row) => row.split(',').map(Number).every(Number.isFinite)));
  const scored = await cli(['eval', saved, '-n', '2000']);
  assert.equal(scored.code, 0, scored.stderr);
  assert.match(scored.stdout, /modes/);
  const resumed = await cli(['train', '--resume', saved, '--iterations', String(checkpoint.iteration + 10), '--time-limit', '0']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(parseAnyCheckpoint(JSON.parse(readFileSync(join(saved, 'checkpoint.json'), 'utf8'))).iteration, checkpoint.iteration + 10);
  assert.deepEqual(session.errors, []);
});

test('back to the GAN: its options, layers and steps return, and the shared options set stay', async () => {
  await page.check('input[name="model"][value="gan"]');
  const gan = await until((s) => s.model === 'gan' && s.started && s.generated.length > 0, 'the GAN run again');
  assert.equal(gan.config?.seed, 5, 'the seed the flow had is kept');
  assert.equal(gan.config?.hidden, undefined);
  assert.doesNotMatch(page.url(), /model=|hidden=/);
  assert.equal(await isVisible('#option-loss'), true);
  assert.equal(await isVisible('#option-ode-solver'), false);
  assert.equal(await isVisible('#surface-key'), true);
  assert.equal(await isVisible('#flow-time'), false);
  assert.equal(await page.isDisabled('#step-stage'), false);
  assert.deepEqual(session.errors, []);
});

/** A checksum of the view's pixels: equal for the same drawing, different when anything drawn moved. */
function viewChecksum(target: Page): Promise<number> {
  return target.evaluate(() => {
    const canvas = document.getElementById('view') as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum = (sum * 31 + data[i]) % 2_147_483_647;
    return sum;
  });
}

test("a conditional flow's arrows are the velocity of the condition shown, and the key names it", async () => {
  const parts = await session.newPage('#data=builtin:binary/parts&model=flow&seed=3&iterations=60');
  const untilParts = (predicate: (status: PageStatus) => boolean, what: string): Promise<PageStatus> => untilStatus(parts, predicate, what);
  await parts.click('#play');
  await untilParts((s) => s.model === 'flow' && s.iteration === 60 && !s.playing && s.velocityArrows > 0, 'a conditional flow stopped at 60');
  assert.deepEqual((await pageStatus(parts)).conditions, ['0', '1']);
  const velocityKey = (): Promise<string | null> => parts.textContent('#flow-key-velocity');
  assert.equal(await velocityKey(), 'velocity at t of binary, part 1 only (show one condition alone for its own)');
  // The arrow and its words sit on one line of the key, as do the trajectory's mark and its words.
  for (const item of await parts.locator('#flow-key .flow-key-item').all()) {
    const [mark, words] = await item.locator(':scope > span').all();
    const [a, b] = [await mark.boundingBox(), await words.boundingBox()];
    assert.ok(a && b && a.y < b.y + b.height && b.y < a.y + a.height, `a key mark apart from its words: ${JSON.stringify([a, b])}`);
  }
  // The arrows alone on the view: every other layer off.
  for (const layer of ['trajectories', 'generated', 'real']) await parts.uncheck(`#layer-${layer}`);
  await afterDraw(parts);
  const first = await viewChecksum(parts);

  await parts.selectOption('#condition-select', '1');
  assert.equal(await velocityKey(), 'velocity at t of binary, part 2 (where its points there move next)');
  const deadline = Date.now() + 30_000;
  let second = await viewChecksum(parts);
  while (second === first) {
    assert.ok(Date.now() < deadline, 'the arrows did not change for condition 1');
    await parts.waitForTimeout(100);
    second = await viewChecksum(parts);
  }
  // Back to all conditions: condition 0's arrows again, pixel for pixel, as the key says.
  await parts.selectOption('#condition-select', 'all');
  assert.match(await velocityKey() ?? '', /of binary, part 1 only/);
  const again = Date.now() + 30_000;
  while ((await viewChecksum(parts)) !== first) {
    assert.ok(Date.now() < again, 'all conditions did not show condition 0\'s arrows');
    await parts.waitForTimeout(100);
  }
  await parts.selectOption('#condition-select', '0');
  assert.match(await velocityKey() ?? '', /of binary, part 1 \(where its points/);
  // Export PNG: the arrow's red mark in the key under the view while the arrows are shown, none
  // when they are off. The figure holds the view as drawn, pixel for pixel, and its title is in
  // ink: its red beyond the view's is the key's.
  const redInKey = async (): Promise<number> => {
    const image = await exportedPng(parts);
    return countNear(image, 0, image.height, FLOW) - await viewPixelsNear(parts, FLOW);
  };
  assert.ok(await redInKey() > 10, 'the velocity arrow in the exported key');
  await parts.uncheck('#layer-velocity');
  assert.equal(await redInKey(), 0, 'no flow mark in the exported key with the arrows and trajectories off');
  await parts.close();
  assert.deepEqual(session.errors, []);
});
