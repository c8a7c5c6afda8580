/**
 * Files kept in Redis for a distributed sweep, as hashes of file name → bytes: the
 * targets' pictures, each running job's latest checkpoint (so another worker can
 * continue it), and each finished run's folder (for `gan2d sweep --collect`).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { ensureFolder, writeFileAtomic } from '../../files.js';

export type FileBundle = Map<string, Buffer>;

export async function putBundle(redis: Redis, key: string, files: FileBundle): Promise<void> {
  const transaction = redis.multi().del(key);
  if (files.size > 0) transaction.hset(key, Object.fromEntries(files));
  await transaction.exec();
}

export async function getBundle(redis: Redis, key: string): Promise<FileBundle> {
  const fields = await redis.hgetallBuffer(key);
  return new Map(Object.entries(fields));
}

/** Dotfiles that are a run's state, not temporaries: the GIF's frames while it trains (node/train/run-folder.ts). */
const STATE_DOTFILES = new Set(['.training.gif.part']);

const isBundleName = (name: string): boolean => !name.startsWith('.') || STATE_DOTFILES.has(name);

/**
 * The regular files directly in a folder (not subfolders such as frames/, nor temporary
 * files); with `only`, those files read in that order, so a reader can take a checkpoint
 * before the files that only grow after it.
 */
export function readFolderFiles(folder: string, only?: readonly string[]): FileBundle {
  const files: FileBundle = new Map();
  if (!existsSync(folder)) return files;
  for (const name of only ?? readdirSync(folder)) {
    if (!isBundleName(name)) continue;
    const path = join(folder, name);
    if (statSync(path, { throwIfNoEntry: false })?.isFile()) files.set(name, readFileSync(path));
  }
  return files;
}

/**
 * Replaces a folder's files with a bundle. summary.json goes last, so a folder cut
 * short while being written never looks like a finished run.
 */
export function writeFolderFiles(folder: string, files: FileBundle): void {
  rmSync(folder, { recursive: true, force: true });
  ensureFolder(folder);
  const names = [...files.keys()].sort((a, b) => Number(a === 'summary.json') - Number(b === 'summary.json'));
  for (const name of names) {
    // Only plain file names; '@' fields are not files of the folder.
    if (name.includes('/') || name.includes('\\') || !isBundleName(name) || name.startsWith('@')) continue;
    writeFileAtomic(join(folder, name), files.get(name)!);
  }
}
