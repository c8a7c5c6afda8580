import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer, type RunningStaticServer } from '../../../src/node/server/static-server.js';
import { resolveRequestPath } from '../../../src/node/server/request-path.js';

const SECRET = 'top-secret-outside-the-root';
let base: string;
let server: RunningStaticServer;

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Sends the request line exactly as written: no client-side normalisation of '..' or escapes. */
function rawRequest(port: number, path: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status, headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

before(async () => {
  base = mkdtempSync(join(tmpdir(), 'gan2d-serve-'));
  const root = join(base, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(root, 'assets', 'index.html'), 'nested index');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
  server = await startStaticServer({ root, host: '127.0.0.1', port: 0 });
});

after(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

test('serves files with the cross-origin-isolation headers and a content type', async () => {
  const page = await rawRequest(server.port, '/');
  assert.equal(page.status, 200);
  assert.equal(page.body, '<!doctype html><title>page</title>');
  assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);

  const script = await rawRequest(server.port, '/assets/app.js?v=3#x');
  assert.equal(script.status, 200);
  assert.equal(script.body, 'console.log(1);');
  assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.equal(script.headers.get('cross-origin-embedder-policy'), 'require-corp');

  const nested = await rawRequest(server.port, '/assets/');
  assert.equal(nested.body, 'nested index');
  const encodedName = await rawRequest(server.port, '/assets/%61pp.js');
  assert.equal(encodedName.body, 'console.log(1);', 'a plain percent-escape of a normal letter still works');
});

test('HEAD answers without a body; other methods are refused', async () => {
  const head = await rawRequest(server.port, '/assets/app.js', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), '15');
  assert.equal(head.body, '');
  const post = await rawRequest(server.port, '/', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
});

test('missing files are 404', async () => {
  const missing = await rawRequest(server.port, '/nope.js');
  assert.equal(missing.status, 404);
});

test('no path outside the served folder is reachable, however it is spelled', async () => {
  const attempts = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/..%5Csecret.txt',
    '/%5c..%5csecret.txt',
    '/secret.txt%00.html',
    '/..%00/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%',
    '/%zz',
    '//../secret.txt',
    '/link.txt',
    `/${encodeURIComponent(join(base, 'secret.txt'))}`,
  ];
  for (const path of attempts) {
    const response = await rawRequest(server.port, path);
    assert.ok(response.status === 400 || response.status === 404, `${path} gave ${response.status}`);
    assert.ok(!response.body.includes(SECRET), `${path} leaked the file`);
  }
});

test('resolveRequestPath keeps plain paths and refuses every escape', () => {
  assert.deepEqual(resolveRequestPath('/'), []);
  assert.deepEqual(resolveRequestPath('/a/b.js?x=1'), ['a', 'b.js']);
  assert.deepEqual(resolveRequestPath('/a%20b.png'), ['a b.png']);
  for (const bad of ['a.js', '/..', '/a/%2e%2E', '/%2f', '/%5c', '/a\\b', '/%00', '/\0', '/%252e', '/%e0%a4%a']) {
    assert.equal(resolveRequestPath(bad), null, bad);
  }
});
