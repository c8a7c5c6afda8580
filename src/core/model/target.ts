/**
 * What a model trains on: one target (a picture or a mixture), or several pictures,
 * one per condition, in one-hot order; and TargetInfo, what a checkpoint keeps of it.
 * The Node loader (node/target.ts) and the page (web/build-target.ts) both build these.
 */
import type { Box } from '../density/placement.js';
import type { Target } from '../density/target.js';
import type { PlacedDensity } from '../render/density-image.js';
import type { Rng } from '../rng.js';

export interface ConditionSource {
  readonly name: string;
  readonly target: Target;
  /** The condition's total mass; batches are split in proportion to it. */
  readonly mass: number;
}

export interface ConditionalSource {
  readonly name: string;
  readonly conditions: readonly ConditionSource[];
}

export type TrainingTarget = Target | ConditionalSource;

export function isConditional(target: TrainingTarget): target is ConditionalSource {
  return 'conditions' in target;
}

/** The targets a run samples from, one per condition (a single one for a plain GAN). */
export function targetParts(target: TrainingTarget): readonly Target[] {
  return isConditional(target) ? target.conditions.map((c) => c.target) : [target];
}

/**
 * Exact samples for rowsPerCondition[c] rows of each part c, part by part, into out as
 * interleaved (x, y). A part with no rows is not touched (one --condition of a run).
 */
export function sampleRows(parts: readonly Target[], rowsPerCondition: readonly number[], rng: Rng, out: Float32Array): void {
  let offset = 0;
  rowsPerCondition.forEach((count, c) => {
    if (count > 0) parts[c].sample(count, rng, out, 2 * offset);
    offset += count;
  });
}

/** The region the run's points live in (and figures show): the unit square for pictures. */
export function targetBounds(target: TrainingTarget): Box {
  return targetParts(target)[0].bounds;
}

export function targetKind(target: TrainingTarget): 'picture' | 'mixture' {
  return targetParts(target)[0].kind;
}

export function conditionNames(target: TrainingTarget): string[] {
  return isConditional(target) ? target.conditions.map((c) => c.name) : [];
}

/**
 * The target's density as one raster, for figures: a picture's own, or a folder's joint
 * density (its pictures' luminances add up, each condition's share being its mass).
 * Undefined when the conditions' rasters differ in size.
 */
export function targetDensity(target: TrainingTarget): PlacedDensity | undefined {
  const parts = targetParts(target);
  const first = parts[0];
  const { width, height } = first.raster;
  if (!parts.every((p) => p.raster.width === width && p.raster.height === height)) return undefined;
  if (parts.length === 1) return { width, height, values: first.raster.values, bounds: first.rasterBox };
  const values = new Float32Array(first.raster.values.length);
  for (const part of parts) for (let i = 0; i < values.length; i++) values[i] += part.raster.values[i];
  return { width, height, values, bounds: first.rasterBox };
}

/** What a run was trained on, enough to generate and draw without reloading it. */
export interface TargetInfo {
  /** As given on the command line: a picture, a folder, or builtin:NAME. */
  source: string;
  kind: 'picture' | 'mixture';
  /** One name per condition in one-hot order (sorted file names); empty for a plain GAN. */
  conditions: string[];
  /** Each condition's total mass, in the same order (how a batch is split between them); empty for a plain GAN. */
  masses: number[];
  /** The region the target lives in: the unit square for pictures, the mixture's bounds otherwise. */
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number };
}

export function targetInfo(source: string, target: TrainingTarget): TargetInfo {
  return {
    source,
    kind: targetKind(target),
    conditions: conditionNames(target),
    masses: isConditional(target) ? target.conditions.map((c) => c.mass) : [],
    bounds: { ...targetBounds(target) },
  };
}
