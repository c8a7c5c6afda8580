/**
 * `gan2d serve`: the web page, served with the headers that let it train on several
 * threads. Loopback only unless --host says otherwise; static files only.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { parseWholeNumber } from '../core/option-values.js';
import { startStaticServer } from '../node/server/static-server.js';

/** dist/src/cli/serve.js -> dist/web/, where the build puts the page. */
export function builtPageFolder(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
}

interface ServeOptions {
  port: string;
  host: string;
  open?: boolean;
  root?: string;
}

function parsePort(text: string): number {
  return parseWholeNumber(text, '--port', 0, 65535);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The system's way to open a URL in the default browser; failure only prints a hint. */
function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]]
    : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`gan2d: could not open a browser; open ${url} yourself\n`));
  child.unref();
}

export async function serve(options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const root = options.root ?? builtPageFolder();
  if (!existsSync(join(root, 'index.html'))) {
    throw new UserError(options.root
      ? `--root: ${root} has no index.html`
      : `the web page is not built (${join(root, 'index.html')} is missing); run npm run build`);
  }
  const running = await startStaticServer({ root, host: options.host, port });
  process.stdout.write(`gan2d: serving the web page at ${running.url} (Ctrl+C stops)\n`);
  if (!isLoopback(options.host)) {
    process.stdout.write(`gan2d: listening on ${options.host}, reachable from other machines on the network\n`);
  }
  if (options.open) openInBrowser(running.url);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web page that trains a GAN live in the browser')
    .option('--port <port>', 'port to listen on (0: any free one)', '8080')
    .option('--host <host>', 'address to listen on (loopback by default: only this machine can connect)', '127.0.0.1')
    .option('--open', 'open the page in the default browser')
    .option('--root <folder>', 'serve another build of the page than the installed one')
    .action(async (options: ServeOptions) => serve(options));
}
