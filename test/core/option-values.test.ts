// One option's text: whole numbers within a range and names from a list, refused in one line that names the option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/core/errors.js';
import { parseChoice, parseWholeNumber } from '../../src/core/option-values.js';

test('whole numbers: digits within the range, at both ends', () => {
  assert.equal(parseWholeNumber('4', '-n', 4, 10), 4);
  assert.equal(parseWholeNumber('10', '-n', 4, 10), 10);
  assert.equal(parseWholeNumber('007', '-n', 4, 10), 7);
});

test('whole numbers: anything else is refused with the option, the text and the range', () => {
  for (const raw of ['3', '11', '', '5.0', '-5', '+5', '1e1', ' 5', '0x5', '99999999999999999999']) {
    assert.throws(() => parseWholeNumber(raw, '--jobs', 4, 10),
      (error: Error) => error instanceof UserError && error.message === `--jobs: "${raw}" is not valid; expected an integer from 4 to 10`, raw);
  }
});

test('choices: a listed name passes; another is refused with the list and the hint', () => {
  const shapes = ['ring', 'grid'] as const;
  assert.equal(parseChoice('grid', '--shape', shapes), 'grid');
  assert.throws(() => parseChoice('Grid', '--shape', shapes, ' (builtins)'),
    (error: Error) => error instanceof UserError && error.message === '--shape: "Grid" is not valid; expected one of ring, grid (builtins)');
});
