/**
 * The entry point of gan2d in a child process (a sweep's run, a worker's run, a benchmark seed): runs
 * `gan2d ARGS` and ends it when its parent is gone: a worker that dies must not leave its training running on behind
 * the run's retry. (On Linux the parent also asks the kernel for SIGKILL on its death.)
 */
import { fileURLToPath } from 'node:url';

const parent = process.ppid;
// Checked every second; unref'd so it never keeps a finished run alive.
setInterval(() => {
  if (process.ppid !== parent) process.exit(70);
}, 1000).unref();

const main = new URL('./main.js', import.meta.url);
process.argv = [process.argv[0], fileURLToPath(main), ...process.argv.slice(2)];
await import(main.href);
