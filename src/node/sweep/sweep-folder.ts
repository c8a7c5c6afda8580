/**
 * A sweep's output folder: where each run, log and thumbnail goes, and plan.json, the
 * record of what every run was made with, so a sweep resumed after its file changed
 * never mixes runs made with other settings into one report.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../core/errors.js';
import { formatValue } from '../../core/gan/config.js';
import { optionsOfModel } from '../../core/flow/config.js';
import { runConfig, type SweepRun } from '../../core/sweep/sweep-plan.js';
import { ensureFolder, processRuns, writeFileAtomic } from '../files.js';
import type { LoadedSweep } from './sweep-file.js';

export interface SweepFolder {
  root: string;
  runs: string;
  logs: string;
  thumbnails: string;
  plan: string;
  lock: string;
  reportMarkdown: string;
  reportHtml: string;
}

export function sweepFolder(root: string): SweepFolder {
  const absolute = resolve(root);
  return {
    root: absolute,
    runs: join(absolute, 'runs'),
    logs: join(absolute, 'logs'),
    thumbnails: join(absolute, 'frames'),
    plan: join(absolute, 'plan.json'),
    lock: join(absolute, 'sweep.lock'),
    reportMarkdown: join(absolute, 'report.md'),
    reportHtml: join(absolute, 'report.html'),
  };
}

export function runFolderOf(folder: SweepFolder, run: SweepRun): string {
  return join(folder.runs, run.name);
}

/** What makes a run's result what it is: its target (and the picture's bytes) and every option fixed on resume. */
type RunIdentity = Record<string, string>;

export function runIdentity(loaded: LoadedSweep, run: SweepRun): RunIdentity {
  const config = runConfig(run) as unknown as Record<string, unknown>;
  const resolved = loaded.targets.get(run.target.name);
  const identity: RunIdentity = { target: run.target.source, picture: resolved?.contentHash ?? '' };
  // A GAN run's identity names no model, as before the flow existed: older sweep folders stay valid.
  if (run.model !== 'gan') identity.model = run.model;
  for (const spec of optionsOfModel(run.model)) {
    // An option added later, at the value runs made before it had, leaves older sweep folders valid.
    const asBefore = spec.olderCheckpoints !== undefined && formatValue(config[spec.key]) === formatValue(spec.olderCheckpoints);
    if (spec.onResume === 'fixed' && !asBefore) identity[spec.flag] = formatValue(config[spec.key]);
  }
  return identity;
}

function readPlan(path: string): Record<string, RunIdentity> {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { runs?: Record<string, RunIdentity> };
    return data.runs ?? {};
  } catch {
    return {};
  }
}

function differences(before: RunIdentity, now: RunIdentity): string {
  return Object.keys(now)
    .filter((key) => before[key] !== now[key])
    .map((key) => (key === 'picture' ? 'the picture changed' : `${key} ${before[key] ?? '(unset)'}, now ${now[key]}`))
    .join('; ');
}

/**
 * Creates the folder, or checks it against the runs it already holds: a run made with
 * other settings is refused, or with `force` deleted to be made again. Then records the plan.
 */
export function prepareSweepFolder(folder: SweepFolder, loaded: LoadedSweep, force: boolean): void {
  const earlier = readPlan(folder.plan);
  const merged: Record<string, RunIdentity> = { ...earlier };
  for (const run of loaded.runs) {
    const now = runIdentity(loaded, run);
    const before = earlier[run.name];
    if (before !== undefined && JSON.stringify(before) !== JSON.stringify(now)) {
      if (!force) {
        throw new UserError(`--out ${folder.root}: run ${run.name} was made with other settings (${differences(before, now)}); use another --out, or add --force to redo such runs`);
      }
      rmSync(runFolderOf(folder, run), { recursive: true, force: true });
    }
    merged[run.name] = now;
  }
  ensureFolder(folder.runs);
  ensureFolder(folder.logs);
  writeFileAtomic(folder.plan, JSON.stringify({ sweep: loaded.spec.name, runs: merged }, null, 2) + '\n');
}

/**
 * Claims the folder for this process, so two sweeps never train the same runs at once.
 * A lock left by a process that is gone is taken over. Returns the release.
 */
export function lockSweepFolder(folder: SweepFolder): () => void {
  ensureFolder(folder.root);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(folder.lock, `${process.pid}\n`, { flag: 'wx' });
      const release = (): void => {
        rmSync(folder.lock, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(folder.lock, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processRuns(holder)) {
        throw new UserError(`--out ${folder.root}: another gan2d sweep (pid ${holder}) is using this folder; wait for it, or choose another --out`);
      }
      rmSync(folder.lock, { force: true }); // left by a sweep that is gone
    }
  }
  throw new UserError(`--out ${folder.root}: cannot take the folder's lock ${folder.lock}`);
}
