/**
 * Turns a request's URL into path segments below the served folder, or null when the
 * URL tries to leave it or cannot be read. Strict on purpose: the page's own files have
 * plain names, so anything that looks like a trick is refused rather than interpreted.
 */

/** Characters no segment of ours contains, raw or decoded: separators, NUL, and '%' (a second encoding). */
const FORBIDDEN_DECODED = /[/\\\0%]/;

export function resolveRequestPath(rawUrl: string): string[] | null {
  const end = rawUrl.search(/[?#]/);
  const path = end === -1 ? rawUrl : rawUrl.slice(0, end);
  if (!path.startsWith('/')) return null;
  if (path.includes('\\') || path.includes('\0')) return null;
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // malformed escape such as %zz or a lone surrogate
    }
    if (FORBIDDEN_DECODED.test(segment)) return null;
    if (segment === '.' || segment === '..') return null;
    segments.push(segment);
  }
  return segments;
}
