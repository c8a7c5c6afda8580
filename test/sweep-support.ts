/** Helpers of the sweep tests: running the gan2d CLI, and a tiny sweep file. No side effects on import. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `gan2d ...args`; `result` resolves when it exits. */
export function startCli(args: readonly string[], cwd?: string): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, result };
}

export function runCli(args: readonly string[], cwd?: string): Promise<CliResult> {
  return startCli(args, cwd).result;
}

/** The repository's examples/binary.png (tests run from dist/test/). */
export const BINARY_PNG = fileURLToPath(new URL('../../examples/binary.png', import.meta.url));

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
