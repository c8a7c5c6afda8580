import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';

/**
 * Why reading a file failed, in a few words for a one-line message: "no such file",
 * "permission denied", "is a folder", else "cannot be read (CODE)".
 */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** Refuses early, with a one-line message, when the folder an output goes into does not exist. */
export function assertOutputFolder(path: string, what = 'output'): void {
  const folder = dirname(path);
  let isDirectory = false;
  try {
    isDirectory = statSync(folder).isDirectory();
  } catch {
    throw new UserError(`${what} ${path}: the folder ${folder} does not exist`);
  }
  if (!isDirectory) throw new UserError(`${what} ${path}: ${folder} is not a folder`);
}

/** The temporary name a file is written under before it is renamed into place: `.NAME.<pid>.<ms>.tmp` beside it. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

/** Writes a file atomically: a temporary file beside it, then a rename, so a reader never sees half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = temporaryPath(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Writes a file atomically from chunks: `produce` hands each to `write` in order, and each is on
 * disk (in the temporary file) when `write` returns, so its buffer may be reused.
 */
export function writeFileAtomicChunks(path: string, produce: (write: (chunk: Uint8Array) => void) => void): void {
  const tmp = temporaryPath(path);
  let fd: number | undefined;
  try {
    const file = (fd = openSync(tmp, 'w'));
    produce((chunk) => {
      for (let done = 0; done < chunk.length;) done += writeSync(file, chunk, done, chunk.length - done);
    });
    fd = undefined;
    closeSync(file);
    renameSync(tmp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Whether a process with this id runs (one we may not signal counts as running). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that another process, no longer running, left in `folder`
 * when it was killed in the middle of a write: `.NAME.<pid>.<ms>.tmp` (see temporaryPath)
 * for the file names `isOurs` accepts, and nothing else. Returns the names removed.
 */
export function removeLeftoverTemporaries(folder: string, isOurs: (name: string) => boolean): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = /^\.(.+)\.(\d+)\.\d+\.tmp$/.exec(entry);
    if (match === null || !isOurs(match[1])) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || processRuns(pid)) continue;
    rmSync(join(folder, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}

export function ensureFolder(path: string): void {
  mkdirSync(path, { recursive: true });
}
