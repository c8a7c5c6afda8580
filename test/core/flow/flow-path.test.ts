// The time samplings' distributions against their exact quantiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/core/rng.js';
import { sampleTimes } from '../../../src/core/flow/flow-path.js';

test('time samplings: uniform, logit-normal, late and later have their exact quartiles', () => {
  const n = 40_000;
  const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
  const cases = [
    { sampling: 'uniform', quantiles: [0.25, 0.5, 0.75] },
    { sampling: 'logit-normal', quantiles: [logistic(-0.6744898), 0.5, logistic(0.6744898)] },
    { sampling: 'late', quantiles: [Math.sqrt(0.25), Math.sqrt(0.5), Math.sqrt(0.75)] }, // P(t ≤ s) = s²
    { sampling: 'later', quantiles: [0.6299605, 0.7937005, 0.9085603] }, // P(t ≤ s) = s³: 0.25^(1/3), 0.5^(1/3), 0.75^(1/3)
  ] as const;
  for (const { sampling, quantiles } of cases) {
    const times = new Float64Array(n);
    sampleTimes(sampling, new Rng(3, 3), times, n);
    const sorted = [...times].sort((a, b) => a - b);
    assert.ok(sorted[0] >= 0 && sorted[n - 1] < 1, `${sampling} in [0, 1)`);
    [0.25, 0.5, 0.75].forEach((p, i) => {
      const got = sorted[Math.floor(p * n)];
      assert.ok(Math.abs(got - quantiles[i]) < 0.01, `${sampling} quantile ${p}: ${got} vs ${quantiles[i]}`);
    });
  }
});
