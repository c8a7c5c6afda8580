/**
 * The training options as a form, generated from the model's table (core/gan/config.ts for
 * the GAN, core/flow/config.ts for a flow), so the page offers every option of `gan2d train`
 * (`--model flow`) with the same names, ranges, defaults and help. Grouped by where people
 * look for them; an option both models have keeps its place, and the other model's options
 * are hidden and disabled. An option the groups do not name still appears, under "More".
 */
import { describeRange, formatValue, parseOptionValue } from '../core/gan/config.js';
import type { ModelName } from '../core/flow/config.js';
import { allOptions, findModelOption, resolveModelRun, type AnyOptionSpec, type GivenOptions, type OptionKey } from './model-options.js';
import { plainWords } from './option-words.js';

type Key = OptionKey;
type OptionSpec = AnyOptionSpec;

interface Group {
  title: string;
  keys: Key[];
  open: boolean;
}

const GROUPS: Group[] = [
  { title: 'Objective', keys: ['loss', 'gpWeight', 'r1Weight', 'timeSampling'], open: true },
  { title: 'Optimizer', keys: ['optimizer', 'dLr', 'gLr', 'lr', 'batchSize', 'dSteps', 'gSteps'], open: true },
  { title: 'Sampling', keys: ['odeSolver', 'odeSteps', 'odeSpacing'], open: true },
  { title: 'Stabilisers', keys: ['emaDecay', 'lrDecay', 'adamBeta1', 'dAdamBeta1', 'adamBeta2', 'dataScale'], open: false },
  { title: 'Networks', keys: ['zDim', 'gHidden', 'dHidden', 'hidden', 'activation', 'dActivation', 'fourierFeatures', 'timeFeatures'], open: false },
  { title: 'Run', keys: ['seed', 'iterations', 'displayInterval', 'threads'], open: false },
];

/** Options about files the CLI writes (the page has its own buttons for those), and the CLI run's wall-time limit. */
const NOT_IN_PAGE: ReadonlySet<Key> = new Set<Key>(['checkpointInterval', 'exportSamples', 'samplesFormat', 'timeLimit']);

/**
 * Options the page leaves unset unless the user asks for them, with a switch before the field:
 * the page trains until paused, so "Stop after" is off until switched on (or given by a link).
 */
const SWITCHED: Partial<Record<Key, string>> = {
  iterations: 'Stop by itself after a number of iterations',
};

/** Labels in words; the flag is shown beside each, so the CLI name is never far. */
const LABELS: Partial<Record<Key, string>> = {
  zDim: 'z size',
  iterations: 'Stop after (iterations)',
  batchSize: 'Batch size',
  optimizer: 'Optimizer',
  dLr: 'D learning rate',
  gLr: 'G learning rate',
  dSteps: 'D steps per iteration',
  gSteps: 'G steps per iteration',
  dHidden: 'D hidden layers',
  gHidden: 'G hidden layers',
  activation: 'Activation',
  dActivation: "D's activation",
  displayInterval: 'Chart every (iterations)',
  loss: 'Loss',
  gpWeight: 'Gradient penalty weight',
  r1Weight: 'R1 penalty weight',
  emaDecay: "Average of G's weights (decay)",
  lrDecay: 'Learning rates land over (last fraction)',
  adamBeta1: 'Adam β1',
  dAdamBeta1: "D's Adam β1",
  adamBeta2: 'Adam β2',
  dataScale: 'Data scale (mixtures)',
  seed: 'Seed',
  threads: 'Threads',
  hidden: 'Velocity network hidden layers',
  lr: 'Learning rate',
  fourierFeatures: 'Fourier features of a point',
  timeFeatures: 'Time features',
  timeSampling: 'Time sampling',
  odeSolver: 'ODE solver',
  odeSteps: 'ODE steps',
  odeSpacing: 'Step spacing',
};

/** Labels that differ for a flow: its one network has the average. */
const FLOW_LABELS: Partial<Record<Key, string>> = {
  emaDecay: "Average of the network's weights (decay)",
};

export interface OptionForm {
  /**
   * Shows a state: the values given, then the base's (the density's recommended settings, or a
   * preset's) for the rest, then the defaults. Edits go into the given values only.
   */
  show(given: GivenOptions, base?: GivenOptions, model?: ModelName): void;
  /** Called with the new given options after every valid edit, and the key that changed. */
  onChange(listener: (given: GivenOptions, changed: Key) => void): void;
}

function stepFor(spec: OptionSpec): string {
  return spec.kind === 'integer' ? '1' : 'any';
}

export function buildOptionForm(form: HTMLFormElement): OptionForm {
  let given: GivenOptions = {};
  let base: GivenOptions = {};
  let model: ModelName = 'gan';
  const listeners: ((given: GivenOptions, changed: Key) => void)[] = [];
  const inputs = new Map<Key, HTMLInputElement | HTMLSelectElement>();
  const rows = new Map<Key, HTMLElement>();
  const errors = new Map<Key, HTMLElement>();
  const labels = new Map<Key, HTMLLabelElement>();
  const plains = new Map<Key, HTMLElement>();
  const flags = new Map<Key, HTMLElement>();
  const sections: { details: HTMLDetailsElement; keys: Key[] }[] = [];
  const switches = new Map<Key, HTMLInputElement>();

  const placed = new Set<Key>(GROUPS.flatMap((g) => g.keys));
  const options = allOptions();
  const leftovers = options.filter((s) => !placed.has(s.key) && !NOT_IN_PAGE.has(s.key)).map((s) => s.key);
  const groups = leftovers.length > 0 ? [...GROUPS, { title: 'More', keys: leftovers, open: false }] : GROUPS;

  for (const group of groups) {
    const details = document.createElement('details');
    details.open = group.open;
    const summary = document.createElement('summary');
    summary.textContent = group.title;
    details.append(summary);
    for (const key of group.keys) {
      const spec = options.find((s) => s.key === key);
      if (!spec) continue;
      details.append(buildRow(spec));
    }
    sections.push({ details, keys: group.keys });
    form.append(details);
  }
  form.addEventListener('submit', (event) => event.preventDefault());

  function buildRow(spec: OptionSpec): HTMLElement {
    const row = document.createElement('div');
    row.className = 'option';
    const id = `option-${spec.flag}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = LABELS[spec.key] ?? spec.flag;
    let input: HTMLInputElement | HTMLSelectElement;
    if (spec.kind === 'choice') {
      const select = document.createElement('select');
      for (const choice of spec.choices) select.add(new Option(choice, choice));
      input = select;
    } else {
      const field = document.createElement('input');
      if (spec.kind === 'layers') {
        field.type = 'text';
        field.inputMode = 'numeric';
        field.autocomplete = 'off';
      } else {
        field.type = 'number';
        field.min = String(spec.min);
        field.max = String(spec.max);
        field.step = stepFor(spec);
      }
      input = field;
    }
    input.id = id;
    input.name = spec.flag;
    // First in plain words, then the CLI's flag and its own help.
    const help = document.createElement('span');
    help.className = 'help';
    help.id = `${id}-help`;
    const plain = document.createElement('span');
    plain.className = 'plain';
    plain.textContent = plainWords('gan', spec.key) ?? spec.help;
    const flag = document.createElement('span');
    flag.className = 'flag';
    flag.textContent = `--${spec.flag}: ${spec.help}`;
    help.append(plain, flag);
    const error = document.createElement('span');
    error.className = 'error-text';
    error.id = `${id}-error`;
    error.setAttribute('role', 'alert');
    input.setAttribute('aria-describedby', `${help.id} ${error.id}`);
    input.title = describeRange(spec);
    input.addEventListener('change', () => commit(spec.key, input));
    const switchText = SWITCHED[spec.key];
    if (switchText !== undefined) {
      const toggle = document.createElement('input');
      toggle.type = 'checkbox';
      toggle.id = `${id}-on`;
      const wrap = document.createElement('label');
      wrap.className = 'check';
      wrap.append(toggle, ` ${switchText}`);
      toggle.addEventListener('change', () => {
        if (toggle.checked) {
          input.disabled = false;
          commit(spec.key, input);
          return;
        }
        const next: GivenOptions = { ...given };
        delete next[spec.key];
        given = next;
        show(given, base);
        for (const listener of listeners) listener(given, spec.key);
      });
      switches.set(spec.key, toggle);
      row.append(wrap);
    }
    row.append(label, input, help, error);
    labels.set(spec.key, label);
    plains.set(spec.key, plain);
    flags.set(spec.key, flag);
    inputs.set(spec.key, input);
    rows.set(spec.key, row);
    errors.set(spec.key, error);
    return row;
  }

  function commit(key: Key, input: HTMLInputElement | HTMLSelectElement): void {
    const spec = findModelOption(model, key);
    if (!spec) return; // another model's option: its row is hidden and disabled
    const error = errors.get(spec.key);
    let value: unknown;
    try {
      value = parseOptionValue(spec, input.value.trim());
    } catch {
      input.setAttribute('aria-invalid', 'true');
      if (error) error.textContent = `Expected ${describeRange(spec)}.`;
      return;
    }
    input.removeAttribute('aria-invalid');
    if (error) error.textContent = '';
    const next: GivenOptions = { ...given, [spec.key]: value };
    if (spec.key === 'optimizer') {
      // The learning rates follow the optimizer's default unless the user set them.
      if (given.dLr === undefined) delete next.dLr;
      if (given.gLr === undefined) delete next.gLr;
    }
    if (model === 'gan' && { ...base, ...next }.loss !== 'wgan-gp') delete next.gpWeight;
    given = next;
    show(given, base);
    for (const listener of listeners) listener(given, spec.key);
  }

  function show(state: GivenOptions, under: GivenOptions = {}, nextModel: ModelName = model): void {
    given = { ...state };
    base = { ...under };
    model = nextModel;
    const config = resolveModelRun(model, { ...base, ...given }).config as unknown as Record<Key, unknown>;
    for (const [key, input] of inputs) {
      // The other model's options: hidden, and disabled so that no edit reaches a run.
      const spec = findModelOption(model, key);
      const row = rows.get(key);
      if (row) row.hidden = spec === undefined;
      if (!spec) {
        input.disabled = true;
        continue;
      }
      input.disabled = false;
      // A shared option keeps its row; its default and help are the model's.
      const label = labels.get(key);
      if (label) label.textContent = (model === 'flow' ? FLOW_LABELS[key] : undefined) ?? LABELS[key] ?? spec.flag;
      const plain = plains.get(key);
      if (plain) plain.textContent = plainWords(model, key) ?? spec.help;
      const flag = flags.get(key);
      if (flag) flag.textContent = `--${spec.flag}: ${spec.help}`;
      input.title = describeRange(spec);
      input.value = formatValue(config[spec.key]);
      input.removeAttribute('aria-invalid');
      const error = errors.get(spec.key);
      if (error) error.textContent = '';
      const toggle = switches.get(spec.key);
      if (toggle) {
        toggle.checked = given[spec.key] !== undefined;
        input.disabled = !toggle.checked;
      }
    }
    // The gradient penalty weight only means something for the WGAN-GP loss.
    const gp = inputs.get('gpWeight');
    if (gp && model === 'gan') {
      gp.disabled = config.loss !== 'wgan-gp';
      rows.get('gpWeight')?.classList.toggle('disabled', gp.disabled);
    }
    for (const section of sections) section.details.hidden = section.keys.every((key) => rows.get(key)?.hidden ?? true);
  }

  return {
    show,
    onChange: (listener) => listeners.push(listener),
  };
}
