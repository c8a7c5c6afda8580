import type { Command } from 'commander';
import { registerSample } from './sample.js';
import { registerServe } from './serve.js';

/** Every subcommand, in the order `gan2d --help` lists them. */
export function registerCommands(program: Command): void {
  void program;
  registerSample(program);
  registerServe(program);
}
