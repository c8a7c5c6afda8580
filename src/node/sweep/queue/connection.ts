/**
 * The Redis behind a distributed sweep: its redis:// address checked, and a first
 * connection that fails within seconds with one clear line, before anything is queued
 * or written, so an unreachable server loses nothing.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { UserError } from '../../../core/errors.js';

/** How long the first contact may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 3000;

/** ioredis options for a redis:// (or rediss://) URL: host, port, database, user, password. */
export function redisOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--queue ${url}: not a URL; expected redis://HOST:PORT (for example redis://127.0.0.1:6379)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UserError(`--queue ${url}: expected a redis:// or rediss:// address`);
  }
  if (parsed.hostname === '') throw new UserError(`--queue ${url}: no host; expected redis://HOST:PORT`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const database = parsed.pathname.replace(/^\//, '');
  if (database !== '' && !/^\d+$/.test(database)) {
    throw new UserError(`--queue ${url}: the path must be a database number, such as redis://host:6379/2`);
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port,
    db: database === '' ? 0 : Number(database),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'connection refused; is redis-server running there?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  if (/NOAUTH|WRONGPASS|invalid password/i.test(message)) return `authentication failed (${message.split('\n')[0]})`;
  return message.split('\n')[0];
}

/**
 * Connects once to check the server answers, then closes. Throws a UserError naming
 * the address when it does not, within about CONNECT_TIMEOUT_MS.
 */
export async function checkRedis(url: string): Promise<RedisOptions> {
  const options = redisOptions(url);
  const probe = new Redis({
    ...options,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED...) says more than connect()'s "Connection is closed".
  let socketError: unknown;
  probe.on('error', (error: unknown) => {
    socketError ??= error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new UserError(`--queue ${url}: cannot reach Redis (${describeFailure(socketError ?? error)})`);
  } finally {
    probe.disconnect();
  }
  return options;
}
