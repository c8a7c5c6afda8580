import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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

/**
 * Why writing a file failed, in a few words for a one-line message: "the disk is full
 * (ENOSPC)", "file size limit reached (EFBIG)", ..., else "cannot be written (CODE)".
 */
export function describeWriteError(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC': return 'the disk is full (ENOSPC)';
    case 'EFBIG': return 'file size limit reached (EFBIG)';
    case 'EDQUOT': return 'disk quota exceeded (EDQUOT)';
    case 'EROFS': return 'the file system is read-only (EROFS)';
    case 'EACCES': case 'EPERM': return `permission denied (${code})`;
    case 'EIO': return 'input/output error (EIO)';
    case 'ENOENT': return 'its folder is gone (ENOENT)';
    default: return `cannot be written (${code ?? 'unknown error'})`;
  }
}

/**
 * A file could not be written (a full disk, a file-size limit, ...): one line naming the
 * file (its final name, not the temporary one) and the cause, e.g. `writing out.csv: the
 * disk is full (ENOSPC)`. Whatever was half written has been removed or cut back.
 */
export class WriteError extends UserError {
  constructor(readonly path: string, readonly code: string | undefined) {
    super(`writing ${path}: ${describeWriteError(code)}`);
    this.name = 'WriteError';
  }
}

/** A system error from writing `path` as a WriteError naming it; anything else (a bug, an error of the producer) as it is. */
export function asWriteError(path: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? new WriteError(path, code) : error;
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
    throw asWriteError(path, error);
  }
}

/**
 * Writes files that belong together (a model and its weights): each to its temporary name
 * first, then all renamed, so a write that fails (a full disk) leaves none of them, new or half.
 */
export function writeFilesAtomic(files: readonly (readonly [path: string, data: string | Uint8Array])[]): void {
  const temporaries = files.map(([path]) => temporaryPath(path));
  let current = '';
  try {
    files.forEach(([path, data], i) => {
      current = path;
      writeFileSync(temporaries[i], data);
    });
    files.forEach(([path], i) => {
      current = path;
      renameSync(temporaries[i], path);
    });
  } catch (error) {
    for (const tmp of temporaries) rmSync(tmp, { force: true });
    throw asWriteError(current, error);
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
    throw asWriteError(path, error);
  }
}

/**
 * Appends `text` to a file that is `size` bytes long; when the write fails (a full disk),
 * the file is cut back to `size`, so it never ends in half a line. Returns the new size.
 */
export function appendWhole(path: string, size: number, text: string): number {
  const bytes = Buffer.from(text);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'a');
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
    closeSync(fd);
    return size + bytes.length;
  } catch (error) {
    if (fd !== undefined) {
      try {
        ftruncateSync(fd, size);
      } finally {
        closeSync(fd);
      }
    }
    throw asWriteError(path, error);
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
