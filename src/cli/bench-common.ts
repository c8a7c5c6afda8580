/** What both benchmark commands read the same way: a whole-number flag, and the commit a report was measured at. */
import { execFileSync } from 'node:child_process';
import { UserError } from '../core/errors.js';

export function parseWhole(raw: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UserError(`${flag}: "${raw}" is not valid; expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty === '' ? commit : `${commit} (with uncommitted changes)`;
  } catch {
    return '(commit unknown)';
  }
}
