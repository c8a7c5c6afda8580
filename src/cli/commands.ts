import type { Command } from 'commander';
import { registerBench } from './bench-quality.js';
import { registerEval } from './eval.js';
import { registerExport } from './export.js';
import { registerGenerate } from './generate.js';
import { registerSample } from './sample.js';
import { registerServe } from './serve.js';
import { registerSweep } from './sweep.js';
import { registerTrain } from './train.js';
import { registerWorker } from './worker.js';

/** Every subcommand, in the order `gan2d --help` lists them. */
export function registerCommands(program: Command): void {
  void program;
  registerSample(program);
  registerTrain(program);
  registerGenerate(program);
  registerEval(program);
  registerBench(program);
  registerExport(program);
  registerSweep(program);
  registerWorker(program);
  registerServe(program);
}
