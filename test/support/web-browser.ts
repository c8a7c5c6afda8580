/**
 * For the browser tests and the page benchmark: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), on the built page served by our own
 * static server with the cross-origin-isolation headers.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Rgb } from '../../src/core/render/colors.js';
import { startStaticServer, type RunningStaticServer } from '../../src/node/server/static-server.js';
import type { MetricsRecord } from '../../src/web/protocol.js';

declare global {
  interface Window {
    gan2d: { status(): unknown };
  }
}

export const CHROMIUM = '/usr/bin/chromium';

/** dist/test/web-browser.js -> dist/web/. */
export const BUILT_PAGE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

export interface PageSession {
  server: RunningStaticServer;
  context: BrowserContext;
  /** Messages of every console error and uncaught exception seen on any page so far. */
  errors: string[];
  newPage(hash?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function openPageSession(viewport = { width: 1280, height: 800 }): Promise<PageSession> {
  if (!existsSync(join(BUILT_PAGE, 'index.html'))) {
    throw new Error(`${BUILT_PAGE}/index.html is missing: run npm run build first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const server = await startStaticServer({ root: BUILT_PAGE, host: '127.0.0.1', port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'gan2d-chromium-'));
  // A fresh profile folder each time (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
    viewport,
    acceptDownloads: true,
  });
  const errors: string[] = [];
  return {
    server,
    context,
    errors,
    async newPage(hash = '') {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
      await page.goto(`${server.url}${hash}`);
      await page.waitForFunction(() => (window.gan2d?.status() as { started?: boolean } | undefined)?.started === true, undefined, { timeout: 90_000 });
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What window.gan2d.status() returns (see src/web/main.ts). */
export interface PageStatus {
  run: number;
  started: boolean;
  iteration: number;
  playing: boolean;
  iterationsPerSecond: number;
  framesPerSecond: number;
  charts: { losses: number; metrics: number };
  /** The loss chart's last points: [iteration, D real, D fake, G]. */
  losses: number[][];
  /** Animation frames run, and frames asked of the training worker, since the page loaded. */
  animationFrames: number;
  framesAsked: number;
  /** The iteration the run stops at by itself; null: it trains until paused. */
  stopAfter: number | null;
  /** The staged step's last stage shown (with its caption), or null. */
  stage: { part: 'd' | 'g'; iteration: number; caption: string } | null;
  /** The speed menu's value (pace.ts). */
  speed: string;
  /** The notice beside the controls (why the run stopped), and the Run panel's status line. */
  playStatus: string;
  runStatus: string;
  generated: number[];
  surfaceSum: number;
  config: Record<string, unknown> | null;
  /** The line above the options saying which settings are in use, and what they start from. */
  settings: string;
  base: 'recommended' | 'seed' | 'small';
  /** The last quality scores of the run (for a mixture: modes, highQuality, reverseKL; a folder's pictures one by one too), or null before the first. */
  scores: MetricsRecord | null;
  conditions: string[];
  data: string;
  threads: number;
  crossOriginIsolated: boolean;
  /** The model the run trains. */
  model: 'gan' | 'flow';
  /** A flow's time slider, its points as shown at that t and its samples (t = 1), x, y interleaved; null for a GAN. */
  flowTime: number;
  shown: number[] | null;
  samples: number[] | null;
  /** A flow's coordinates: its noise is N(0, I) in (p − centre) / scale. */
  coordinates: { centre: [number, number]; scale: number } | null;
  /** Arrows of the velocity field in the last frame (0: none), and the time t they are the velocity at (null: none). */
  velocityArrows: number;
  velocityTime: number | null;
}

export function pageStatus(page: Page): Promise<PageStatus> {
  return page.evaluate(() => window.gan2d.status()) as Promise<PageStatus>;
}

/**
 * Polls the page's status until `predicate` holds, and returns that status. The limit is
 * generous: headless Chromium on a loaded 2-core machine can be several times slower than
 * alone, and a wait only takes long when it is about to fail anyway.
 */
export async function untilStatus(page: Page, predicate: (status: PageStatus) => boolean, what: string, timeout = 90_000): Promise<PageStatus> {
  const deadline = Date.now() + timeout;
  let status = await pageStatus(page);
  while (!predicate(status)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify({ ...status, config: undefined })}`);
    await page.waitForTimeout(100);
    status = await pageStatus(page);
  }
  return status;
}

/** Opens groups of the options form, by their titles. */
export async function openOptionGroups(page: Page, titles: string[]): Promise<void> {
  await page.evaluate((wanted) => {
    for (const group of Array.from(document.querySelectorAll<HTMLDetailsElement>('#options details'))) {
      if (wanted.includes(group.querySelector('summary')?.textContent ?? '')) group.open = true;
    }
  }, titles);
}

/**
 * Resolves after the page's next two animation frames: by then a draw the page had asked for
 * (its own animation callback runs before ours in the first of them) is on the canvas.
 */
export function afterDraw(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The figure Export PNG downloads, decoded (KEEP_EXPORT=PATH keeps a copy to look at). */
export async function exportedPng(page: Page): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const path = await download.path();
  if (process.env.KEEP_EXPORT) copyFileSync(path, process.env.KEEP_EXPORT);
  const image = await loadImage(readFileSync(path));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { data: context.getImageData(0, 0, image.width, image.height).data, width: image.width, height: image.height };
}

/** Pixels of rows [from, to) of an image within `tolerance` (sum of channel differences) of a colour. */
export function countNear(image: { data: Uint8ClampedArray; width: number }, from: number, to: number, color: Rgb, tolerance = 30): number {
  let count = 0;
  for (let i = 4 * from * image.width; i < 4 * to * image.width; i += 4) {
    if (Math.abs(image.data[i] - color[0]) + Math.abs(image.data[i + 1] - color[1]) + Math.abs(image.data[i + 2] - color[2]) < tolerance) count++;
  }
  return count;
}

/** Pixels of the page's view (its canvas) within `tolerance` of a colour, by countNear's rule. */
export function viewPixelsNear(page: Page, color: readonly number[], tolerance = 30): Promise<number> {
  return page.evaluate(({ target, within }) => {
    const canvas = document.getElementById('view') as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let near = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < within) near++;
    return near;
  }, { target: [...color], within: tolerance });
}

/** Parent pid and CPU time (user + system, in clock ticks) of a process, from /proc/<pid>/stat. */
function processStat(pid: number): { parent: number; ticks: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * CPU seconds used so far by every process descending from `root` (by default this test
 * process: playwright starts Chromium as its child, and Chromium its renderers, GPU and
 * utility processes), `root` itself left out. Linux only (/proc); clock ticks of 1/100 s.
 */
export function descendantsCpuSeconds(root = process.pid): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = processStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  const inTree = (pid: number): boolean => {
    for (let at = stats.get(pid)?.parent; at !== undefined && at > 1; at = stats.get(at)?.parent) if (at === root) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
  return ticks / 100;
}
