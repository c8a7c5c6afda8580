/**
 * The pre-trained examples the page loads in one click: what each one teaches, and the
 * `gan2d train` run that makes it (scripts/pretrained.ts runs them into
 * src/web/public/pretrained/NAME.json.gz; the page fetches those files). Plain data, read by both.
 */
export interface PretrainedExample {
  /** The file's name in src/web/public/pretrained/ (NAME.json.gz) and the button's id (pretrained-NAME). */
  name: string;
  /** The button's words. */
  label: string;
  /** One line: what the learner should see. */
  caption: string;
  /** `gan2d train`'s input. */
  input: string;
  /**
   * `seed`: the seed demo's settings (--recipe seed), whatever the input's default (for
   * builtin:binary that is its default anyway; stated, so that a default changed later does
   * not change the lesson).
   */
  settings: 'recommended' | 'seed';
  /** Further flags of the run (the script adds --seed 1, --kernels wasm and the intervals). */
  flags: string[];
  iterations: number;
}

export const PRETRAINED_EXAMPLES: readonly PretrainedExample[] = [
  {
    name: 'ring-success',
    label: 'Success',
    caption: 'The ring with its recommended settings: all 8 modes caught, the points sit on them.',
    input: 'builtin:ring',
    settings: 'recommended',
    flags: [],
    iterations: 3000,
  },
  {
    name: 'ring-collapse',
    label: 'Mode collapse',
    caption: "The ring with the seed demo's settings: G covers only a few of the 8 modes, and Play does not fix it.",
    input: 'builtin:ring',
    settings: 'seed',
    flags: [],
    iterations: 2000,
  },
  {
    name: 'binary-plain',
    label: 'Bridge',
    caption: "The seed demo's plain GAN on two discs: one continuous G cannot help leaving a bridge of points between them.",
    input: 'builtin:binary',
    settings: 'seed',
    flags: [],
    iterations: 2000,
  },
  {
    name: 'binary-conditional',
    label: 'No bridge',
    caption: 'The same discs with the disc as a condition: each condition fills its own disc, no bridge.',
    input: 'builtin:binary',
    settings: 'seed',
    flags: ['--conditional'],
    iterations: 2000,
  },
  {
    name: 'ring-oscillation',
    label: 'Oscillation',
    caption: 'Adam 10× too fast and no stabilisers: press Play and watch G hop from mode to mode, never settling.',
    input: 'builtin:ring',
    settings: 'recommended',
    flags: ['--d-lr', '0.01', '--g-lr', '0.01', '--r1-weight', '0', '--ema-decay', '0', '--lr-decay', '0'],
    iterations: 2000,
  },
];

/**
 * `gan2d train`'s arguments that make `example` (after `train`), but for --out: fixed seed and
 * WebAssembly kernels so that the run is the same on every machine, one checkpoint at the end.
 * The seed demo's settings are its recipe (--recipe seed), whatever the input's default.
 */
export function trainArguments(example: PretrainedExample): string[] {
  const seedFlags = example.settings === 'seed' ? ['--recipe', 'seed'] : [];
  return [
    example.input, ...seedFlags, ...example.flags,
    '--iterations', String(example.iterations), '--seed', '1', '--kernels', 'wasm',
    '--display-interval', '100', '--checkpoint-interval', String(example.iterations),
  ];
}
