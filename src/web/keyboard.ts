/**
 * Page-wide keyboard shortcuts (Space, S, D, G, R). They stand aside while the user types
 * in a field, and Space stays the activation key of a focused button, link or summary.
 */
export function bindShortcuts(actions: Readonly<Record<string, () => void>>): void {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, select, textarea, [contenteditable]')) return;
    if (event.key === ' ' && target?.closest('button, summary, label, a')) return;
    const action = actions[event.key === ' ' ? ' ' : event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
