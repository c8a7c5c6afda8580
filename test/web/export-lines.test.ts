import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportLines } from '../../src/web/export-lines.js';

test("the exported figure's lines: the last losses, then the quality figures of its kind", () => {
  assert.deepEqual(exportLines([120, 0.6931, 0.7, 0.69], { js64: 0.0421, oos: 0.031, farOos: 0.004 }, 'picture'), [
    'losses: D real 0.693, D fake 0.700, G 0.690',
    'js64 0.0421 · oos 3.1% · far oos 0.4%',
  ]);
  assert.deepEqual(exportLines([5, 0.5, NaN, 1], { modes: 8, highQuality: 0.9123, modeSpread: 0.4649 }, 'mixture'), [
    'losses: D real 0.500, D fake –, G 1.00',
    'modes 8 · high quality 91.2% · spread 46%',
  ]);
  // No high-quality point yet: no spread to give.
  assert.deepEqual(exportLines([5, 0.5, 0.5, 1], { modes: 0, highQuality: 0, modeSpread: NaN }, 'mixture')[1], 'modes 0 · high quality 0.0% · spread –');
  assert.deepEqual(exportLines(undefined, null, 'mixture'), ['losses: none yet', 'quality: not measured yet']);
});

test("a flow's figure names its one loss", () => {
  assert.deepEqual(exportLines([300, 0.8123], { modes: 8, highQuality: 0.95 }, 'mixture', 'flow'), ['loss: flow matching 0.812', 'modes 8 · high quality 95.0% · spread –']);
  assert.deepEqual(exportLines(undefined, null, 'picture', 'flow'), ['loss: none yet', 'quality: not measured yet']);
});
