/**
 * A static file server for the built web page. It sends the cross-origin-isolation
 * headers (COOP same-origin, COEP require-corp) so the page gets SharedArrayBuffer and
 * can train on several threads, and it never serves anything outside its root folder.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { UserError } from '../../core/errors.js';
import { resolveRequestPath } from './request-path.js';

export interface StaticServerOptions {
  /** The folder served; nothing outside it is reachable. */
  root: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RunningStaticServer {
  /** The address to open, such as http://127.0.0.1:8080/. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every response carries: isolation for SharedArrayBuffer, and no sniffing. */
const COMMON_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function sendText(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  response.end(`${text}\n`);
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The file a request names, or an HTTP status explaining why there is none. */
function locate(realRoot: string, rawUrl: string): { file: string; stats: Stats } | { status: number } {
  const relative = resolveRequestPath(rawUrl);
  if (relative === null) return { status: 400 };
  let file = join(realRoot, ...relative);
  let stats = statOrNull(file);
  if (stats?.isDirectory()) {
    file = join(file, 'index.html');
    stats = statOrNull(file);
  }
  if (!stats || !stats.isFile()) return { status: 404 };
  // Resolve symbolic links too: a link inside the root must not lead outside it.
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { status: 404 };
  }
  if (!isInside(realRoot, real)) return { status: 404 };
  return { file: real, stats };
}

function handle(realRoot: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const found = locate(realRoot, request.url ?? '/');
  if ('status' in found) {
    sendText(response, found.status, found.status === 400 ? 'bad request' : 'not found');
    return;
  }
  const type = CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(found.stats.size) });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function formatUrl(host: string, port: number): string {
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${port}/`;
}

/**
 * Starts serving `root`. Rejects with a one-line UserError when the folder is missing
 * or the port cannot be had (taken, or not allowed).
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningStaticServer> {
  let realRoot: string;
  try {
    realRoot = realpathSync(options.root);
  } catch {
    throw new UserError(`the folder to serve, ${options.root}, does not exist`);
  }
  if (!statSync(realRoot).isDirectory()) throw new UserError(`the folder to serve, ${options.root}, is not a folder`);

  const server = createServer((request, response) => handle(realRoot, request, response));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${options.host}:${options.port}`;
      if (error.code === 'EADDRINUSE') {
        reject(new UserError(`port ${options.port} on ${options.host} is already in use; stop what uses it or choose another with --port`));
      } else if (error.code === 'EACCES') {
        reject(new UserError(`not allowed to listen on ${where}; choose a port above 1023 with --port`));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new UserError(`--host: ${options.host} is not an address of this machine`));
      } else {
        reject(new UserError(`cannot listen on ${where}: ${error.message}`));
      }
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: formatUrl(options.host, port),
    port,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
