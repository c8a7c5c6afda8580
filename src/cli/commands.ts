import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every subcommand, in the order `gan2d --help` lists them. Each is imported only when
 * registered, so `gan2d sample` does not load the trainer, the canvas or the queue.
 */
const COMMANDS: readonly { name: string; load: () => Promise<Register> }[] = [
  { name: 'sample', load: async () => (await import('./sample.js')).registerSample },
  { name: 'train', load: async () => (await import('./train.js')).registerTrain },
  { name: 'generate', load: async () => (await import('./generate.js')).registerGenerate },
  { name: 'eval', load: async () => (await import('./eval.js')).registerEval },
  { name: 'bench', load: async () => (await import('./bench-quality.js')).registerBench },
  { name: 'export', load: async () => (await import('./export.js')).registerExport },
  { name: 'sweep', load: async () => (await import('./sweep.js')).registerSweep },
  { name: 'worker', load: async () => (await import('./worker.js')).registerWorker },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
];

/** What asks for the version alone: no command need be loaded for it. */
const VERSION_FLAGS = ['-V', '--version'];

/**
 * Registers the command that `args` (the command line after `gan2d`) names, none for
 * `--version`, or every command when it names none of them (`--help`, `help`, a typo:
 * commander then lists or suggests them all).
 */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  if (args.length === 1 && VERSION_FLAGS.includes(args[0])) return;
  const named = COMMANDS.find((command) => command.name === args[0]);
  for (const command of named ? [named] : COMMANDS) (await command.load())(program);
}
