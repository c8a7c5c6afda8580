import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { addTrainOptions, readTrainRequest } from '../../src/cli/options.js';
import { UserError } from '../../src/core/errors.js';
import { defaultRunFolder, inputName, prepareRunFolder } from '../../src/node/train/run-folder.js';

/** Parses argv the way `gan2d train` does, returning the request. */
function parse(args: string[]): ReturnType<typeof readTrainRequest> {
  const command = addTrainOptions(new Command('train').argument('[input]').exitOverride());
  command.configureOutput({ writeErr: () => undefined });
  command.parse(args, { from: 'user' });
  return readTrainRequest(command.args[0], command.opts());
}

function withFolder<T>(fn: (folder: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'gan2d-options-'));
  try {
    return fn(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function assertUserError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

test('--d-spectral-norm parses for the GAN and is refused with --model flow', () => {
  assert.deepEqual(parse(['examples/zig.png', '--d-spectral-norm', '1']).given, { dSpectralNorm: 1 });
  assertUserError(() => parse(['examples/zig.png', '--d-spectral-norm', '-1']), /--d-spectral-norm: "-1" is not valid/);
  assertUserError(() => parse(['examples/zig.png', '--model', 'flow', '--d-spectral-norm', '1']),
    /^--model flow: --d-spectral-norm is an option of --model gan only$/);
});

test('flags become parsed options; nothing not given is filled in', () => {
  const request = parse(['examples/zig.png', '--iterations', '300', '--d-hidden', '128,128', '--loss', 'hinge',
    '--d-lr', '2e-4', '--frames', '--out', 'x']);
  assert.equal(request.input, 'examples/zig.png');
  assert.deepEqual(request.given, { iterations: 300, dHidden: [128, 128], loss: 'hinge', dLr: 2e-4 });
  assert.equal(request.frames, true);
  assert.equal(request.force, false);
  assert.equal(request.out, 'x');
});

test('negative and malformed numbers on the command line name the option and its range', () => {
  assertUserError(() => parse(['a.png', '--batch-size', '-4']), /--batch-size: "-4" is not valid; expected an integer from 1/);
  assertUserError(() => parse(['a.png', '--iterations', '0']), /--iterations: "0" is not valid/);
  assertUserError(() => parse(['a.png', '--z-dim', 'two']), /--z-dim: "two" is not valid/);
  assertUserError(() => parse(['a.png', '--g-hidden', '50,abc']), /--g-hidden: "50,abc" is not valid/);
});

test('a --config file supplies options by flag or key; the command line wins', () => {
  withFolder((folder) => {
    const file = join(folder, 'run.json');
    writeFileSync(file, JSON.stringify({ iterations: 123, 'd-hidden': [64, 64], gLr: 0.5, frames: true, loss: 'lsgan' }));
    const request = parse(['a.png', '--config', file, '--iterations', '77']);
    assert.deepEqual(request.given, { iterations: 77, dHidden: [64, 64], gLr: 0.5, loss: 'lsgan' });
    assert.equal(request.frames, true);
  });
});

test('a --config file with unknown keys, bad values, bad JSON or no file is refused by name', () => {
  withFolder((folder) => {
    const file = join(folder, 'run.json');
    writeFileSync(file, JSON.stringify({ iterations: 10, learningRate: 1, 'batch-sise': 3 }));
    assertUserError(() => parse(['a.png', '--config', file]), /--config .*run\.json: unknown options "learningRate", "batch-sise"/);
    writeFileSync(file, JSON.stringify({ iterations: -1 }));
    assertUserError(() => parse(['a.png', '--config', file]), /--config .*run\.json: --iterations: -1 is not valid; expected an integer from 1/);
    writeFileSync(file, JSON.stringify({ frames: 'yes' }));
    assertUserError(() => parse(['a.png', '--config', file]), /"frames" must be a boolean/);
    writeFileSync(file, '{"iterations": ');
    assertUserError(() => parse(['a.png', '--config', file]), /--config .*run\.json: not valid JSON/);
    writeFileSync(file, '[1, 2]');
    assertUserError(() => parse(['a.png', '--config', file]), /expected a JSON object of options/);
    assertUserError(() => parse(['a.png', '--config', join(folder, 'missing.json')]), /--config .*missing\.json: no such file/);
  });
});

test('default run folders are named after the input and the time', () => {
  const when = new Date(2024, 0, 2, 3, 4, 5);
  assert.equal(defaultRunFolder('examples/zig.png', when), join('runs', 'zig-20240102-030405'));
  assert.equal(defaultRunFolder('examples/binary/', when), join('runs', 'binary-20240102-030405'));
  assert.equal(defaultRunFolder('builtin:ring', when), join('runs', 'ring-20240102-030405'));
  assert.equal(inputName('some dir/my picture.png'), 'my_picture');
});

test('an output folder that exists and is not empty is refused unless --force', () => {
  withFolder((folder) => {
    const out = join(folder, 'run');
    prepareRunFolder(out, false); // created
    prepareRunFolder(out, false); // exists but empty: fine
    writeFileSync(join(out, 'summary.json'), '{}');
    mkdirSync(join(out, 'frames'));
    writeFileSync(join(out, 'frames', 'iter_000010.png'), 'x');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    assertUserError(() => prepareRunFolder(out, false), /--out .*run: the folder exists and is not empty; .* --force/);
    prepareRunFolder(out, true);
    // --force clears the earlier run's outputs and leaves other files alone.
    assert.deepEqual(readdirSync(out), ['notes.txt']);
    writeFileSync(join(folder, 'file'), 'x');
    assertUserError(() => prepareRunFolder(join(folder, 'file'), true), /exists and is not a folder/);
  });
});
