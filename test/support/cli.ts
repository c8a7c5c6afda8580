/** Running the built gan2d CLI from tests, as a user would: one process, its exit code and output. No side effects on import. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** dist/src/cli/main.js (tests run from dist/test/). */
export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface CliResult {
  /** The exit code; null when a signal (or the timeout) ended it. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Kill it after this long, so a command that hangs fails its test instead of the whole run. */
  timeoutMs?: number;
}

/** Starts `gan2d ...args`; `result` resolves when it exits. */
export function startCli(args: readonly string[], options: CliOptions = {}): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill(), options.timeoutMs);
  const result = new Promise<CliResult>((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, stdout, stderr });
  }));
  return { child, result };
}

/** Runs `gan2d ...args` to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

/** A refusal as the CLI must make it: a non-zero exit, nothing on stdout, one "gan2d: …" line on stderr matching `message`. */
export function assertOneLineRefusal({ code, stdout, stderr }: CliResult, message: RegExp): void {
  assert.notEqual(code, 0);
  assert.equal(stdout, '');
  const lines = stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `one line: ${stderr}`);
  assert.match(lines[0], /^gan2d: /);
  assert.match(lines[0], message);
}
