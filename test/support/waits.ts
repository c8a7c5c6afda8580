/** Helpers of the tests that drive processes: waiting for a condition, a free port, a stopped process. No side effects on import. */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Polls `probe` until it gives a value, every `intervalMs`; gives up after `seconds`, naming `what`. */
export async function until<T>(
  what: string, seconds: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether every thread of process `pid` has stopped (SIGSTOP taken effect), or the process is gone. */
export function stoppedOrGone(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).every((task) => {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      return /^[tTXZ]/.test(stat.slice(stat.lastIndexOf(')') + 2));
    });
  } catch {
    return true; // gone
  }
}
