// What every model family shares: the training target, the split of a batch between conditions, the model interface, the figures, the schedule and the weight average.
export * from './condition-split.js';
export * from './ema.js';
export * from './evaluation.js';
export * from './final-evaluation.js';
export * from './model.js';
export * from './schedule.js';
export * from './target.js';
