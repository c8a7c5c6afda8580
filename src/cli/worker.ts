/**
 * `gan2d worker --queue redis://HOST:PORT`: takes runs of distributed sweeps from the
 * queue and trains them, until Ctrl-C (or SIGTERM): then running trainings save their
 * checkpoints and go back to the queue for another worker to continue.
 */
import { availableParallelism, homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { CHILD_ENTRY } from './options.js';
import { defaultWorkFolder, startWorker } from '../node/sweep/queue/worker.js';

interface WorkerFlags {
  queue?: string;
  jobs?: string;
  work?: string;
  stallSeconds?: string;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take the runs of distributed sweeps (gan2d sweep --queue) from Redis and train them')
    .option('--queue <url>', 'the Redis the sweeps were queued on: redis://HOST:PORT')
    .option('--jobs <n>', 'runs at once (default: the number of cores; each run uses one thread)')
    .option('--work <dir>', `this worker's folder for pictures, runs and logs (default ${defaultWorkFolder('~')})`)
    .option('--stall-seconds <s>', 'seconds without a sign of life before a worker\'s runs go to another worker (default 15)')
    .action(async (flags: WorkerFlags) => runWorkerCommand(flags));
}

function parseNumber(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UserError(`--${flag}: "${text}" is not valid; expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

async function runWorkerCommand(flags: WorkerFlags): Promise<void> {
  if (flags.queue === undefined) throw new UserError('worker: give --queue redis://HOST:PORT (where gan2d sweep --queue put the runs)');
  const concurrency = flags.jobs === undefined ? availableParallelism() : parseNumber('jobs', flags.jobs, 1, 1024, true);
  const stallSeconds = parseNumber('stall-seconds', flags.stallSeconds ?? '15', 1, 3600, false);
  const work = resolve(flags.work ?? defaultWorkFolder(homedir()));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const worker = await startWorker({ entry: CHILD_ENTRY, url: flags.queue, work, concurrency, stallSeconds, log });
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130); // a second Ctrl-C: leave at once (the runs' locks run out; they go back to the queue)
    stopping = true;
    log('stopping: running trainings save their checkpoints and go back to the queue');
    void worker.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await worker.closed;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  // Whatever reconnection timers the queue client still holds, the worker is done.
  process.exit(0);
}
