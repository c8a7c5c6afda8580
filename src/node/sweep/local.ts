/**
 * A sweep on this machine: its runs in parallel child processes (one engine thread each,
 * as many at once as cores by default), each in its own run folder, finished runs
 * skipped and interrupted ones resumed. A failed run does not stop the others.
 */
import { join } from 'node:path';
import { runConfig, trainArguments, type SweepRun } from '../../core/sweep/sweep-plan.js';
import type { LoadedSweep } from './sweep-file.js';
import { runFolderOf, type SweepFolder } from './sweep-folder.js';
import { runInFolder, type TrainJob } from './run.js';
import { TrainProcessError } from '../gan2d-process.js';

export interface LocalSweepOptions {
  /** The entry point of the gan2d child processes (cli/child.js). */
  entry: string;
  /** Runs at once. */
  jobs: number;
  /** One line per event (start, end, skip, failure). */
  log: (line: string) => void;
  /** When it returns true no further run starts; running ones finish (or stop on their own Ctrl-C). */
  stopping?: () => boolean;
}

export interface LocalSweepSummary {
  finished: number;
  skipped: number;
  diverged: number;
  failed: { run: SweepRun; message: string; logFile: string }[];
  /** Runs not started or stopped part way because the sweep was stopped. */
  interrupted: number;
}

export function trainJob(loaded: LoadedSweep, run: SweepRun): TrainJob {
  const target = loaded.targets.get(run.target.name);
  return {
    name: run.name,
    input: target?.trainInput ?? run.target.source,
    args: trainArguments(run.options),
    iterations: runConfig(run).iterations,
  };
}

function seconds(since: number): string {
  return `${Math.round((Date.now() - since) / 100) / 10} s`;
}

function figures(metrics: Record<string, number>): string {
  return Object.entries(metrics).filter(([name]) => !name.endsWith('Floor')).map(([name, value]) => `${name} ${value}`).join(', ');
}

export async function runSweepLocally(loaded: LoadedSweep, folder: SweepFolder, options: LocalSweepOptions): Promise<LocalSweepSummary> {
  const summary: LocalSweepSummary = { finished: 0, skipped: 0, diverged: 0, failed: [], interrupted: 0 };
  const total = loaded.runs.length;
  const width = String(total).length;
  let next = 0;
  let done = 0;
  const tag = (): string => `[${String(++done).padStart(width)}/${total}]`;

  const work = async (): Promise<void> => {
    while (next < total) {
      if (options.stopping?.()) {
        summary.interrupted += total - next;
        next = total;
        return;
      }
      const run = loaded.runs[next++];
      const logFile = join(folder.logs, `${run.name}.log`);
      const started = Date.now();
      let from = 0;
      try {
        const result = await runInFolder(trainJob(loaded, run), {
          entry: options.entry,
          folder: runFolderOf(folder, run),
          logFile,
          onStart: (iteration) => {
            from = iteration;
          },
        });
        if (result.skipped) {
          summary.skipped++;
          options.log(`${tag()} ${run.name}: ${result.kind === 'finished' ? 'finished earlier' : 'diverged earlier'}`);
        } else if (result.kind === 'diverged') {
          summary.diverged++;
          options.log(`${tag()} ${run.name}: ${result.message} (${seconds(started)})`);
        } else {
          summary.finished++;
          const resumed = from > 0 ? `resumed from iteration ${from}, ` : '';
          options.log(`${tag()} ${run.name}: ${resumed}finished in ${seconds(started)}: ${figures(result.metrics)}`);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof TrainProcessError && error.exitCode === 130) {
          summary.interrupted++;
          options.log(`${tag()} ${run.name}: interrupted (its checkpoint resumes it)`);
        } else {
          summary.failed.push({ run, message, logFile });
          options.log(`${tag()} ${run.name}: failed: ${message} (log: ${logFile})`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, total)) }, work));
  return summary;
}
