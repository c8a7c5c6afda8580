import type { Command } from 'commander';
import { registerExport } from './export.js';
import { registerGenerate } from './generate.js';
import { registerSample } from './sample.js';
import { registerServe } from './serve.js';
import { registerTrain } from './train.js';

/** Every subcommand, in the order `gan2d --help` lists them. */
export function registerCommands(program: Command): void {
  void program;
  registerSample(program);
  registerTrain(program);
  registerGenerate(program);
  registerExport(program);
  registerServe(program);
}
