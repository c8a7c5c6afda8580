// Flow matching: the second model family (docs/design.md, "The Model interface, and a second family").
export * from './checkpoint.js';
export * from './config.js';
export * from './coordinates.js';
export * from './flow-model.js';
export * from './flow-path.js';
export * from './ode.js';
export * from './saved-flow.js';
export * from './velocity-input.js';
export * from './flow-view.js';
