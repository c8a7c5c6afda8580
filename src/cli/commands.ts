import type { Command } from 'commander';

/** Every subcommand, in the order `gan2d --help` lists them. */
export function registerCommands(program: Command): void {
  void program;
}
