/** Pictures dropped anywhere on the page, with a drop zone shown while files are dragged over it. */
export function bindFileDrop(overlay: HTMLElement, onFiles: (files: File[]) => void): void {
  // dragenter/dragleave fire for every child crossed: count them to know when the drag left the page.
  let depth = 0;
  document.addEventListener('dragenter', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const files = Array.from(event.dataTransfer?.files ?? []).filter((file) => file.type === '' || file.type.startsWith('image/'));
    if (files.length > 0) onFiles(files);
  });
}
