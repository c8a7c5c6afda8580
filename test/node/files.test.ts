// Atomic writes' temporary names, and removing those a killed process left: its own names only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { removeLeftoverTemporaries, temporaryPath, writeFileAtomic } from '../../src/node/files.js';

test('removeLeftoverTemporaries removes the named files\' temporaries of processes that no longer run, nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gan2d-files-'));
  try {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // a process id that ran and has ended
    const names = [
      `.checkpoint.json.${gone}.1796331816876.tmp`, // ours, its process gone: removed
      `.metrics.jsonl.${gone}.17.tmp`, // ours, its process gone: removed
      `.checkpoint.json.${process.pid}.1796331816876.tmp`, // ours, but this process's: kept
      `.notes.txt.${gone}.1796331816876.tmp`, // not one of our files: kept
      `.checkpoint.json.tmp`, // not the pattern: kept
      'checkpoint.json',
    ];
    for (const name of names) writeFileSync(join(dir, name), 'x');
    const ours = new Set(['checkpoint.json', 'metrics.jsonl']);
    const removed = removeLeftoverTemporaries(dir, (name) => ours.has(name));
    assert.deepEqual(removed.sort(), names.slice(0, 2).sort());
    assert.deepEqual(readdirSync(dir).sort(), names.slice(2).sort());
    assert.deepEqual(removeLeftoverTemporaries(join(dir, 'missing'), () => true), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('temporaryPath is the name writeFileAtomic writes under, beside the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gan2d-files-'));
  try {
    assert.match(basename(temporaryPath(join(dir, 'summary.json'))), new RegExp(`^\\.summary\\.json\\.${process.pid}\\.\\d+\\.tmp$`));
    writeFileAtomic(join(dir, 'summary.json'), '{}\n');
    assert.deepEqual(readdirSync(dir), ['summary.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
