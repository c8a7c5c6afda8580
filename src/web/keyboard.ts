/**
 * Page-wide keyboard shortcuts (Space, S, D, G, R). Space always means play/pause, even on
 * a focused button, checkbox, summary or link (it would otherwise click that control again:
 * after a click on Step, Space would step). Only where typing matters do the shortcuts
 * stand aside: text and number fields, selects, text areas and editable content.
 */
const TYPING = 'textarea, select, [contenteditable]:not([contenteditable="false"])';
/** Inputs that take no typing: Space there plays or pauses, as anywhere else. */
const NOT_TYPED = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** Whether keys typed at `target` belong to it (a field takes letters and Space). */
export function takesTyping(target: Element | null): boolean {
  if (!target) return false;
  if (target.closest(TYPING)) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.has(target.type);
}

export function bindShortcuts(actions: Readonly<Record<string, () => void>>): void {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as Element | null;
    if (takesTyping(target)) return;
    const key = event.key === ' ' ? ' ' : event.key.toLowerCase();
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    if (key === ' ' && event.repeat) return; // held down: one toggle, not a flicker
    action();
  });
  // A button or checkbox acts on Space's release: keep the release from clicking it.
  document.addEventListener('keyup', (event) => {
    if (event.key !== ' ' || takesTyping(event.target as Element | null)) return;
    event.preventDefault();
  });
}
