/**
 * Reading a samples.csv (what `gan2d train --export-samples`, `gan2d generate -o x.csv` and
 * `gan2d sample -o x.csv` write): rows of x,y or x,y,condition, an optional header line.
 * Every refusal names the file and the line, in one line.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../../core/errors.js';
import { describeFileError } from '../files.js';

export interface SamplesFile {
  /** Interleaved (x, y), in the file's order. */
  points: Float32Array;
  /** Each row's condition index, when the file has a third column. */
  conditions?: Int32Array;
}

/** A strict number: "1e-3", "-0.5", "2"; not "", "NaN", "1x", "Infinity". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseCell(cell: string, path: string, line: number, column: string): number {
  const text = cell.trim();
  if (!NUMBER.test(text)) {
    const shown = text === '' ? 'empty' : `"${text.length > 20 ? `${text.slice(0, 20)}…` : text}"`;
    throw new UserError(`${path} line ${line}: ${column} is ${shown}, not a finite number`);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UserError(`${path} line ${line}: ${column} "${text}" is not a finite number`);
  return value;
}

/** Parses the text of a samples file; `path` only names it in messages. */
export function parseSamplesCsv(text: string, path: string): SamplesFile {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  if (first === lines.length) throw new UserError(`${path}: no samples (the file is empty)`);
  // A header is a first line that does not start with a number: "x,y" or "x,y,condition".
  const header = lines[first].split(',').map((cell) => cell.trim().toLowerCase());
  const hasHeader = !NUMBER.test(header[0]);
  if (hasHeader) {
    const known = header.length >= 2 && header.length <= 3 && header[0] === 'x' && header[1] === 'y' &&
      (header.length === 2 || header[2] === 'condition');
    if (!known) {
      throw new UserError(`${path}: unknown format (the header is "${lines[first].trim()}"; expected x,y or x,y,condition rows)`);
    }
  }
  const start = hasHeader ? first + 1 : first;
  const columns = hasHeader ? header.length : lines[first].split(',').length;
  if (columns !== 2 && columns !== 3) {
    throw new UserError(`${path} line ${first + 1}: ${columns} columns; expected x,y or x,y,condition`);
  }
  const xs: number[] = [];
  const conditions: number[] = [];
  for (let i = start; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const cells = lines[i].split(',');
    if (cells.length !== columns) {
      throw new UserError(`${path} line ${line}: ${cells.length} columns; the file has ${columns}`);
    }
    xs.push(parseCell(cells[0], path, line, 'x'), parseCell(cells[1], path, line, 'y'));
    if (columns === 3) {
      const condition = parseCell(cells[2], path, line, 'condition');
      if (!Number.isInteger(condition) || condition < 0) {
        throw new UserError(`${path} line ${line}: condition ${cells[2].trim()} is not a whole number >= 0`);
      }
      conditions.push(condition);
    }
  }
  if (xs.length === 0) throw new UserError(`${path}: no samples (only a header)`);
  return {
    points: Float32Array.from(xs),
    ...(conditions.length > 0 ? { conditions: Int32Array.from(conditions) } : {}),
  };
}

export function readSamplesCsv(path: string): SamplesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`${path}: ${describeFileError(error)}`);
  }
  return parseSamplesCsv(text, path);
}
