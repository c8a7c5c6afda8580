/**
 * Writes a sweep's report.md and report.html from its run folders: each run's final
 * metrics from summary.json, and a thumbnail of each final frame (its samples panel) so
 * the grid of frames stays light enough to commit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { trainingFrameLayout } from '../../core/render/frame.js';
import { reportContent, type FrameLinks } from '../../core/sweep/report-content.js';
import { renderReportHtml } from '../../core/sweep/report-html.js';
import { renderReportMarkdown } from '../../core/sweep/report-markdown.js';
import { runConfig } from '../../core/sweep/sweep-plan.js';
import { summariseSweep, type RunOutcome, type SweepResults } from '../../core/sweep/sweep-results.js';
import { ensureFolder, writeFileAtomic, writeFilesAtomic } from '../files.js';
import type { LoadedSweep } from './sweep-file.js';
import { runFolderOf, type SweepFolder } from './sweep-folder.js';
import { readRunState } from './run-state.js';

/** Thumbnail side in pixels: a grid of a dozen fits a screen. */
const THUMBNAIL_SIZE = 200;

/** Every run's outcome as its folder tells it. */
export function readOutcomes(loaded: LoadedSweep, folder: SweepFolder): RunOutcome[] {
  return loaded.runs.map((run) => {
    const state = readRunState(runFolderOf(folder, run), runConfig(run).iterations);
    if (state.kind === 'finished') return { run, metrics: state.metrics };
    return { run, metrics: undefined, ...(state.kind === 'diverged' ? { diverged: true } : {}) };
  });
}

/**
 * The samples panel of final.png, scaled to a square thumbnail. The panel's place comes
 * from the frame layout of the picture's width; a picture of another shape is scaled whole.
 */
async function writeThumbnail(finalPng: string, thumbnail: string): Promise<void> {
  const image = await loadImage(readFileSync(finalPng));
  const layout = trainingFrameLayout(Math.max(120, Math.round(image.width / 3)));
  const canvas = createCanvas(THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  if (layout.width === image.width && layout.height === image.height) {
    const panel = layout.panels[0];
    context.drawImage(image, panel.x, panel.y, panel.width, panel.height, 0, 0, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  } else {
    const scale = THUMBNAIL_SIZE / Math.max(image.width, image.height);
    context.drawImage(image, 0, 0, image.width * scale, image.height * scale);
  }
  writeFileAtomic(thumbnail, canvas.encodeSync('png'));
}

export async function writeSweepReport(loaded: LoadedSweep, folder: SweepFolder, outcomes = readOutcomes(loaded, folder)): Promise<SweepResults> {
  ensureFolder(folder.thumbnails);
  const frames = new Map<string, FrameLinks>();
  for (const { run, metrics } of outcomes) {
    const finalPng = join(runFolderOf(folder, run), 'final.png');
    if (metrics === undefined || !existsSync(finalPng)) continue;
    const thumbnail = join(folder.thumbnails, `${run.name}.png`);
    await writeThumbnail(finalPng, thumbnail);
    frames.set(run.name, {
      thumbnail: relative(folder.root, thumbnail).split('\\').join('/'),
      full: relative(folder.root, finalPng).split('\\').join('/'),
    });
  }
  const results = summariseSweep(loaded.spec, outcomes);
  const content = reportContent(results, (run) => frames.get(run.name));
  // The two reports renamed into place together: a full disk leaves the earlier pair, or none.
  writeFilesAtomic([[folder.reportMarkdown, renderReportMarkdown(content)], [folder.reportHtml, renderReportHtml(content)]]);
  return results;
}
