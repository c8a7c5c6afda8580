/**
 * The page's state in the URL's hash, so a link reproduces a run: every training option
 * the user set (by its command-line flag, so `#loss=hinge&d-hidden=128,128` reads like the
 * CLI) and the data: a built-in name or a small drawn density, and the settings the options
 * start from when they are not the density's recommended (`settings=seed`), and the model when it
 * is a flow (`model=flow`, whose options are then read by the flow's flags). Uploaded pictures are too
 * big for a link; the hash then says so and a visitor gets the default data.
 */
import { formatValue, parseOptionValue } from '../core/gan/config.js';
import { MODELS, type ModelName } from '../core/flow/config.js';
import { isBuiltinName } from '../core/density/builtins.js';
import { decodeDrawnDensity, DRAWN_PREFIX, encodeDrawnDensity } from '../core/density/drawn-density-codec.js';
import type { DataSource } from './data-source.js';
import { findModelOption, optionTable } from './model-options.js';
import { isSettingsBase, SETTINGS_BASES, type GivenOptions, type SettingsBase } from './presets.js';

export type { GivenOptions } from './presets.js';

export interface UrlState {
  given: GivenOptions;
  /** null when the link names no data, or names pictures it cannot carry. */
  data: DataSource | null;
  /** What the options not given start from; left out: the density's recommended. */
  base?: SettingsBase;
  /** The model trained; left out: the GAN. */
  model?: ModelName;
}

export interface DecodedUrlState extends UrlState {
  base: SettingsBase;
  model: ModelName;
  /** One line per part of the hash that was ignored, for the status line. */
  problems: string[];
}

const DATA_KEY = 'data';
const SETTINGS_KEY = 'settings';
const MODEL_KEY = 'model';
const PARTS_SUFFIX = '/parts';

/** Escapes what must be, but keeps ',', ':' and '/' readable. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

function encodeData(data: DataSource): string {
  switch (data.kind) {
    case 'builtin':
      return `builtin:${data.name}${data.conditional ? PARTS_SUFFIX : ''}`;
    case 'drawn':
      return DRAWN_PREFIX + encodeDrawnDensity(data.grid);
    case 'pictures':
      return 'pictures';
  }
}

/** The hash (with its leading '#') for a state; options in the table's order. */
export function encodeUrlState(state: UrlState): string {
  const parts: string[] = [];
  if (state.data) parts.push(`${DATA_KEY}=${escape(encodeData(state.data))}`);
  const model = state.model ?? 'gan';
  if (model !== 'gan') parts.push(`${MODEL_KEY}=${model}`);
  else if (state.base !== undefined && state.base !== 'recommended') parts.push(`${SETTINGS_KEY}=${state.base}`);
  for (const spec of optionTable(model)) {
    const value = state.given[spec.key];
    if (value === undefined) continue;
    parts.push(`${spec.flag}=${escape(formatValue(value))}`);
  }
  return `#${parts.join('&')}`;
}

function decodeData(text: string, problems: string[]): DataSource | null {
  if (text.startsWith('builtin:')) {
    const rest = text.slice('builtin:'.length);
    const conditional = rest.endsWith(PARTS_SUFFIX);
    const name = conditional ? rest.slice(0, -PARTS_SUFFIX.length) : rest;
    if (isBuiltinName(name)) return { kind: 'builtin', name, conditional };
    problems.push(`the link names an unknown built-in density "${name}"`);
    return null;
  }
  if (text.startsWith(DRAWN_PREFIX)) {
    const grid = decodeDrawnDensity(text.slice(DRAWN_PREFIX.length));
    if (grid) return { kind: 'drawn', grid };
    problems.push('the drawn density in the link is damaged');
    return null;
  }
  if (text === 'pictures') {
    problems.push('the link was made with uploaded pictures, which a link cannot carry: upload them again');
    return null;
  }
  problems.push(`the link's data "${text}" is not understood`);
  return null;
}

/** Reads a hash (with or without '#'); bad parts are skipped and listed, never thrown. */
export function decodeUrlState(hash: string): DecodedUrlState {
  const problems: string[] = [];
  const given: GivenOptions = {};
  let data: DataSource | null = null;
  let base: SettingsBase = 'recommended';
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  // The model first, wherever it stands: it says whose flags the options are.
  let model: ModelName = 'gan';
  const named = body.split('&').find((part) => part.startsWith(`${MODEL_KEY}=`))?.slice(MODEL_KEY.length + 1);
  if (named !== undefined) {
    if ((MODELS as readonly string[]).includes(named)) model = named as ModelName;
    else problems.push(`the link's model "${named}" is unknown (known: ${MODELS.join(', ')})`);
  }
  for (const part of body.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = equals === -1 ? part : part.slice(0, equals);
    let value: string;
    try {
      value = decodeURIComponent(equals === -1 ? '' : part.slice(equals + 1));
    } catch {
      problems.push(`"${key}" in the link is not readable`);
      continue;
    }
    if (key === DATA_KEY) {
      data = decodeData(value, problems);
      continue;
    }
    if (key === MODEL_KEY) continue;
    if (key === SETTINGS_KEY) {
      if (isSettingsBase(value)) base = value;
      else problems.push(`the link's settings "${value}" are unknown (known: ${SETTINGS_BASES.join(', ')})`);
      continue;
    }
    const spec = findModelOption(model, key);
    if (!spec || spec.flag !== key) {
      const other: ModelName = model === 'gan' ? 'flow' : 'gan';
      const theirs = findModelOption(other, key);
      problems.push(theirs && theirs.flag === key ? `the link's option "${key}" is the ${other === 'gan' ? 'GAN' : 'flow'}'s only; it was ignored` : `the link's option "${key}" is unknown`);
      continue;
    }
    try {
      given[spec.key] = parseOptionValue(spec, value);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (given.gpWeight !== undefined && given.loss !== 'wgan-gp') {
    delete given.gpWeight;
    problems.push('the link gives gp-weight without loss=wgan-gp; it was ignored');
  }
  return { given, data, base, model, problems };
}
