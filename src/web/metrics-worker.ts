/**
 * Scores generated samples against the run's data, away from both the page and the
 * training worker: js64, oos (with their floors) and far oos for pictures (a folder's also picture by
 * picture), modes/HQ/spread/rKL for mixtures.
 */
import { createEvaluator, type Evaluator } from '../core/model/evaluation.js';
import { targetParts } from '../core/model/target.js';
import { buildTrainingTarget } from './build-target.js';
import type { FromMetricsWorker, ToMetricsWorker } from './protocol.js';
import { workerScope } from './worker-scope.js';

const scope = workerScope<ToMetricsWorker, FromMetricsWorker>();
let evaluator: Evaluator | null = null;
let currentRun = -1;
let floorsSentFor = '';

scope.addEventListener('message', (event) => {
  const message = event.data;
  try {
    if (message.type === 'target') {
      evaluator = createEvaluator(targetParts(buildTrainingTarget(message.data)));
      currentRun = message.run;
      floorsSentFor = '';
      return;
    }
    if (message.run !== currentRun || !evaluator) return; // a sample from a run that has since been replaced
    const { sample } = message;
    const key = sample.rowsPerCondition.join(',');
    if (key !== floorsSentFor) {
      floorsSentFor = key;
      scope.postMessage({ type: 'floors', values: evaluator.floors(sample.rowsPerCondition), run: currentRun });
    }
    const { values, conditions } = evaluator.evaluateByCondition(sample.points, sample.rowsPerCondition);
    scope.postMessage({ type: 'scores', record: { iteration: sample.iteration, values, conditions }, run: currentRun });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
