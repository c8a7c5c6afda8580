/**
 * Checks of one option's text as given on a command line: a whole number within a range, or
 * one of a list of names. Every command and option parser refuses with these, so a refusal
 * reads the same everywhere: `FLAG: "TEXT" is not valid; expected …` (docs/design.md, "Errors and files").
 */
import { UserError } from './errors.js';

/** `raw` as a whole number from `min` to `max` (digits only: no sign, point or exponent). */
export function parseWholeNumber(raw: string, flag: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UserError(`${flag}: "${raw}" is not valid; expected an integer from ${min} to ${max}`);
  }
  return value;
}

/** `raw` if it is one of `choices`; `hint` follows the list in the refusal (say what the names mean). */
export function parseChoice<T extends string>(raw: string, flag: string, choices: readonly T[], hint = ''): T {
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UserError(`${flag}: "${raw}" is not valid; expected one of ${choices.join(', ')}${hint}`);
  }
  return raw as T;
}
