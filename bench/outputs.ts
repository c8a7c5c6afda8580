// Samples files at the sampler's speed: `gan2d sample examples/binary.png -n 2000000` to .csv
// and to .npy, timed as a user sees it (spawn to exit, best of RUNS), beside the sampler's own
// rate on the same picture in this process (best of RUNS draws of as many points): the ratio is
// what the file costs. The same command with -n 1 gives the fixed cost every run pays (Node's
// start, the modules, the picture), and the rate beyond it is what the format itself costs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTarget } from '../src/node/target.js';
import { bestSamplingRate } from './sampling.js';

const PICTURE = 'examples/binary.png';
const POINTS = 2_000_000;
const RUNS = 5;

/** Seconds from spawning `gan2d ...args` to its exit, best of RUNS. */
function bestProcessSeconds(root: string, args: string[]): number {
  const cli = join(root, 'dist', 'src', 'cli', 'main.js');
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`gan2d ${args.join(' ')} failed: ${result.stderr.trim()}`);
    best = Math.min(best, seconds);
  }
  return best;
}

const millions = (perSecond: number): string => `${(perSecond / 1e6).toFixed(1)} million points/s`;

export async function run(): Promise<void> {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const target = await loadTarget(join(root, PICTURE));
  const samplerRate = bestSamplingRate(target, POINTS, RUNS);

  const folder = mkdtempSync(join(tmpdir(), 'gan2d-bench-outputs-'));
  try {
    const command = (n: number, file: string): string[] => ['sample', PICTURE, '-n', String(n), '-o', join(folder, file)];
    const fixed = bestProcessSeconds(root, command(1, 'one.npy'));
    console.log(`gan2d sample ${PICTURE} -n ${POINTS.toLocaleString('en-US')} -o s.EXT, whole process (spawn to exit), best of ${RUNS}`);
    console.log(`  the sampler alone, in process: ${millions(samplerRate)}`);
    for (const extension of ['npy', 'csv']) {
      const seconds = bestProcessSeconds(root, command(POINTS, `s.${extension}`));
      const rate = POINTS / seconds;
      console.log(`  .${extension}: ${seconds.toFixed(2)} s, ${millions(rate)}, ${(rate / samplerRate).toFixed(3)} of the sampler's rate; ` +
        `beyond the fixed cost, ${millions(POINTS / Math.max(seconds - fixed, 1e-9))}`);
    }
    console.log(`  fixed cost (-n 1): ${fixed.toFixed(2)} s (Node's start, the modules, decoding the picture)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
