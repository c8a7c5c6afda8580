/** Reading and writing checkpoint.json (of either model family): atomic writes; reads that name the file and what is wrong. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointError } from '../../core/gan/checkpoint.js';
import { isFlowCheckpoint, parseAnyCheckpoint, type AnyCheckpoint } from '../../core/flow/checkpoint.js';
import { UserError } from '../../core/errors.js';
import { describeFileError, writeFileAtomic } from '../files.js';
import { recordedConfig } from '../../core/gan/config.js';

export const CHECKPOINT_FILE = 'checkpoint.json';

/** A run folder or a checkpoint file, as the user gave it, to the checkpoint file's path. */
export function checkpointPath(runFolderOrFile: string): string {
  try {
    if (statSync(runFolderOrFile).isDirectory()) return join(runFolderOrFile, CHECKPOINT_FILE);
  } catch {
    // Missing: reported by readCheckpoint with the path as given.
  }
  return runFolderOrFile;
}

export function readCheckpoint(runFolderOrFile: string, what = 'checkpoint'): { path: string; checkpoint: AnyCheckpoint } {
  const path = checkpointPath(runFolderOrFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ` (is ${runFolderOrFile} a gan2d run folder?)` : '';
    throw new UserError(`${what} ${path}: ${describeFileError(error)}${hint}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${what} ${path}: corrupt (${jsonFault(text, error)})`);
  }
  try {
    return { path, checkpoint: parseAnyCheckpoint(data) };
  } catch (error) {
    if (error instanceof CheckpointError) throw new UserError(`${what} ${path}: corrupt (${error.message})`);
    throw error;
  }
}

/** What is wrong with text JSON.parse refused, in a few words: empty, cut short (a copy or a full disk), or not JSON. */
function jsonFault(text: string, error: unknown): string {
  const size = Buffer.byteLength(text);
  if (text.trim() === '') return size === 0 ? 'empty file' : `only white space (${size} bytes)`;
  const message = error instanceof Error ? error.message : '';
  const at = /at position (\d+)/.exec(message);
  const endsEarly = /end of JSON input|Unterminated/.test(message) || (at !== null && Number(at[1]) >= text.trimEnd().length);
  if (endsEarly) return `cut short: its JSON ends unfinished after ${size} bytes`;
  return at === null ? 'not valid JSON' : `not valid JSON at character ${at[1]}`;
}

export function writeCheckpoint(path: string, checkpoint: AnyCheckpoint): void {
  const written = isFlowCheckpoint(checkpoint) ? checkpoint : { ...checkpoint, config: recordedConfig(checkpoint.config) };
  writeFileAtomic(path, JSON.stringify(written) + '\n');
}
