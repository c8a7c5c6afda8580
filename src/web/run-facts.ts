/**
 * What the view needs of a run's data, whichever model trains on it: the plot's bounds, a
 * fixed sample of real points (from the page's own stream, apart from the model's), each
 * condition's exact density, and the rows of the display points, condition by condition.
 */
import { conditionOfRows, requestRows } from '../core/model/condition-split.js';
import { isConditional, sampleRows, targetParts, type TrainingTarget } from '../core/model/target.js';
import { Rng } from '../core/rng.js';
import type { RunFacts } from './protocol.js';

/** The stream of the page's real sample (the seed's, another stream than the model's). */
const REAL_DISPLAY_STREAM = 0x7eb1;

export interface DataFacts {
  facts: Omit<RunFacts, 'threads' | 'engine' | 'iteration'>;
  /** Conditions of a conditional run (0: a plain one), and their masses. */
  conditionCount: number;
  masses: number[];
  /** The display points' rows per condition (one entry for a plain run), and each point's condition. */
  displayRows: number[];
  displayConditions: Uint8Array | null;
}

export function dataFacts(target: TrainingTarget, conditionNames: string[], seed: number, displayPoints: number): DataFacts {
  const parts = targetParts(target);
  const conditionCount = isConditional(target) ? parts.length : 0;
  const masses = isConditional(target) ? target.conditions.map((c) => c.mass) : [];
  const displayRows = requestRows(Math.max(displayPoints, conditionCount), masses);
  const displayConditions = conditionCount > 0 ? conditionOfRows(displayRows) : null;
  const displayCount = displayRows.reduce((a, b) => a + b, 0);
  const real = new Float32Array(2 * displayCount);
  sampleRows(parts, displayRows, new Rng(seed, REAL_DISPLAY_STREAM), real);
  return {
    facts: {
      bounds: { ...parts[0].bounds },
      kind: parts[0].kind,
      conditions: conditionNames,
      real,
      realConditions: displayConditions,
      densities: parts.map((part) => ({
        width: part.raster.width,
        height: part.raster.height,
        values: Float32Array.from(part.raster.values),
        box: { ...part.rasterBox },
      })),
    },
    conditionCount,
    masses,
    displayRows,
    displayConditions,
  };
}
