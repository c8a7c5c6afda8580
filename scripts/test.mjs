// `npm test` after the build: every compiled test file (dist/test/**/*.test.js) under node's
// test runner. Named files, not a folder: `node --test DIR` searches a folder only on Node 20,
// and there it would also run the helper modules as if they were tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = testFiles(join('dist', 'test')).sort();
if (files.length === 0) {
  console.error('npm test: no test files in dist/test (did the build run?)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
