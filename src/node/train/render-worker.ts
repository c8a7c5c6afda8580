/**
 * The worker_threads side of animation.ts: draws each frame the run loop posts and
 * appends it to training.gif (and frames/), on a core of its own while training goes on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PlacedDensity } from '../../core/render/density-image.js';
import type { TrainingFrameData } from '../../core/render/frame.js';
import { TrainingAnimation, type TrainingAnimationOptions } from './gif-animation.js';
import type { AnimationReply, AnimationRequest } from './animation.js';

const { options, realDensity } = workerData as { options: TrainingAnimationOptions; realDensity?: PlacedDensity };
const port = parentPort!;
let animation: TrainingAnimation | null = null;
let failure: string | null = null;

const reply = (message: AnimationReply): void => port.postMessage(message);

try {
  animation = new TrainingAnimation(options);
} catch (error) {
  failure = (error as Error).message;
}

port.on('message', (request: AnimationRequest) => {
  if (request.type === 'frame') {
    if (failure === null && animation !== null) {
      try {
        const data: TrainingFrameData = realDensity ? { ...request.data, realDensity } : request.data;
        animation.addFrame(data);
      } catch (error) {
        failure = (error as Error).message;
        animation.abort();
      }
    }
    reply({ type: 'drawn' });
    return;
  }
  if (request.type === 'abort') {
    animation?.abort();
    reply({ type: 'done' });
    return;
  }
  // finish
  if (failure !== null || animation === null) {
    reply({ type: 'failed', message: failure ?? 'the animation could not start' });
    return;
  }
  animation.finish().then(
    () => reply({ type: 'done' }),
    (error: Error) => reply({ type: 'failed', message: error.message }),
  );
});
