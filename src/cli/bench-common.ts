/** What both benchmark commands read the same way: a whole-number flag, the models, and the commit a report was measured at. */
import { execFileSync } from 'node:child_process';
import { UserError } from '../core/errors.js';
import { parseWholeNumber } from '../core/option-values.js';
import { MODELS, type ModelName } from '../core/flow/config.js';

/** --models: a comma list of gan and flow, in the order given; both by default, so the flow's rows stand beside the GAN's. */
export function parseModels(raw: string | undefined): ModelName[] {
  if (raw === undefined) return [...MODELS];
  const names = [...new Set(raw.split(',').map((name) => name.trim()))];
  for (const name of names) {
    if (!(MODELS as readonly string[]).includes(name)) {
      throw new UserError(`--models: "${name}" is not a model; expected a comma list of ${MODELS.join(', ')}`);
    }
  }
  return names as ModelName[];
}

export function parseWhole(raw: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  return raw === undefined ? fallback : parseWholeNumber(raw, flag, min, max);
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
