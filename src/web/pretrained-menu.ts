/**
 * The pre-trained examples' buttons (pretrained-examples.ts says what each shows) and the
 * fetching of their gzipped checkpoints, which the page then continues as a loaded file.
 */
import { PRETRAINED_EXAMPLES, type PretrainedExample } from './pretrained-examples.js';

/** The checkpoint's text: fetched and gunzipped by the browser's own DecompressionStream. */
export async function fetchPretrained(example: PretrainedExample): Promise<string> {
  // Vite copies src/web/public/ into the built page as it is: pretrained/ sits beside index.html.
  const response = await fetch(new URL(`pretrained/${example.name}.json.gz`, document.baseURI));
  if (!response.ok || !response.body) throw new Error(`could not fetch the example ${example.name}.json.gz (HTTP ${response.status})`);
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
}

/** One button and its one-line caption per example; `onPick` gets the example clicked. */
export function buildPretrainedMenu(list: HTMLElement, onPick: (example: PretrainedExample) => void): void {
  for (const example of PRETRAINED_EXAMPLES) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button small';
    button.id = `pretrained-${example.name}`;
    button.textContent = example.label;
    const caption = document.createElement('span');
    caption.className = 'hint';
    caption.id = `pretrained-${example.name}-caption`;
    caption.textContent = example.caption;
    button.setAttribute('aria-describedby', caption.id);
    button.addEventListener('click', () => onPick(example));
    item.append(button, caption);
    list.append(item);
  }
}
