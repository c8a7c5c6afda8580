/**
 * The quality figures' names, each with one plain sentence that shows on hover or focus
 * (docs/design.md defines them exactly). The charts' help line is made of these terms.
 */
export const METRIC_SENTENCES: Readonly<Record<string, string>> = {
  js64: 'How different the generated points’ spread is from the picture’s, on a 64 × 64 grid: 0 means the same, 0.69 nothing in common.',
  oos: 'The share of generated points that land where the picture is black or off it.',
  'far oos': 'The share of generated points far from any part of the picture, such as a bridge drawn between two shapes; points just off an edge do not count.',
  floor: 'What perfect samples of the picture itself score, by chance alone: the best a generator can do.',
  modes: 'How many of the mixture’s blobs have at least one good generated point near them.',
  'HQ %': 'The share of generated points close to a blob (within 3 of its widths).',
  'spread %': 'How wide the generated blobs are, as a share of the real blobs’ width (measured about each blob’s own middle): 100% when right.',
  rKL: 'How unevenly the good points are shared among the blobs: 0 when evenly.',
};

/** Fills `container` with the terms (each focusable, its sentence shown on hover or focus) and a closing text. */
export function explainTerms(container: HTMLElement, terms: readonly string[], closing: string): void {
  container.replaceChildren();
  terms.forEach((term, i) => {
    const wrap = document.createElement('span');
    wrap.className = 'term';
    wrap.tabIndex = 0;
    wrap.textContent = term;
    const tip = document.createElement('span');
    tip.className = 'term-tip';
    tip.setAttribute('role', 'tooltip');
    tip.id = `term-${term.replace(/[^a-z0-9]+/gi, '-')}`;
    tip.textContent = METRIC_SENTENCES[term] ?? '';
    wrap.setAttribute('aria-describedby', tip.id);
    wrap.append(tip);
    container.append(wrap, i + 1 < terms.length ? ' · ' : '');
  });
  container.append(` ${closing}`);
}
