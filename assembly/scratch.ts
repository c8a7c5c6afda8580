// Each thread's instance of the module has its own globals, so every thread keeps the base of
// its own scratch region (packed panels of op(B) and of a transposed A) here; the host sets it
// once per instance.

export const PANEL_DEPTH: i32 = 256; // rows of op(B) (the k direction) per packed panel
export const PANEL_WIDTH: i32 = 512; // columns of op(B) per packed panel (a multiple of 8)
export const PANEL_BYTES: usize = <usize>PANEL_DEPTH * PANEL_WIDTH * 4;
export const PANEL_A_ROWS: i32 = 128; // rows of op(A) per packed block (a multiple of 4)
export const PANEL_A_BYTES: usize = <usize>PANEL_A_ROWS * PANEL_DEPTH * 4;
/** Bytes of scratch each thread needs. */
export const SCRATCH_BYTES: usize = PANEL_BYTES + PANEL_A_BYTES;

let scratchBase: usize = 0;

export function setScratch(base: usize): void {
  scratchBase = base;
}

export function panel(): usize {
  return scratchBase;
}

export function panelA(): usize {
  return scratchBase + PANEL_BYTES;
}
