// Each thread's instance of the module has its own globals, so every thread keeps the base of
// its own scratch region (packed panels, edge tiles) here; the host sets it once per instance.

/** Bytes of scratch each thread needs: one packed panel of op(B) plus one edge tile. */
export const PANEL_DEPTH: i32 = 256; // rows of op(B) (the k direction) per packed panel
export const PANEL_WIDTH: i32 = 512; // columns of op(B) per packed panel (a multiple of 8)
export const PANEL_BYTES: usize = <usize>PANEL_DEPTH * PANEL_WIDTH * 4;
export const TILE_BYTES: usize = 4 * 8 * 4;
export const SCRATCH_BYTES: usize = PANEL_BYTES + TILE_BYTES;

let scratchBase: usize = 0;

export function setScratch(base: usize): void {
  scratchBase = base;
}

export function panel(): usize {
  return scratchBase;
}

export function tile(): usize {
  return scratchBase + PANEL_BYTES;
}
