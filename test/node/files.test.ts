// Atomic writes' temporary names, and removing those a killed process left: its own names only.
// Writes that fail (a full disk, a file-size limit): one line naming the file, nothing half written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../src/core/errors.js';
import { asWriteError, removeLeftoverTemporaries, temporaryPath, writeFileAtomic, WriteError } from '../../src/node/files.js';

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

test('a write that fails is a WriteError: one line naming the file and the cause; other errors pass as they are', () => {
  const failed = (code: string): Error => Object.assign(new Error(`${code}: something, write`), { code });
  const full = asWriteError('runs/x/training.gif', failed('ENOSPC'));
  assert.ok(full instanceof WriteError && full instanceof UserError);
  assert.equal(full.message, 'writing runs/x/training.gif: the disk is full (ENOSPC)');
  assert.equal((asWriteError('a.csv', failed('EFBIG')) as Error).message, 'writing a.csv: file size limit reached (EFBIG)');
  assert.equal((asWriteError('a.csv', failed('EDQUOT')) as Error).message, 'writing a.csv: disk quota exceeded (EDQUOT)');
  assert.equal((asWriteError('a.csv', failed('EXDEV')) as Error).message, 'writing a.csv: cannot be written (EXDEV)');
  const bug = new RangeError('a bug');
  assert.equal(asWriteError('a.csv', bug), bug);
  const user = new UserError('bad option');
  assert.equal(asWriteError('a.csv', user), user);
});

test('under a file-size limit, writeFileAtomic leaves the old file and no temporary, appendWhole cuts its line off again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gan2d-files-'));
  try {
    const files = fileURLToPath(new URL('../../src/node/files.js', import.meta.url));
    writeFileSync(join(dir, 'old.json'), 'old\n');
    writeFileSync(join(dir, 'log.jsonl'), '{"line":1}\n');
    const script = `
      const { appendWhole, writeFileAtomic } = await import(${JSON.stringify(files)});
      const tried = (write) => { try { write(); return 'written'; } catch (error) { return error.message; } };
      console.log(JSON.stringify([
        tried(() => writeFileAtomic('old.json', 'x'.repeat(5000))),
        tried(() => appendWhole('log.jsonl', 11, JSON.stringify({ line: 2, pad: 'x'.repeat(5000) }) + '\\n')),
      ]));`;
    // 1 KiB: both writes cross it. Node ignores SIGXFSZ, so the writes fail with EFBIG.
    const run = spawnSync('bash', ['-c', `ulimit -f 1 && exec "$0" --input-type=module -e "$1"`, process.execPath, script], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [
      'writing old.json: file size limit reached (EFBIG)',
      'writing log.jsonl: file size limit reached (EFBIG)',
    ]);
    assert.equal(readFileSync(join(dir, 'old.json'), 'utf8'), 'old\n');
    assert.equal(readFileSync(join(dir, 'log.jsonl'), 'utf8'), '{"line":1}\n');
    assert.deepEqual(readdirSync(dir).sort(), ['log.jsonl', 'old.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
