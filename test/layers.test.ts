// The layers of docs/design.md, checked on the source: imports point downward only, core/
// uses no Node or DOM API, and no two modules import each other, directly or round a loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Edge {
  from: string;
  to: string;
  /** A worker's or a child process's entry named by new URL(..., import.meta.url): it runs apart, so it closes no import cycle. */
  entry: boolean;
}

/** Every module a file names: in an import, an export ... from or a dynamic import(), or as an entry by new URL(..., import.meta.url). */
function specifiers(text: string): { spec: string; entry: boolean }[] {
  const found: { spec: string; entry: boolean }[] = [];
  const imports = [/^\s*(?:import|export)\s[^'";]*?from\s*'([^']+)'/gm, /^\s*import\s*'([^']+)'/gm, /import\(\s*'([^']+)'\s*\)/g];
  for (const pattern of imports) for (const match of text.matchAll(pattern)) found.push({ spec: match[1], entry: false });
  for (const match of text.matchAll(/new URL\(\s*'([^']+)',\s*import\.meta\.url\)/g)) found.push({ spec: match[1], entry: true });
  return found;
}

/** Imports between source files, as paths relative to src/ ('core/gan/trainer.ts'), and imports of packages. */
function graph(): { edges: Edge[]; packages: Edge[] } {
  const edges: Edge[] = [];
  const packages: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    for (const { spec, entry } of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        packages.push({ from, to: spec, entry });
        continue;
      }
      const to = relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
      edges.push({ from, to, entry });
    }
  }
  return { edges, packages };
}

const layerOf = (path: string): string => path.split('/')[0];

test('imports point downward: cli on node on core; web on core; core on nothing above it', () => {
  const allowed: Record<string, string[]> = {
    core: ['core'],
    node: ['node', 'core'],
    cli: ['cli', 'node', 'core'],
    web: ['web', 'core'],
  };
  const { edges } = graph();
  assert.ok(edges.length > 300, `the scan found only ${edges.length} imports`);
  const upward = edges.filter((e) => layerOf(e.from) in allowed && !allowed[layerOf(e.from)].includes(layerOf(e.to)));
  assert.deepEqual(upward.map((e) => `${e.from} -> ${e.to}`), []);
});

test('inside core, what every model shares (core/model) knows nothing of the GAN', () => {
  const { edges } = graph();
  const intoGan = edges.filter((e) => e.from.startsWith('core/model/') && e.to.startsWith('core/gan/'));
  assert.deepEqual(intoGan.map((e) => `${e.from} -> ${e.to}`), []);
});

test('inside core, the GAN and what every model shares know nothing of the flow', () => {
  const { edges } = graph();
  const intoFlow = edges.filter((e) => (e.from.startsWith('core/model/') || e.from.startsWith('core/gan/')) && e.to.startsWith('core/flow/'));
  assert.deepEqual(intoFlow.map((e) => `${e.from} -> ${e.to}`), []);
});

test('core uses no Node API and no Node-only package', () => {
  const nodeOnly = /^(node:|fs$|path$|os$|child_process$|worker_threads$|@napi-rs\/|bullmq$|commander$)/;
  const { packages } = graph();
  const bad = packages.filter((e) => e.from.startsWith('core/') && nodeOnly.test(e.to));
  assert.deepEqual(bad.map((e) => `${e.from} -> ${e.to}`), []);
});

test('no import cycles between source files', () => {
  const { edges } = graph();
  const next = new Map<string, string[]>();
  for (const e of edges.filter((edge) => !edge.entry)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const to of next.get(node) ?? []) visit(to, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of next.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});
