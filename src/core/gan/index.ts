// The GAN: its config and options, losses, networks, the trainer and its checkpoints.
export * from './checkpoint.js';
export * from './config.js';
export * from './gan-losses.js';
export * from './generator-input.js';
export * from './network-weights.js';
export * from './networks.js';
export * from './noise.js';
export * from './saved-generator.js';
export * from './trainer.js';
