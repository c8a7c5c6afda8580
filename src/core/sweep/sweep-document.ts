/**
 * A sweep file's text (YAML, or JSON, which is YAML too) as plain data, keeping where
 * each field sits so that every complaint about the file can name its line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type ParsedNode } from 'yaml';
import { UserError } from '../errors.js';

/** Where a value sits in the document: map keys and list indices from the root. */
export type FieldPath = readonly (string | number)[];

export interface SweepDocument {
  /** The file as given (for messages). */
  fileName: string;
  /** The document as plain JSON-like data. */
  data: unknown;
  /** 1-based line of the field at `path` (its key's line for a map entry); the nearest existing parent's line otherwise. */
  lineOf(path: FieldPath): number;
}

/** "axes.loss[2]" for ['axes', 'loss', 2]. */
export function fieldName(path: FieldPath): string {
  let name = '';
  for (const part of path) name += typeof part === 'number' ? `[${part}]` : name === '' ? part : `.${part}`;
  return name;
}

/** A UserError "FILE:LINE: FIELD: message", the one shape of every complaint about a sweep file. */
export function sweepFileError(document: SweepDocument, path: FieldPath, message: string): UserError {
  const field = path.length > 0 ? `${fieldName(path)}: ` : '';
  return new UserError(`${document.fileName}:${document.lineOf(path)}: ${field}${message}`);
}

export function parseSweepText(text: string, fileName: string): SweepDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) {
    const line = lineCounter.linePos(problem.pos[0]).line;
    const path = pathAt(document.contents, problem.pos[0]);
    const field = path.length > 0 ? `${fieldName(path)}: ` : '';
    throw new UserError(`${fileName}:${line}: ${field}not valid YAML or JSON (${problem.message.split('\n')[0]})`);
  }
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  return {
    fileName,
    data: document.toJS({ maxAliasCount: 100 }),
    lineOf: (path) => locate(document, path, lineAt),
  };
}

function locate(document: Document.Parsed, path: FieldPath, lineAt: (offset: number) => number): number {
  let node: ParsedNode | null = document.contents;
  let line = node?.range ? lineAt(node.range[0]) : 1;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      const key = pair.key as ParsedNode;
      line = lineAt(key.range[0]);
      node = pair.value as ParsedNode | null;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      node = node.items[part] as ParsedNode;
      line = lineAt(node.range[0]);
    } else {
      break;
    }
  }
  return line;
}

/** The innermost map field whose text holds `offset`: where a syntax error sits, as far as the parser got. */
function pathAt(node: ParsedNode | null, offset: number): (string | number)[] {
  const within = (start: number, end: number): boolean => offset >= start && offset <= end;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as ParsedNode | null;
      const value = pair.value as ParsedNode | null;
      if (!key?.range || !isScalar(key)) continue;
      const end = value?.range ? value.range[2] : key.range[2];
      if (within(key.range[0], end)) return [String(key.value), ...pathAt(value, offset)];
    }
  }
  return []; // lists are not entered: the field that holds one is name enough

}
