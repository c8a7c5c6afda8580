/**
 * Each training option in plain words: the first line under its field on the page, before
 * the CLI's own flag and help (core/gan/config.ts), for a learner who knows no GAN jargon yet.
 */
import type { TrainConfig } from '../core/gan/config.js';
import type { FlowConfig, ModelName } from '../core/flow/config.js';

export const PLAIN_WORDS: Readonly<Partial<Record<keyof TrainConfig, string>>> = {
  loss: 'the rule that scores D and G: how each is told it did well or badly',
  gpWeight: 'how strongly D is kept smooth (only for the wgan-gp rule)',
  r1Weight: 'how strongly D is kept from changing sharply around the real points',
  optimizer: 'the method that turns each score into changes of the networks’ weights',
  dLr: 'how big a change D makes at each step',
  gLr: 'how big a change G makes at each step',
  batchSize: 'how many real and generated points each step looks at',
  dSteps: 'how hard D is trained for each G step: D steps per iteration',
  gSteps: 'G steps per iteration, after D’s',
  emaDecay: 'G’s points come from a slowly moving average of its weights, which wobbles less',
  lrDecay: 'the steps shrink to nothing over this last part of the run, so it settles',
  adamBeta1: 'how much each step of Adam keeps going in the direction of the last ones',
  dAdamBeta1: 'D’s own β1, when it should differ from G’s (-1: the same as Adam β1)',
  adamBeta2: 'how slowly Adam adapts its step size to each weight',
  dataScale: 'the mixtures are scaled by this before training (their figures are not)',
  zDim: 'how many random numbers G turns into one point',
  gHidden: 'G’s size: neurons in each hidden layer',
  dHidden: 'D’s size: neurons in each hidden layer',
  dFourier: 'lets D see fine detail: it also sees waves of each coordinate, ever finer',
  dFourierPeriod: 'the length of D’s longest wave; a shape wider than it looks the same to D a wave apart (0: the page chooses)',
  dFourierWarmup: 'D’s finer waves fade in one after another over this first part of the run, so D sees the whole shape before its detail',
  dSpectralNorm: 'keeps D smooth: no layer of D may stretch distances by more than 1',
  pack: 'D judges this many points together, so it can tell a crowd that is too narrow or too clumped',
  activation: 'the bend each neuron applies, which lets the networks draw curves',
  dActivation: 'D’s own bend, when it should differ from G’s (same: the one above)',
  seed: 'the same seed and settings give the very same run',
  iterations: 'train this many iterations, then stop (off: train until paused)',
  displayInterval: 'how often the charts get a point',
  threads: 'how many processor cores train (0: the page chooses)',
};

/** A flow's options in plain words, and the shared ones whose words differ for it (one network, noise carried to data). */
export const FLOW_PLAIN_WORDS: Readonly<Partial<Record<keyof FlowConfig, string>>> = {
  hidden: 'the velocity network’s size: neurons in each hidden layer',
  lr: 'how big a change the network makes at each step',
  batchSize: 'how many (noise, data point) pairs each step looks at',
  emaDecay: 'the points come from a slowly moving average of the network’s weights, which wobbles less',
  fourierFeatures: 'lets the network see fine detail: it also sees waves of each coordinate, ever finer',
  timeFeatures: 'how finely the network tells one time t from another',
  timeSampling: 'which times t between noise and data each step practises: evenly, more of the middle, or more near the data',
  odeSolver: 'the rule that moves each point along the velocity, a small step at a time',
  odeSteps: 'how many small steps carry a point from noise (t = 0) to data (t = 1)',
  odeSpacing: 'evenly spaced steps, or steps that shrink toward the data, where narrow parts pull points in fast',
};

/** An option's plain words for a model (a flow's own first, then the shared table's). */
export function plainWords(model: ModelName, key: keyof TrainConfig | keyof FlowConfig): string | undefined {
  if (model === 'flow') {
    const flow = FLOW_PLAIN_WORDS[key as keyof FlowConfig];
    if (flow !== undefined) return flow;
  }
  return PLAIN_WORDS[key as keyof TrainConfig];
}
