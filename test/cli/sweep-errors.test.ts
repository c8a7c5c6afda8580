import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, writeLossSweep } from '../support/sweep.js';

const folder = mkdtempSync(join(tmpdir(), 'gan2d-sweep-errors-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** One line on stderr, exit code 1, and no sweep folder left behind. */
async function assertRefused(args: string[], message: RegExp): Promise<void> {
  const out = join(folder, 'out');
  const result = await runCli([...args, '--out', out]);
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.split('\n').filter((line) => line !== '').length, 1, result.stderr);
  assert.match(result.stderr.trimEnd(), message);
  assert.equal(existsSync(out), false, 'nothing written');
}

test('a malformed sweep file is refused with its line and field', async () => {
  const broken = write('broken.yaml', 'targets: builtin:grid\nbase:\n  iterations: 100\n  batch-size: [64\n');
  await assertRefused(['sweep', broken], /^gan2d: .*broken\.yaml:5: base\.batch-size: not valid YAML or JSON \(Flow sequence in block collection must be sufficiently indented and end with a \]\)$/);
  const nested = write('nested.yaml', 'targets: builtin:grid\naxes:\n  loss: hinge: lsgan\n');
  await assertRefused(['sweep', nested], /^gan2d: .*nested\.yaml:3: axes\.loss\.hinge: not valid YAML or JSON \(Nested mappings are not allowed in compact mappings\)$/);
  const badValue = write('bad-value.yaml', 'targets: builtin:grid\nbase:\n  iterations: 100\n  d-lr: -1\n');
  await assertRefused(['sweep', badValue], /^gan2d: .*bad-value\.yaml:4: base\.d-lr: -1 is not valid; expected a number above 0/);
  const badJson = write('bad.json', '{\n  "targets": "builtin:grid",\n  "seeds": "three"\n}\n');
  await assertRefused(['sweep', badJson], /^gan2d: .*bad\.json:3: seeds: expected a count such as 3/);
  const missingPicture = write('missing.yaml', 'targets:\n  - builtin:ring\n  - pictures/none.png\n');
  await assertRefused(['sweep', missingPicture], /^gan2d: .*missing\.yaml:3: targets\[1\]: pictures\/none\.png: no such picture or folder \(paths are relative to the sweep file\)$/);
  await assertRefused(['sweep', join(folder, 'absent.yaml')], /^gan2d: sweep .*absent\.yaml: no such file$/);
});

test('an unknown option on an axis is refused by name, with a suggestion', async () => {
  const file = write('axis.yaml', 'targets: builtin:grid\naxes:\n  loss: [hinge, lsgan]\n  g-hiden: [32, 64]\n');
  await assertRefused(['sweep', file], /^gan2d: .*axis\.yaml:4: axes\.g-hiden: unknown option "g-hiden"; did you mean "g-hidden"\?/);
});

test('bad command-line values are refused', async () => {
  const file = write('ok.yaml', 'targets: builtin:grid\n');
  await assertRefused(['sweep', file, '--jobs', '0'], /^gan2d: --jobs: "0" is not valid; expected an integer from 1 to 1024$/);
  await assertRefused(['sweep', file, '--detach'], /^gan2d: --detach: applies with --queue redis:\/\/HOST:PORT only$/);
  await assertRefused(['sweep', file, '--queue', 'http://127.0.0.1:6379'], /^gan2d: --queue http:\/\/127\.0\.0\.1:6379: expected a redis:\/\/ or rediss:\/\/ address$/);
  const worker = await runCli(['worker']);
  assert.equal(worker.code, 1);
  assert.match(worker.stderr, /^gan2d: worker: give --queue redis:\/\/HOST:PORT/);
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve(typeof address === 'object' && address ? address.port : 0);
  }));
}

test('an unreachable Redis is one clear line, and nothing local is touched', async () => {
  const sweep = join(folder, 'local');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(sweep);
  const file = writeLossSweep(sweep, 100);
  // A port nobody listens on: a free port, closed again.
  const closed = createServer();
  const port = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  await assertRefused(['sweep', file, '--queue', `redis://127.0.0.1:${port}`],
    new RegExp(`^gan2d: --queue redis://127\\.0\\.0\\.1:${port}: cannot reach Redis \\(connection refused; is redis-server running there\\?\\)$`));
  await assertRefused(['sweep', file, '--queue', `redis://127.0.0.1:${port}`, '--collect'], /cannot reach Redis/);
  const worker = await runCli(['worker', '--queue', `redis://127.0.0.1:${port}`, '--work', join(folder, 'work')]);
  assert.equal(worker.code, 1);
  assert.match(worker.stderr, /^gan2d: --queue redis:\/\/127\.0\.0\.1:\d+: cannot reach Redis \(connection refused/);

  // A server that takes the connection and never answers: given up on after a few seconds.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  const silentPort = await listen(silent);
  try {
    await assertRefused(['sweep', file, '--queue', `redis://127.0.0.1:${silentPort}`],
      /^gan2d: --queue redis:\/\/127\.0\.0\.1:\d+: cannot reach Redis \(no answer within 3 s\)$/);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
  assert.deepEqual(readdirSync(sweep).sort(), ['binary.png', 'losses.yaml'], 'the sweep folder holds only what it held');
});
