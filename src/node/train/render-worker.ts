/**
 * The worker_threads side of animation.ts: draws each frame the run loop posts and
 * appends it to training.gif (and frames/), on a core of its own while training goes on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PlacedDensity } from '../../core/render/density-image.js';
import type { TrainingFrameData } from '../../core/render/frame.js';
import { TrainingAnimation, type TrainingAnimationOptions } from './gif-animation.js';
import { animationFault, type AnimationFault, type AnimationReply, type AnimationRequest } from './animation.js';

const { options, realDensity } = workerData as { options: TrainingAnimationOptions; realDensity?: PlacedDensity };
const port = parentPort!;
let animation: TrainingAnimation | null = null;
let failure: AnimationFault | null = null;

const reply = (message: AnimationReply): void => port.postMessage(message);

try {
  animation = new TrainingAnimation(options);
} catch (error) {
  failure = animationFault(error);
  reply({ type: 'broken', fault: failure });
}

port.on('message', (request: AnimationRequest) => {
  if (request.type === 'frame') {
    if (failure === null && animation !== null) {
      try {
        const data: TrainingFrameData = realDensity ? { ...request.data, realDensity } : request.data;
        animation.addFrame(data);
      } catch (error) {
        // Said at once, before this frame's `drawn`: no checkpoint may count it, and the run stops.
        failure = animationFault(error);
        animation.abort();
        reply({ type: 'broken', fault: failure });
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
    reply({ type: 'failed', fault: failure ?? { message: 'the animation could not start' } });
    return;
  }
  animation.finish().then(
    () => reply({ type: 'done' }),
    (error: unknown) => reply({ type: 'failed', fault: animationFault(error) }),
  );
});
