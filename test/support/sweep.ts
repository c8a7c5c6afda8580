/** Helpers of the sweep tests: running the gan2d CLI, and a tiny sweep file. No side effects on import. */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { CLI, runCli, startCli, type CliResult } from './cli.js';

/** The repository's examples/binary.png (tests run from dist/test/). */
export const BINARY_PNG = fileURLToPath(new URL('../../../examples/binary.png', import.meta.url));

/** A sweep of 2 losses × 2 seeds on binary.png (copied beside the sweep file): 4 short runs. */
export function writeLossSweep(folder: string, iterations: number): string {
  copyFileSync(BINARY_PNG, join(folder, 'binary.png'));
  const file = join(folder, 'losses.yaml');
  writeFileSync(file, `name: losses
question: Which loss leaves less mass off the picture?
targets: binary.png
base:
  iterations: ${iterations}
  batch-size: 64
  optimizer: adam
  display-interval: 50
  checkpoint-interval: 50
axes:
  loss: [nonsaturating, hinge]
seeds: 2
`);
  return file;
}

export const SWEEP_RUNS = [
  'binary__loss=nonsaturating__seed=1', 'binary__loss=nonsaturating__seed=2',
  'binary__loss=hinge__seed=1', 'binary__loss=hinge__seed=2',
];
