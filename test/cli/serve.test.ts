import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli as runGan2d, type CliResult } from '../support/cli.js';

// serve commands that must exit (bad port, no page): a hang fails the test, not the run.
// Generous: node itself may take seconds to start on a loaded machine.
const runCli = (args: string[]): Promise<CliResult> => runGan2d(args, { timeoutMs: 60_000 });
/** How long serve may take to say where it listens. */
const SERVE_LINE_SECONDS = 60;

function withRoot<T>(fn: (root: string) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'gan2d-serve-cli-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><p>hello</p>');
  return fn(root).finally(() => rmSync(root, { recursive: true, force: true }));
}

test('a taken port is one clear line and exit 1', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await withRoot(async (root) => {
      const result = await runCli(['serve', '--port', String(port), '--root', root]);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `gan2d: port ${port} on 127.0.0.1 is already in use; stop what uses it or choose another with --port\n`);
    });
  } finally {
    blocker.close();
  }
});

test('bad options and a missing page are one-line errors', async () => {
  const badPort = await runCli(['serve', '--port', '99999']);
  assert.equal(badPort.code, 1);
  assert.match(badPort.stderr, /^gan2d: --port: "99999" is not valid; expected an integer from 0 to 65535\n$/);

  const empty = mkdtempSync(join(tmpdir(), 'gan2d-serve-empty-'));
  try {
    const noPage = await runCli(['serve', '--port', '0', '--root', empty]);
    assert.equal(noPage.code, 1);
    assert.equal(noPage.stderr, `gan2d: --root: ${empty} has no index.html\n`);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('serve answers on loopback with the isolation headers until stopped', async () => {
  await withRoot(async (root) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        let errors = '';
        // Generous (a loaded machine starts node slowly), but a serve that never says where it
        // listens fails this test with what it did print instead of hanging the run.
        const timer = setTimeout(() => reject(new Error(
          `gan2d serve did not print "serving the web page at http://127.0.0.1:PORT/" within ${SERVE_LINE_SECONDS} s; ` +
          `stdout: ${JSON.stringify(text)}, stderr: ${JSON.stringify(errors)}`)), SERVE_LINE_SECONDS * 1000);
        child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /serving the web page at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited early with ${code}; stderr: ${JSON.stringify(errors)}`));
        });
      });
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '<!doctype html><p>hello</p>');
      assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
    } finally {
      // (A serve that already exited would never send 'exit' again.)
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
