#!/usr/bin/env node
// The gan2d command. Each subcommand lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { UserError } from '../core/errors.js';
import { registerCommands } from './commands.js';
import { packageVersion } from './package-version.js';

const program = new Command();
program
  .name('gan2d')
  .description('Watch, measure and understand GANs on 2D distributions.')
  .version(packageVersion(), '-V, --version', 'print the version and exit')
  .showHelpAfterError(false)
  .exitOverride()
  .configureOutput({ writeErr: () => undefined });
await registerCommands(program, process.argv.slice(2));

/** One line to stderr, exit 1: the contract for every error a user can cause. */
function fail(message: string): never {
  process.stderr.write(`gan2d: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) process.exit(0); // --help, --version
    fail(error.message.replace(/^error: /, ''));
  }
  if (error instanceof UserError) fail(error.message);
  const message = error instanceof Error ? error.message : String(error);
  fail(`internal error: ${message} (please report it; run with NODE_OPTIONS=--stack-trace-limit=50 for details)`);
}
