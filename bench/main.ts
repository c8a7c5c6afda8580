// `npm run bench [-- NAME ...]`: runs every benchmark in order, or only the named ones.
// Each benchmark module exports `async function run(): Promise<void>` and prints its own results.
// To add one: import its run() and append an entry to BENCHMARKS.
import { run as engine } from './engine.js';
import { run as outputs } from './outputs.js';
import { run as sampling } from './sampling.js';
import { run as train } from './train.js';
import { run as web } from './web.js';

const BENCHMARKS: readonly { name: string; run: () => Promise<void> }[] = [
  { name: 'sampling', run: sampling },
  { name: 'outputs', run: outputs },
  { name: 'engine', run: () => engine() },
  { name: 'train', run: train },
  { name: 'web', run: async () => { await web(); } },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
  process.exit(1);
}
for (const benchmark of BENCHMARKS) {
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  console.log(`== ${benchmark.name}`);
  await benchmark.run();
}
