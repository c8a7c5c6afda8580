/**
 * Reading a sweep file from disk: its text checked (src/core/sweep), its pictures found
 * relative to the file, and its runs expanded. Pictures are hashed so that a changed
 * picture counts as a changed run.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { BUILTIN_PREFIX } from '../../core/density/builtins.js';
import { UserError } from '../../core/errors.js';
import { describeFileError } from '../files.js';
import { sweepFileError, parseSweepText } from '../../core/sweep/sweep-document.js';
import { expandSweep, type SweepRun } from '../../core/sweep/sweep-plan.js';
import { readSweepSpec, type SweepSpec, type SweepTarget } from '../../core/sweep/sweep-spec.js';

/** A target as train sees it: builtin:NAME, or a path the current directory can reach, with its files' contents. */
export interface ResolvedTarget {
  target: SweepTarget;
  /** For `gan2d train`: builtin:NAME, or the picture or folder as an absolute path (a run resumes from anywhere). */
  trainInput: string;
  /** The picture, or the folder's files (sorted), as name and bytes; empty for a builtin. */
  files: { name: string; bytes: Buffer }[];
  /** SHA-256 of the files: a picture that changes makes its runs new runs. */
  contentHash: string;
  /** A folder of pictures (a conditional run), not one picture. */
  isFolder: boolean;
}

export interface LoadedSweep {
  file: string;
  spec: SweepSpec;
  runs: SweepRun[];
  /** By target name. */
  targets: Map<string, ResolvedTarget>;
}

function readTargetFiles(path: string, isFolder: boolean): { name: string; bytes: Buffer }[] {
  if (!isFolder) return [{ name: basename(path), bytes: readFileSync(path) }];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(path, name)) }));
}

export function loadSweepFile(file: string): LoadedSweep {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const expected = (error as NodeJS.ErrnoException).code === 'EISDIR' ? ', expected a .yaml or .json file' : '';
    throw new UserError(`sweep ${file}: ${describeFileError(error)}${expected}`);
  }
  const document = parseSweepText(text, file);
  const spec = readSweepSpec(document, basename(file, extname(file)));

  const targets = new Map<string, ResolvedTarget>();
  for (const target of spec.targets) {
    if (target.source.startsWith(BUILTIN_PREFIX)) {
      targets.set(target.name, { target, trainInput: target.source, files: [], contentHash: '', isFolder: false });
      continue;
    }
    const path = resolve(dirname(file), target.source);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw sweepFileError(document, target.path, `${target.source}: no such picture or folder (paths are relative to the sweep file)`);
    const files = readTargetFiles(path, stat.isDirectory());
    if (files.length === 0) throw sweepFileError(document, target.path, `${target.source}: the folder has no pictures`);
    const hash = createHash('sha256');
    for (const entry of files) hash.update(entry.name).update('\0').update(entry.bytes);
    targets.set(target.name, { target, trainInput: path, files, contentHash: hash.digest('hex'), isFolder: stat.isDirectory() });
  }
  return { file, spec, runs: expandSweep(spec), targets };
}
