import { readFileSync } from 'node:fs';

/**
 * gan2d's version, from its package.json (three folders up from dist/src/cli/, where this runs
 * from, in the checkout as in an installed package); 'unknown' if that cannot be read.
 */
export function packageVersion(): string {
  try {
    const json: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    const version = (json as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
