/**
 * The pre-trained examples in Debian's Chromium (see web-browser.ts): each button loads its
 * checkpoint from src/web/public/pretrained/, paused at the checkpoint's iteration, on its density
 * and with its options, and the page's own quality figures show what its caption promises:
 * 8 modes against few, no bridge against a bridge, modes that swing once played.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { openOptionGroups, openPageSession, pageStatus, untilStatus, type PageSession, type PageStatus } from '../support/web-browser.js';
import { PRETRAINED_EXAMPLES, type PretrainedExample } from '../../src/web/pretrained-examples.js';
import { readCheckpointFile } from '../../src/web/checkpoint-bridge.js';

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'web', 'public', 'pretrained');

let session: PageSession;
let page: Page;

before(async () => {
  session = await openPageSession();
  page = await session.newPage();
});

after(async () => {
  await session?.close();
});

function example(name: string): PretrainedExample {
  const found = PRETRAINED_EXAMPLES.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return found;
}

/** The options a page run sets its own way: its length, and how often it charts and checkpoints (none). */
function pageOnly(config: Record<string, unknown> | null): Record<string, unknown> {
  const { iterations, displayInterval, checkpointInterval, timeLimit, exportSamples, samplesFormat } = config ?? {};
  return { iterations, displayInterval, checkpointInterval, timeLimit, exportSamples, samplesFormat };
}

/** Clicks the example's button and waits for its first scored frame; checks it is the checkpoint's state, paused. */
async function load(name: string): Promise<PageStatus> {
  const chosen = example(name);
  const checkpoint = readCheckpointFile(name, gunzipSync(readFileSync(join(FOLDER, `${name}.json.gz`))).toString('utf8'));
  const before = (await pageStatus(page)).run;
  await page.click(`#pretrained-${name}`);
  const status = await untilStatus(page, (s) => s.run > before && s.started && s.scores !== null && s.scores.iteration === checkpoint.iteration, `${name} loaded and scored`);
  assert.equal(status.iteration, chosen.iterations);
  assert.equal(status.playing, false, 'an example opens paused');
  assert.equal(status.data, checkpoint.target.source + (checkpoint.target.conditions.length > 0 ? '/parts' : ''));
  assert.deepEqual(status.config, { ...checkpoint.config, ...pageOnly(status.config) }, `${name}: the checkpoint's options`);
  assert.ok(status.generated.length > 0 && status.surfaceSum !== null, `${name}: points and D's surface drawn`);
  assert.equal(await page.textContent('#data-status'), `${chosen.label}: ${chosen.caption}`);
  return status;
}

test('every example has a button with its one-line caption', async () => {
  for (const chosen of PRETRAINED_EXAMPLES) {
    assert.equal(await page.textContent(`#pretrained-${chosen.name}`), chosen.label);
    assert.equal(await page.textContent(`#pretrained-${chosen.name}-caption`), chosen.caption);
  }
});

test('success against mode collapse: the ring with all 8 modes, then with a few', async () => {
  const success = await load('ring-success');
  assert.equal(success.scores?.values.modes, 8);
  assert.ok(success.scores.values.highQuality > 0.5, `high quality ${success.scores.values.highQuality}`);
  assert.equal(success.settings, "Settings: custom: builtin:ring's recommended (as gan2d train builtin:ring), with --iterations set");
  assert.equal(success.stopAfter, 6000, 'with --lr-decay the rates land at twice the run: it stops there');
  const collapse = await load('ring-collapse');
  assert.ok(collapse.scores !== null && collapse.scores.values.modes <= 5, `modes ${collapse.scores?.values.modes}`);
  assert.ok(collapse.scores.values.highQuality < 0.1, `high quality ${collapse.scores.values.highQuality}`);
});

test('the bridge: the plain GAN leaves points between the discs, the conditional one almost none', async () => {
  const plain = await load('binary-plain');
  assert.deepEqual(plain.conditions, []);
  const conditional = await load('binary-conditional');
  assert.deepEqual(conditional.conditions, ['0', '1']);
  const far = (status: PageStatus): number => status.scores?.values.farOos ?? NaN;
  assert.ok(far(plain) > 2 * far(conditional), `far oos: plain ${far(plain)}, conditional ${far(conditional)}`);
  assert.deepEqual(session.errors, []);
});

test('the oscillation: played on for 3,000 iterations, the modes it covers swing up and down', async () => {
  const start = await load('ring-oscillation');
  // The page scores on a wall-clock interval while playing, so which iterations get scored
  // depends on the machine's pace. A paused page scores the iteration it stopped at: play to
  // fixed stops ("Stop after", on chart intervals) and read the score at each.
  const interval = start.config?.displayInterval;
  assert.ok(typeof interval === 'number' && interval > 0, `chart interval ${interval}`);
  const stride = interval * Math.ceil(300 / interval);
  await openOptionGroups(page, ['Run']);
  if (!(await page.isChecked('#option-iterations-on'))) await page.check('#option-iterations-on');
  const modes: number[] = [];
  for (let stop = start.iteration + stride; stop <= start.iteration + 3000; stop += stride) {
    await page.fill('#option-iterations', String(stop));
    await page.press('#option-iterations', 'Tab');
    await untilStatus(page, (s) => s.stopAfter === stop, `the stop at ${stop} to apply`);
    await page.click('#play');
    const stopped = await untilStatus(page, (s) => !s.playing && s.iteration === stop && s.scores?.iteration === stop, `played to ${stop} and scored there`);
    modes.push(stopped.scores?.values.modes ?? NaN);
  }
  assert.ok(modes.length >= 8, `scored ${modes.length} times`);
  assert.ok(Math.max(...modes) - Math.min(...modes) >= 3, `modes every ${stride} iterations: ${modes.join(', ')}`);
  assert.deepEqual(session.errors, []);
});
