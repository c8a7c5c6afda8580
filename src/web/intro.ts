/**
 * The first visit's introduction above the view: what a GAN is (D judges, G forges), what the flow
 * does instead, and where to start. Closed once, it stays closed: the browser remembers it.
 */
const CLOSED_KEY = 'gan2d.introClosed';

function remembered(): boolean {
  try {
    return localStorage.getItem(CLOSED_KEY) === '1';
  } catch {
    return false; // storage blocked: show it, and closing still hides it for this visit
  }
}

export function bindIntro(panel: HTMLElement, close: HTMLButtonElement): void {
  panel.hidden = remembered();
  close.addEventListener('click', () => {
    panel.hidden = true;
    try {
      localStorage.setItem(CLOSED_KEY, '1');
    } catch {
      // not remembered: it shows again next visit
    }
  });
}
