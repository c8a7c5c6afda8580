// Training iterations per second of the engine on the three GAN speed presets and the flow preset
// (the flow's iteration with the small preset's hidden layers and batch), on 1 and 2 threads,
// with WebAssembly kernels alone and with the machine's BLAS for the products (--kernels native,
// when it loads), beside PyTorch running the same iteration (../shared/bench/torch_gan2d.py; for
// the flow, bench/torch_flow2d.py) in the same run, the ratio ours / best PyTorch for each kind of
// kernels, and the flow's iteration cost over the small GAN step's (issue 14: at most 1).
// Compare with the pin off on both sides: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE npm run bench -- engine
// Run alone: node dist/bench/engine.js [preset ...]   (or npm run bench -- engine)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNativeBlas, NATIVE_BLAS_THREADS } from '../src/node/engine/native-blas.js';
import { createNodeWasmEngine } from '../src/node/engine/threads.js';
import { runPresetIterations, type Preset } from './engine-step.js';
import { runFlowIterations } from './engine-flow-step.js';

/** The GAN presets and the flow's. */
type EnginePreset = Preset | 'flow';
const PRESETS: readonly EnginePreset[] = ['seed', 'small', 'large', 'flow'];
const THREADS = [1, 2] as const;
type KernelKind = 'wasm' | 'native';
/** ours / PyTorch (issue 15): the floor each GAN preset must reach, and what we aim for, by kernels (the flow has no such bar). */
const TARGET: Record<KernelKind, Record<Preset, number>> = {
  wasm: { seed: 2.0, small: 1.2, large: 0.4 },
  native: { seed: 2.0, small: 1.2, large: 1.0 },
};
const AIM: Record<KernelKind, Record<Preset, number>> = {
  wasm: { seed: 2.0, small: 1.5, large: 0.5 },
  native: { seed: 2.0, small: 1.5, large: 1.3 },
};
/** Timed iterations a round (ours; PyTorch's are in TORCH_ARGS); the best of ROUNDS rounds counts. */
const ITERATIONS: Record<EnginePreset, number> = { seed: 150, small: 300, large: 8, flow: 300 };
const ROUNDS = 3;
const TORCH_ARGS: Record<EnginePreset, string[]> = {
  seed: ['--warmup', '20', '--iters', '200'],
  small: ['--warmup', '50', '--iters', '300'],
  large: ['--warmup', '3', '--iters', '20'],
  flow: ['--warmup', '50', '--iters', '300'],
};
/** The flow's iteration may cost at most this many of the same MLP's GAN step (issue 14). */
const FLOW_COST_LIMIT = 1;

const PYTHON = '/usr/bin/python3';
const repositoryRoot = join(fileURLToPath(import.meta.url), '..', '..', '..');
/** The GAN's peer is shared with the other GAN tools; the flow's lives in this repository. */
const torchScripts = {
  gan: join(repositoryRoot, '..', 'shared', 'bench', 'torch_gan2d.py'),
  flow: join(repositoryRoot, 'bench', 'torch_flow2d.py'),
};
const torchScriptOf = (preset: EnginePreset): string => (preset === 'flow' ? torchScripts.flow : torchScripts.gan);

/** Why PyTorch cannot be measured here, or null when it can. */
function torchUnavailable(): string | null {
  const missing = Object.values(torchScripts).find((script) => !existsSync(script));
  if (missing !== undefined) return `${missing} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} has no torch module (apt-get install python3-torch libopenblas0-pthread)`;
  return null;
}

function torchRate(preset: EnginePreset, threads: number): number {
  const result = spawnSync(PYTHON, [torchScriptOf(preset), '--preset', preset, '--threads', String(threads), ...TORCH_ARGS[preset]], {
    encoding: 'utf8',
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  if (result.status !== 0) throw new Error(`${torchScriptOf(preset)} --preset ${preset} --threads ${threads} failed: ${result.stderr.trim()}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  const rate = (JSON.parse(line) as { iters_per_second: number }).iters_per_second;
  return rate;
}

/** Best of ROUNDS rounds: the machine is shared, and a round that lost its core says nothing. Also the kernels' name. */
async function oursRate(preset: EnginePreset, threads: number, kind: KernelKind): Promise<{ rate: number; kernels: string }> {
  const blas = kind === 'native' ? await loadNativeBlas(NATIVE_BLAS_THREADS) : null;
  if (blas !== null && blas.gemm === null) throw new Error(blas.reason);
  const engine = await createNodeWasmEngine({ threads, ...(blas?.gemm ? { nativeGemm: blas.gemm } : {}) });
  try {
    let best = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const warmup = round === 0 ? 5 : 1;
      const rate = preset === 'flow'
        ? runFlowIterations(engine, ITERATIONS.flow, warmup)
        : runPresetIterations(engine, preset, ITERATIONS[preset], warmup);
      best = Math.max(best, rate);
    }
    return { rate: best, kernels: engine.kernels.name };
  } finally {
    await engine.dispose();
  }
}

/** Conditions of the conditional line: the seed MLP with a one-hot condition beside its inputs. */
const CONDITIONS = [2, 5, 10] as const;
/** A conditional iteration may cost at most this many plain ones (issue 15). */
const CONDITIONAL_LIMIT = 1.15;
/** Short rounds, many of them, interleaved: each kind meets the same moments of a busy machine. */
const CONDITIONAL_ROUNDS = 12;
const CONDITIONAL_ITERATIONS = 40;
/** The process's CPU time in milliseconds: on one thread, what the iterations cost, however busy the machine. */
const cpuClock = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * The seed preset plain and with each of CONDITIONS, one thread, rounds interleaved: best
 * iterations/s of each by CPU time, the cost ratio plain / conditional of the bests, and the
 * spread of the ratio over rounds (each round's conditional against the same round's plain).
 */
async function conditionalLines(): Promise<void> {
  const engine = await createNodeWasmEngine({ threads: 1 });
  try {
    const kinds = [0, ...CONDITIONS];
    const rates = new Map<number, number[]>(kinds.map((c) => [c, []]));
    for (let round = 0; round < CONDITIONAL_ROUNDS; round++) {
      for (const c of kinds) rates.get(c)!.push(runPresetIterations(engine, 'seed', CONDITIONAL_ITERATIONS, round === 0 ? 5 : 1, c, cpuClock));
    }
    const plainRates = rates.get(0)!, plain = Math.max(...plainRates);
    console.log(
      `conditional seed MLP, WebAssembly kernels, 1 thread, by CPU time, best of ${CONDITIONAL_ROUNDS} interleaved rounds: plain ${format(plain).trim()} it/s;`
      + ` cost ratio = plain it/s / conditional it/s (limit ${CONDITIONAL_LIMIT}), then the median and range over rounds`,
    );
    for (const c of CONDITIONS) {
      const conditional = rates.get(c)!;
      const ratio = plain / Math.max(...conditional);
      const perRound = conditional.map((rate, round) => plainRates[round] / rate).sort((a, b) => a - b);
      const median = perRound[perRound.length >> 1];
      console.log(
        `  ${String(c).padStart(2)} conditions ${format(Math.max(...conditional))} it/s  ratio ${ratio.toFixed(2)}${ratio <= CONDITIONAL_LIMIT ? '' : '  ABOVE LIMIT'}`
        + `  (rounds: median ${median.toFixed(2)}, ${perRound[0].toFixed(2)}–${perRound[perRound.length - 1].toFixed(2)})`,
      );
    }
  } finally {
    await engine.dispose();
  }
}

const format = (rate: number): string => rate.toFixed(rate < 10 ? 2 : 1).padStart(8);

/**
 * The flow's iteration cost over the small GAN step's, from the best rates of this run: small
 * it/s over flow it/s, per kind of kernels, and PyTorch's own for comparison.
 */
function flowCostLines(best: Map<string, number>, kinds: readonly KernelKind[]): void {
  console.log(`flow / GAN: the flow preset's iteration cost over the small preset's step (the same hidden layers and batch) = small it/s / flow it/s, best over threads (limit ${FLOW_COST_LIMIT})`);
  for (const kind of [...kinds, 'torch'] as const) {
    const small = best.get(`small/${kind}`), flow = best.get(`flow/${kind}`);
    if (small === undefined || flow === undefined) continue;
    const ratio = small / flow;
    const verdict = kind === 'torch' ? '(PyTorch, for comparison)' : ratio <= FLOW_COST_LIMIT ? 'met' : 'ABOVE LIMIT';
    console.log(`  ${kind.padEnd(7)} small ${format(small)} it/s  flow ${format(flow)} it/s  ratio ${ratio.toFixed(2)}  ${verdict}`);
  }
}

export async function run(presets: readonly EnginePreset[] = PRESETS): Promise<void> {
  const missing = torchUnavailable();
  if (missing !== null) console.log(`PyTorch is absent, so no comparison: ${missing}`);
  const blas = await loadNativeBlas(1);
  const kinds: KernelKind[] = blas.gemm === null ? ['wasm'] : ['wasm', 'native'];
  if (blas.gemm === null) console.log(`no native BLAS, so WebAssembly kernels only: ${blas.reason}`);
  const pinned = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'].filter((name) => process.env[name] !== undefined);
  if (pinned.length > 0) console.log(`note: ${pinned.join(', ')} set: our OpenBLAS runs pinned while the PyTorch peer drops the pin (run with env -u ${pinned.join(' -u ')})`);
  console.log(`iterations/s (higher is better), best of ${ROUNDS} rounds; ratio = best ours / best PyTorch over threads 1 and 2; native: OpenBLAS on ${NATIVE_BLAS_THREADS} thread beside the engine's`);
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}; load average ${loadavg()[0].toFixed(2)} at the start`);
  console.log(`${'preset'.padEnd(7)}${'kernels'.padEnd(8)}${'ours 1T'.padStart(9)}${'ours 2T'.padStart(9)}${missing === null ? `${'torch 1T'.padStart(9)}${'torch 2T'.padStart(9)}${'ratio'.padStart(8)}  target / aim` : ''}`);
  const names = new Set<string>();
  /** Best iterations/s over threads, by "preset/kernels" (kernels: wasm, native or torch). */
  const best = new Map<string, number>();
  for (const preset of presets) {
    let torch: number[] | null = null;
    if (missing === null) {
      try {
        torch = THREADS.map((threads) => torchRate(preset, threads));
        best.set(`${preset}/torch`, Math.max(...torch));
      } catch (error) {
        console.log(`${preset}  (PyTorch failed: ${(error as Error).message})`);
      }
    }
    for (const kind of kinds) {
      const ours = [];
      for (const threads of THREADS) {
        const measured = await oursRate(preset, threads, kind);
        names.add(measured.kernels);
        ours.push(measured.rate);
      }
      best.set(`${preset}/${kind}`, Math.max(...ours));
      let line = `${preset.padEnd(7)}${kind.padEnd(7)} ${ours.map(format).join(' ')}`;
      if (torch !== null) {
        const ratio = Math.max(...ours) / Math.max(...torch);
        line += ` ${torch.map(format).join(' ')} ${ratio.toFixed(2).padStart(7)}  `;
        if (preset === 'flow') {
          line += '(no target)';
        } else {
          const target = TARGET[kind][preset], aim = AIM[kind][preset];
          const verdict = ratio >= aim ? 'aim met' : ratio >= target ? 'target met' : 'BELOW TARGET';
          line += `>= ${target} / ${aim}: ${verdict}`;
        }
      }
      console.log(line);
    }
  }
  console.log(`kernels that ran: ${[...names].join(', ')}`);
  if (presets.includes('small') && presets.includes('flow')) flowCostLines(best, kinds);
  if (presets.includes('seed')) await conditionalLines();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !PRESETS.includes(name as EnginePreset));
  if (unknown.length > 0) {
    process.stderr.write(`bench/engine: unknown preset ${unknown.join(', ')}; known: ${PRESETS.join(', ')}\n`);
    process.exit(1);
  }
  await run(wanted.length > 0 ? (wanted as EnginePreset[]) : PRESETS);
}
