/**
 * The GAN objectives, on D's raw outputs (logits or critic values), one per --loss,
 * and the two gradient penalties. Each D objective is split into its real and fake
 * parts (D's loss is their sum) so a run can report both. The penalties differentiate
 * D's output with respect to its input points with the tape's createGraph, so their own
 * gradient (second order) comes from differentiating the backward pass.
 */
import { grad } from '../nn/autograd.js';
import { bceWithLogits, mse } from '../nn/losses.js';
import { activation } from '../nn/ops/activation.js';
import { addScalar, scale, sqrt, square } from '../nn/ops/elementwise.js';
import { mean, rowSums } from '../nn/ops/reduce.js';
import type { Var } from '../nn/tape.js';
import type { LossName } from './config.js';

export interface GanLoss {
  /** D's loss on real and on fake points; D minimises their sum. */
  discriminator(dReal: Var, dFake: Var): { real: Var; fake: Var };
  /** G's loss on D's outputs for G's points. */
  generator(dFake: Var): Var;
}

const negativeMean = (x: Var): Var => scale(mean(x), -1);
const relu = (x: Var): Var => activation(x, 'relu');

const LOSSES: Record<LossName, GanLoss> = {
  // The seed demo's: D by binary cross-entropy; G maximises log D(G(z)) (BCE against 1).
  nonsaturating: {
    discriminator: (dReal, dFake) => ({ real: bceWithLogits(dReal, 1), fake: bceWithLogits(dFake, 0) }),
    generator: (dFake) => bceWithLogits(dFake, 1),
  },
  // Goodfellow et al.'s original game: G minimises log(1 - D(G(z))) = -BCE(D(G(z)), 0).
  minimax: {
    discriminator: (dReal, dFake) => ({ real: bceWithLogits(dReal, 1), fake: bceWithLogits(dFake, 0) }),
    generator: (dFake) => scale(bceWithLogits(dFake, 0), -1),
  },
  // Least squares (Mao et al., targets 0 and 1, with their ½).
  lsgan: {
    discriminator: (dReal, dFake) => ({ real: scale(mse(dReal, 1), 0.5), fake: scale(mse(dFake, 0), 0.5) }),
    generator: (dFake) => scale(mse(dFake, 1), 0.5),
  },
  // Wasserstein critic: E D(fake) - E D(real); the gradient penalty is added by the trainer.
  'wgan-gp': {
    discriminator: (dReal, dFake) => ({ real: negativeMean(dReal), fake: mean(dFake) }),
    generator: negativeMean,
  },
  // Hinge (Lim & Ye; Miyato et al.): E relu(1 - D(real)) + E relu(1 + D(fake)); G: -E D(fake).
  hinge: {
    discriminator: (dReal, dFake) => ({ real: mean(relu(addScalar(scale(dReal, -1), 1))), fake: mean(relu(addScalar(dFake, 1))) }),
    generator: negativeMean,
  },
};

export function ganLoss(name: LossName): GanLoss {
  return LOSSES[name];
}

/** Keeps the norm's derivative finite where the gradient vanishes. */
const NORM_EPSILON = 1e-12;

/**
 * WGAN-GP (Gulrajani et al.): weight · E (‖∇ₓ D(x̂)‖ − 1)², where x̂ are points between
 * real and fake ones. `points` must require grad; `output` is D at those points.
 */
export function gradientPenalty(output: Var, points: Var, weight: number): Var {
  const [gradient] = grad([output], [points], { createGraph: true });
  const norm = sqrt(addScalar(rowSums(square(gradient)), NORM_EPSILON));
  return scale(mean(square(addScalar(norm, -1))), weight);
}

/** R1 (Mescheder et al.): γ/2 · E ‖∇ₓ D(x)‖² over real points. `points` must require grad. */
export function r1Penalty(output: Var, points: Var, weight: number): Var {
  const [gradient] = grad([output], [points], { createGraph: true });
  return scale(mean(rowSums(square(gradient))), weight / 2);
}
