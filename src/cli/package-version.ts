import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * gan2d's version, from its package.json (three folders up from dist/src/cli/, where this runs
 * from, in the checkout as in an installed package); 'unknown' if that cannot be read.
 */
export function packageVersion(): string {
  try {
    const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json');
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const version = (json as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
