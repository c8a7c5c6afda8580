/**
 * Sums over a matrix, all reductions to a broadcastable shape (see broadcast.ts): the
 * whole sum and mean, column sums, row sums.
 */
import type { Var } from '../tape.js';
import { reduceTo } from './broadcast.js';
import { scale } from './elementwise.js';

/** Σ of all elements, 1×1. */
export const sum = (x: Var): Var => reduceTo(x, 1, 1);

/** Mean of all elements, 1×1. */
export const mean = (x: Var): Var => scale(reduceTo(x, 1, 1), 1 / x.value.size);

/** Σ over rows, 1×cols (a bias gradient). */
export const columnSums = (x: Var): Var => reduceTo(x, 1, x.cols);

/** Σ over columns, rows×1 (a per-sample squared norm from squared entries). */
export const rowSums = (x: Var): Var => reduceTo(x, x.rows, 1);
