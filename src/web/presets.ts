/**
 * The settings the options start from, before the options the user set (by hand or by a
 * link), as `gan2d train INPUT` starts from INPUT's recommended settings before the flags given:
 *
 * - `recommended` (the default): the density's recommended settings, from the CLI's own table
 *   (core/gan/presets.ts), so builtin:ring trains here as `gan2d train builtin:ring` does.
 *   Densities without an entry (pictures, drawings) get the seed demo's settings.
 * - `quality`: the quality recipe, as `gan2d train INPUT --recipe quality` starts from it (the
 *   mixtures' own recommended settings, the folders' for a conditional density, the pictures'
 *   searched recipe for everything else).
 * - `seed`: every default (the seed demo's run), whatever the density.
 * - `small`: docs/design.md's speed preset of the same name, quick enough to watch converge.
 *
 * A preset stays chosen when the density changes; `recommended` follows the density.
 */
import type { TrainConfig } from '../core/gan/config.js';
import type { ModelName } from '../core/flow/config.js';
import { recipeSettings, recommendedSettings } from '../core/gan/presets.js';
import type { DataSource } from './data-source.js';
import { FLOW_PAGE_BASE, optionTable, type GivenOptions } from './model-options.js';

export type { GivenOptions } from './model-options.js';

export const SETTINGS_BASES = ['recommended', 'quality', 'seed', 'small'] as const;
export type SettingsBase = (typeof SETTINGS_BASES)[number];

export function isSettingsBase(text: string): text is SettingsBase {
  return (SETTINGS_BASES as readonly string[]).includes(text);
}

export const PRESETS: Readonly<Record<Exclude<SettingsBase, 'recommended' | 'quality'>, GivenOptions>> = {
  seed: {},
  small: {
    zDim: 2,
    gHidden: [128, 128],
    dHidden: [128, 128],
    batchSize: 512,
    optimizer: 'adam',
    dLr: 1e-3,
    gLr: 1e-3,
    dSteps: 1,
    gSteps: 1,
  },
};

const PRESET_NAMES: Readonly<Record<SettingsBase, string>> = {
  recommended: 'Recommended',
  quality: 'Quality recipe',
  seed: 'Seed demo',
  small: 'Small (fast)',
};

/**
 * Recipe entries that only mean something to a CLI run: its wall-time limit, and how often it
 * writes frames and checkpoints (the page trains until paused and charts at its own pace).
 * The recipe's --iterations stays: it is the length --lr-decay lands the rates over, not a stop.
 */
export const CLI_ONLY: ReadonlySet<keyof TrainConfig> = new Set<keyof TrainConfig>([
  'timeLimit', 'displayInterval', 'checkpointInterval', 'exportSamples', 'samplesFormat',
]);

/** The density as `gan2d train` is given it, for recommendedSettings and for the settings line. */
export function trainInput(data: DataSource): string {
  switch (data.kind) {
    case 'builtin':
      return `builtin:${data.name}`;
    case 'drawn':
      return 'a drawing';
    case 'pictures':
      return data.names.length === 1 ? data.names[0] : 'a folder of pictures';
  }
}

/** The density's recommended settings the page applies (CLI-only entries left out); none: {}. */
export function recommendedForPage(data: DataSource): GivenOptions {
  // A built-in picture trained by its parts is a conditional run: the table has no entry for it.
  if (data.kind !== 'builtin' || data.conditional) return {};
  return forPage(recommendedSettings(trainInput(data)) ?? {});
}

/** Settings without their CLI-only entries. */
function forPage(settings: Partial<TrainConfig>): GivenOptions {
  const kept: GivenOptions = {};
  for (const [key, value] of Object.entries(settings) as [keyof TrainConfig, unknown][]) {
    if (!CLI_ONLY.has(key)) kept[key] = value;
  }
  return kept;
}

/**
 * The quality recipe for this density: a built-in mixture's own; the folders' for a conditional one (a built-in
 * picture by its parts, several pictures); the pictures' for everything else (a drawing, a picture, a built-in picture).
 */
function qualityForPage(data: DataSource): GivenOptions {
  const input = data.kind === 'builtin' && !data.conditional ? trainInput(data) : undefined;
  return forPage(recipeSettings(input, 'quality', isConditionalSource(data)));
}

/** Whether the page trains this density as a conditional GAN (one condition per part or per picture). */
function isConditionalSource(data: DataSource): boolean {
  return data.kind === 'builtin' ? data.conditional : data.kind === 'pictures' && data.names.length > 1;
}

/**
 * The options under the user's: the base's for this density. A flow has one base, its
 * recommended recipe (the presets are GAN settings).
 */
export function baseOptions(base: SettingsBase, data: DataSource, model: ModelName = 'gan'): GivenOptions {
  if (model === 'flow') return { ...FLOW_PAGE_BASE };
  if (base === 'recommended') return recommendedForPage(data);
  if (base === 'quality') return qualityForPage(data);
  return { ...PRESETS[base] };
}

/** Whether the density has recommended settings of its own (else they are the seed demo's). */
export function hasRecommended(data: DataSource): boolean {
  return Object.keys(recommendedForPage(data)).length > 0;
}

/**
 * One line saying which settings are in use: the base, and the options set over it, by flag.
 * e.g. "Settings: builtin:ring's recommended (as gan2d train builtin:ring)".
 */
export function describeSettings(base: SettingsBase, data: DataSource, given: GivenOptions, model: ModelName = 'gan'): string {
  let what: string;
  if (model === 'flow') what = `the flow's recommended recipe (as gan2d train ${trainInput(data)} --model flow)`;
  else if (base !== 'recommended') what = PRESET_NAMES[base];
  else if (hasRecommended(data)) what = `${trainInput(data)}'s recommended (as gan2d train ${trainInput(data)})`;
  else what = `Seed demo (gan2d train's default for ${trainInput(data)}; the Quality preset fits it more closely)`;
  const flags = optionTable(model).filter((spec) => given[spec.key] !== undefined).map((spec) => `--${spec.flag}`);
  if (flags.length === 0) return `Settings: ${what}`;
  const shown = flags.length > 4 ? `${flags.slice(0, 4).join(', ')} and ${flags.length - 4} more` : flags.join(', ');
  return `Settings: custom: ${what}, with ${shown} set`;
}
