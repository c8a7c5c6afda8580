import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinPartTargets } from '../../../src/core/density/builtins.js';
import type { Target } from '../../../src/core/density/target.js';
import { sampleRows } from '../../../src/core/model/target.js';
import { Rng } from '../../../src/core/rng.js';

test('sampleRows: each part\'s rows in order from one stream; a part with no rows is left alone', () => {
  const [big, small] = builtinPartTargets('binary');
  const untouched: Target = { ...big, sample: () => assert.fail('a part with no rows was sampled') };
  const out = new Float32Array(2 * 7);
  sampleRows([untouched, small, big], [0, 3, 4], new Rng(5, 1), out);
  const rng = new Rng(5, 1);
  const want = new Float32Array(2 * 7);
  small.sample(3, rng, want, 0);
  big.sample(4, rng, want, 6);
  assert.deepEqual(out, want);
});
