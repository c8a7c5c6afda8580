// Makes the page's pre-trained examples (`npm run pretrained`): each of
// src/web/pretrained-examples.ts is one `gan2d train` run, fixed seed and WebAssembly kernels,
// whose final checkpoint.json is kept gzipped as src/web/public/pretrained/NAME.json.gz (Vite
// copies the folder into the built page as it is). Gzipped:
// a checkpoint is JSON numbers (weights, Adam's moments, the EMA copy of G), which gzip takes
// to about 45%, and the browser reads it back with DecompressionStream('gzip').
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { PRETRAINED_EXAMPLES, trainArguments } from '../src/web/pretrained-examples.js';
import { writeFileAtomic } from '../src/node/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const folder = join(root, 'src', 'web', 'public', 'pretrained');
mkdirSync(folder, { recursive: true });

// `npm run pretrained -- NAME ...` makes only the named examples again.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !PRETRAINED_EXAMPLES.some((example) => example.name === name));
if (unknown.length > 0) {
  console.error(`pretrained: no example ${unknown.join(', ')} (the examples: ${PRETRAINED_EXAMPLES.map((e) => e.name).join(', ')})`);
  process.exit(2);
}
let total = 0;
for (const example of PRETRAINED_EXAMPLES.filter((e) => wanted.length === 0 || wanted.includes(e.name))) {
  const out = mkdtempSync(join(tmpdir(), `gan2d-pretrained-${example.name}-`));
  try {
    const args = ['train', ...trainArguments(example), '--out', out, '--force'];
    console.log(`gan2d ${args.filter((arg) => arg !== out && arg !== '--out' && arg !== '--force').join(' ')}`);
    try {
      execFileSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const said = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').at(-1);
      throw new Error(`gan2d train failed for ${example.name}: ${said ?? String(error)}`);
    }
    const path = join(folder, `${example.name}.json.gz`);
    writeFileAtomic(path, gzipSync(readFileSync(join(out, 'checkpoint.json')), { level: 9 }));
    const size = statSync(path).size;
    total += size;
    console.log(`  ${path.slice(root.length + 1)}: ${Math.round(size / 1024)} KB`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
console.log(`${wanted.length || PRETRAINED_EXAMPLES.length} examples, ${Math.round(total / 1024)} KB in all`);
