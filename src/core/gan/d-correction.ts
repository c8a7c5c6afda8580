/**
 * "G + D-correction": a GAN run's points drawn from G and corrected by D's density-ratio
 * estimate (rejection-sampling.ts, mh-sampling.ts), condition by condition (D reads the
 * condition's one-hot as in training). It is a sampler of its own, G and D together, and every
 * figure of it is labelled as such (correctionLabel), never as G's.
 */
import { UserError } from '../errors.js';
import { parseChoice } from '../option-values.js';
import type { Target } from '../density/target.js';
import type { Engine } from '../nn/engine.js';
import { noGrad, Var } from '../nn/tape.js';
import { Rng } from '../rng.js';
import { CHECKPOINT_FORMAT, type TrainerCheckpoint } from './checkpoint.js';
import { logRatioReader, type RatioProposals } from './density-ratio.js';
import { forwardByCondition } from './generator-input.js';
import { metropolisHastings, MH_DEFAULTS } from './mh-sampling.js';
import { buildDiscriminator, loadDiscriminator } from './networks.js';
import { REFIT_BATCH, REFIT_LAYERS, REFIT_SETTINGS, refitDiscriminator, type RefitLayers } from './d-refit.js';
import { requestRows } from '../model/condition-split.js';
import { sampleRows } from '../model/target.js';
import { REJECTION_DEFAULTS, rejectionSample } from './rejection-sampling.js';
import { restoreGenerator } from './saved-generator.js';

export const D_CORRECTIONS = ['drs', 'mh'] as const;
export type CorrectionName = (typeof D_CORRECTIONS)[number];

/** D is run on this many points at a time (bounds the engine memory of a call). */
const D_CHUNK = 8192;

/** What every output of a corrected sampler is called. */
export function correctionLabel(method: CorrectionName, calibration?: RefitLayers): string {
  return `G + D-correction (${method}${calibration === undefined ? '' : `, D refit: ${calibration}`})`;
}

/** The target's parts (one per condition) and a stream, to calibrate D on (d-refit.ts), and which layers to refit. */
export interface CalibrationSource {
  layers: RefitLayers;
  parts: readonly Target[];
  rng: Rng;
}

/** The sampler eval and generate were asked for: G alone (no method) or G + D-correction, D refit first or not. */
export interface CorrectionChoice {
  method?: CorrectionName;
  calibrate?: RefitLayers;
}

/** --d-correction and --d-calibrate as given (either may be absent), checked: a calibration needs a method. */
export function parseCorrectionOptions(options: { dCorrection?: string; dCalibrate?: string }): CorrectionChoice {
  const method = options.dCorrection === undefined ? undefined : parseChoice(options.dCorrection, '--d-correction', D_CORRECTIONS);
  const calibrate = options.dCalibrate === undefined ? undefined
    : parseChoice(options.dCalibrate, '--d-calibrate', REFIT_LAYERS, " (D's last layer, or all of D)");
  if (calibrate !== undefined && method === undefined) throw new UserError('--d-calibrate: applies with --d-correction drs|mh only');
  return { method, calibrate };
}

export interface CorrectionReport {
  label: string;
  method: CorrectionName;
  /** Which of D's layers were refit before sampling; absent: D as trained. */
  calibration?: RefitLayers;
  /** G's points drawn, over all conditions (DRS's burn-in and the calibration's not counted). */
  proposals: number;
  /** DRS: the share of proposals kept; MH: the share of proposed moves accepted. */
  acceptance: number;
}

/** How a corrected draw went, in words: what share was accepted out of how many of G's points. */
export function correctionFacts(report: CorrectionReport): string {
  const share = `${(100 * report.acceptance).toFixed(1)}%`;
  const proposals = report.proposals.toLocaleString('en-US');
  return report.method === 'drs' ? `kept ${share} of ${proposals} of G's points` : `${share} of moves accepted, ${proposals} of G's points`;
}

export interface CorrectedGenerator {
  readonly conditionCount: number;
  rowsFor(n: number, condition?: number): number[];
  /** Points for each condition's rows, interleaved (x, y), and how they were drawn. */
  generate(rowsPerCondition: readonly number[], rng: Rng, method: CorrectionName): { points: Float32Array; report: CorrectionReport };
}

/** A run's checkpoint as one that can be corrected, or a one-line refusal naming `source`. */
export function correctableCheckpoint(checkpoint: { format: string; model?: string }, source: string): TrainerCheckpoint {
  if (checkpoint.format !== CHECKPOINT_FORMAT || checkpoint.model !== undefined) {
    throw new UserError(`--d-correction: ${source} is a ${checkpoint.model ?? 'non-GAN'} run; it has no discriminator to correct its samples with (GAN runs only)`);
  }
  const gan = checkpoint as TrainerCheckpoint;
  if (gan.config.pack > 1) {
    throw new UserError(`--d-correction: ${source} was trained with --pack ${gan.config.pack}; its D judges ${gan.config.pack} points together, not one point's density ratio`);
  }
  logRatioReader(gan.config.loss); // refuses a loss whose D is no ratio estimate
  return gan;
}

/** G and D of a checkpoint as a corrected sampler; with `calibration`, D is refit first (its last layer or all of it, d-refit.ts). */
export function restoreCorrectedGenerator(engine: Engine, checkpoint: TrainerCheckpoint, calibration?: CalibrationSource): CorrectedGenerator {
  const { config, target } = checkpoint;
  const generator = restoreGenerator(engine, checkpoint);
  const conditionCount = generator.conditionCount;
  const discriminator = buildDiscriminator(engine, config, conditionCount, new Rng(0));
  loadDiscriminator(discriminator, checkpoint);
  if (calibration !== undefined) {
    const { parts, rng, layers } = calibration;
    refitDiscriminator(engine, discriminator, conditionCount,
      (rows, out) => sampleRows(parts, rows, rng, out),
      (rows) => generator.generate(rows, rng),
      { layers, ...REFIT_SETTINGS[layers], rowsPerCondition: requestRows(REFIT_BATCH, target.masses) });
  }
  // A refit D's output is a BCE logit, whatever loss D was trained with.
  const readLogRatio = logRatioReader(calibration === undefined ? config.loss : 'nonsaturating');

  /** D's log-ratio at points of condition c (c = 0 for a plain run). */
  const logRatios = (points: Float32Array, condition: number): Float64Array => {
    const count = points.length / 2;
    const out = new Float64Array(count);
    noGrad(() => {
      for (let done = 0; done < count; done += D_CHUNK) {
        const rows = Math.min(D_CHUNK, count - done);
        const mark = engine.arena.mark();
        try {
          const x = Var.scratch(engine, rows, 2);
          x.value.data.set(points.subarray(2 * done, 2 * (done + rows)));
          const split = Array.from({ length: conditionCount }, (_, c) => (c === condition ? rows : 0));
          const values = forwardByCondition(engine, discriminator, x, conditionCount, split).value.data;
          for (let i = 0; i < rows; i++) out[done + i] = readLogRatio(values[i]);
        } finally {
          engine.arena.release(mark);
        }
      }
    });
    return out;
  };

  const proposalsFor = (condition: number, rng: Rng): RatioProposals => ({
    propose: (count) => generator.generate(conditionCount === 0 ? [count] : generator.rowsFor(count, condition), rng),
    logRatio: (points) => logRatios(points, condition),
  });

  return {
    conditionCount,
    rowsFor: generator.rowsFor,
    generate(rowsPerCondition, rng, method) {
      const total = rowsPerCondition.reduce((a, b) => a + b, 0);
      const points = new Float32Array(2 * total);
      let proposals = 0, accepted = 0, moves = 0, offset = 0;
      rowsPerCondition.forEach((n, condition) => {
        if (n === 0) return;
        const source = proposalsFor(condition, rng);
        const drawn = method === 'drs' ? rejectionSample(source, n, rng, REJECTION_DEFAULTS) : metropolisHastings(source, n, rng, MH_DEFAULTS);
        points.set(drawn.points, 2 * offset);
        offset += n;
        proposals += drawn.proposals;
        accepted += drawn.accepted;
        // DRS's acceptance is per proposal; MH's per proposed move (a chain's start is no move).
        moves += method === 'drs' ? drawn.proposals : drawn.proposals - n;
      });
      const report: CorrectionReport = {
        label: correctionLabel(method, calibration?.layers),
        method,
        ...(calibration === undefined ? {} : { calibration: calibration.layers }),
        proposals,
        acceptance: moves === 0 ? NaN : accepted / moves,
      };
      return { points, report };
    },
  };
}
