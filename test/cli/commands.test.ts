// The command table: a command line that names a command registers (and loads) that one
// alone; anything else registers every command, in --help order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerCommands } from '../../src/cli/commands.js';
import { runCli } from '../support/cli.js';

const ALL = ['sample', 'train', 'generate', 'eval', 'bench', 'export', 'sweep', 'worker', 'serve'];

async function registered(args: string[]): Promise<string[]> {
  const program = new Command();
  await registerCommands(program, args);
  return program.commands.map((command) => command.name());
}

test('a named command is the only one registered', async () => {
  assert.deepEqual(await registered(['sample', 'builtin:ring', '-o', 'x.csv']), ['sample']);
  assert.deepEqual(await registered(['bench', 'quality']), ['bench']);
});

test('no command, --help, help or a typo register every command in --help order', async () => {
  for (const args of [[], ['--help'], ['help', 'sample'], ['sampel']]) assert.deepEqual(await registered(args), ALL);
});

test('--version and -V print package.json\'s version, registering no command', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.match(version, /^\d+\.\d+\.\d+/);
  for (const flag of ['--version', '-V']) {
    assert.deepEqual(await registered([flag]), []);
    assert.deepEqual(await runCli([flag]), { code: 0, stdout: `${version}\n`, stderr: '' });
  }
});
