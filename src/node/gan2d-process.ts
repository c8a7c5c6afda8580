/**
 * `gan2d ARGS` in a child process: the one way a sweep's runs, a queue worker's runs and
 * the quality benchmark's seeds start gan2d. On Linux the child runs under setpriv
 * --pdeathsig KILL, so the kernel ends it when its parent dies however that happens;
 * elsewhere the child watches its parent itself (cli/child.ts, the entry point it runs).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';
const hasSetpriv = process.platform === 'linux' && existsSync(SETPRIV);

/** A child that failed: its exit code and its last words (gan2d's one-line error). */
export class TrainProcessError extends Error {
  constructor(message: string, readonly exitCode: number | null, readonly signal: NodeJS.Signals | null) {
    super(message);
    this.name = 'TrainProcessError';
  }
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.length > 0 ? lines[lines.length - 1] : '';
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
}

export interface Gan2dProcessOptions {
  /** The child's entry point, cli/child.js: named by the command that asks for the child. */
  entry: string;
  cwd?: string;
  /** stdout and stderr are appended here; without one, stdout is dropped and stderr kept for the error message. */
  logFile?: string;
  /** Aborting interrupts the child as Ctrl-C does: train saves a checkpoint and exits with code 130. */
  signal?: AbortSignal;
}

export interface Gan2dProcessResult {
  /** Spawn to exit. */
  seconds: number;
}

/** Runs `gan2d ...args`; resolves when it exits 0, rejects with a TrainProcessError otherwise. */
export function runGan2d(args: readonly string[], options: Gan2dProcessOptions): Promise<Gan2dProcessResult> {
  const log = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const nodeArgs = [options.entry, ...args];
  const [command, commandArgs] = hasSetpriv
    ? [SETPRIV, ['--pdeathsig', 'KILL', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return new Promise<Gan2dProcessResult>((resolvePromise, reject) => {
    const started = performance.now();
    const stdio = log === undefined ? (['ignore', 'ignore', 'pipe'] as const) : (['ignore', log, log] as const);
    const child = spawn(command, commandArgs, { cwd: options.cwd, stdio: [...stdio] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Settled on 'close' only (it follows 'error' too), so an interrupted child has saved its checkpoint by then.
    const interrupt = (): void => void child.kill('SIGINT');
    if (options.signal?.aborted) interrupt();
    options.signal?.addEventListener('abort', interrupt, { once: true });
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', interrupt);
      if (log !== undefined) closeSync(log);
      if (spawnError) {
        reject(spawnError);
      } else if (code === 0) {
        resolvePromise({ seconds: (performance.now() - started) / 1000 });
      } else {
        const output = options.logFile === undefined ? stderr : readLog(options.logFile);
        const said = lastLine(output).replace(/^gan2d: /, '');
        const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
        reject(new TrainProcessError(said !== '' ? said : `gan2d ${args.join(' ')} ${how}`, code, signal));
      }
    });
  });
}
