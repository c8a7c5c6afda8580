/**
 * One `gan2d train` in a child process, its output appended to a log file. On Linux the
 * child runs under setpriv --pdeathsig KILL, so the kernel ends it when its parent dies
 * however that happens; elsewhere the child watches its parent itself (sweep-train-child.ts).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./sweep-train-child.js', import.meta.url));
const SETPRIV = '/usr/bin/setpriv';
const hasSetpriv = process.platform === 'linux' && existsSync(SETPRIV);

/** A child that failed: its exit code and its last words (gan2d's one-line error). */
export class TrainProcessError extends Error {
  constructor(message: string, readonly exitCode: number | null, readonly signal: NodeJS.Signals | null) {
    super(message);
    this.name = 'TrainProcessError';
  }
}

function lastLine(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '');
    return lines.length > 0 ? lines[lines.length - 1] : '';
  } catch {
    return '';
  }
}

export interface Gan2dProcessOptions {
  cwd?: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Aborting interrupts the child as Ctrl-C does: train saves a checkpoint and exits with code 130. */
  signal?: AbortSignal;
}

/** Runs `gan2d ...args`; resolves when it exits 0, rejects with a TrainProcessError otherwise. */
export function runGan2d(args: readonly string[], options: Gan2dProcessOptions): Promise<void> {
  const log = openSync(options.logFile, 'a');
  const nodeArgs = [CHILD, ...args];
  const [command, commandArgs] = hasSetpriv
    ? [SETPRIV, ['--pdeathsig', 'KILL', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return new Promise<void>((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd: options.cwd, stdio: ['ignore', log, log] });
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
      closeSync(log);
      if (spawnError) {
        reject(spawnError);
      } else if (code === 0) {
        resolvePromise();
      } else {
        const said = lastLine(options.logFile).replace(/^gan2d: /, '');
        const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
        reject(new TrainProcessError(said !== '' ? said : `gan2d train ${how}`, code, signal));
      }
    });
  });
}
