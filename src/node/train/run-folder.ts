/**
 * The folder a training run writes into: its default name, the refusal to mix a
 * new run into an old one, and the name of every file the run leaves there.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { BUILTIN_PREFIX } from '../../core/density/builtins.js';
import { DRAWN_PREFIX } from '../../core/density/drawn-density-codec.js';
import { UserError } from '../../core/errors.js';
import type { SamplesFormat } from '../../core/model/run-config.js';
import { ensureFolder, removeLeftoverTemporaries } from '../files.js';

export interface RunFiles {
  folder: string;
  gif: string;
  /** training.gif's frames as they are drawn, until the run ends: what a killed run keeps of its animation. */
  gifPart: string;
  finalPng: string;
  lossesPng: string;
  framesFolder: string;
  metrics: string;
  summary: string;
  checkpoint: string;
  /** What --export-samples writes, by --samples-format. */
  samples: Record<SamplesFormat, string>;
}

export function runFiles(folder: string): RunFiles {
  return {
    folder,
    gif: join(folder, 'training.gif'),
    gifPart: join(folder, '.training.gif.part'),
    finalPng: join(folder, 'final.png'),
    lossesPng: join(folder, 'losses.png'),
    framesFolder: join(folder, 'frames'),
    metrics: join(folder, 'metrics.jsonl'),
    summary: join(folder, 'summary.json'),
    checkpoint: join(folder, 'checkpoint.json'),
    samples: { csv: join(folder, 'samples.csv'), npy: join(folder, 'samples.npy') },
  };
}

/** What a run is called in its default folder name: "zig" for examples/zig.png, "ring" for builtin:ring, "drawn" for a drawing. */
export function inputName(input: string): string {
  if (input.startsWith(BUILTIN_PREFIX)) return input.slice(BUILTIN_PREFIX.length) || 'builtin';
  if (input.startsWith(DRAWN_PREFIX)) return 'drawn';
  const trimmed = input.replace(/[/\\]+$/, '');
  const name = basename(trimmed, extname(trimmed));
  return name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'run';
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** runs/<input name>-YYYYMMDD-HHMMSS (local time). */
export function defaultRunFolder(input: string, now: Date = new Date()): string {
  const stamp = `${now.getFullYear()}${twoDigits(now.getMonth() + 1)}${twoDigits(now.getDate())}` +
    `-${twoDigits(now.getHours())}${twoDigits(now.getMinutes())}${twoDigits(now.getSeconds())}`;
  return join('runs', `${inputName(input)}-${stamp}`);
}

/** The files and folders a run writes, which --force clears so no stale frame or sample outlives its run. */
function runOutputs(files: RunFiles): string[] {
  return [files.gif, files.gifPart, files.finalPng, files.lossesPng, files.framesFolder, files.metrics, files.summary,
    files.checkpoint, files.samples.csv, files.samples.npy];
}

const FRAME_PNG = /^iter_(\d+)\.png$/;

/** The temporary files of the run's own writes that a killed process left in its folder (and frames/). */
function removeOwnLeftovers(files: RunFiles): void {
  const ours = new Set(runOutputs(files).map((path) => basename(path)));
  removeLeftoverTemporaries(files.folder, (name) => ours.has(name));
  removeLeftoverTemporaries(files.framesFolder, (name) => FRAME_PNG.test(name));
}

/**
 * Readies a run's folder to continue from its checkpoint at `iteration`: removes what a
 * killed process of this run left there and the resumed run redraws. That is the temporary
 * files of the run's own writes (`.checkpoint.json.<pid>.<ms>.tmp` and the like, only
 * those of processes that no longer run) and, in frames/, the PNGs of iterations after
 * the checkpoint.
 */
export function tidyForResume(files: RunFiles, iteration: number): void {
  removeOwnLeftovers(files);
  let frames: string[] = [];
  try {
    frames = readdirSync(files.framesFolder);
  } catch {
    return; // no frames/ folder
  }
  for (const name of frames) {
    const match = FRAME_PNG.exec(name);
    if (match !== null && Number(match[1]) > iteration) rmSync(join(files.framesFolder, name), { force: true });
  }
}

/**
 * Makes the folder ready for a new run: creates it, or refuses when it exists with
 * something in it, unless `force` (then our own earlier outputs are removed first).
 */
export function prepareRunFolder(folder: string, force: boolean): RunFiles {
  const files = runFiles(folder);
  let entries: string[] | undefined;
  try {
    const stat = statSync(folder);
    if (!stat.isDirectory()) throw new UserError(`--out ${folder}: exists and is not a folder`);
    entries = readdirSync(folder);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(`--out ${folder}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (entries !== undefined && entries.length > 0) {
    if (!force) {
      throw new UserError(`--out ${folder}: the folder exists and is not empty; choose another --out, or add --force to write over it`);
    }
    for (const path of runOutputs(files)) rmSync(path, { recursive: true, force: true });
    removeOwnLeftovers(files);
  }
  try {
    ensureFolder(folder);
  } catch (error) {
    throw new UserError(`--out ${folder}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return files;
}
