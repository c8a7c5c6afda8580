/** `gan2d train <picture | folder | builtin:NAME> [options]`: trains a GAN and leaves its run folder. */
import { Command } from 'commander';
import { builtinNames } from '../core/density/builtins.js';
import { UserError } from '../core/errors.js';
import { addTrainOptions, readTrainRequest } from './options.js';
import { runTraining } from '../node/train/run.js';
import { setUpTraining } from '../node/train/setup.js';
import { qualityRecipeHint } from './recipe-hint.js';

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('train a GAN on a picture, a folder of pictures (conditional), or builtin:NAME')
    .argument('[input]', `a picture, a folder of pictures (one condition each), builtin:NAME (${builtinNames().join(', ')}), or drawn:CODE (a drawing saved by the web page)`);
  addTrainOptions(command).action(async (input: string | undefined, flags: Record<string, unknown>) => {
    const request = readTrainRequest(input, flags);
    const setup = await setUpTraining(request, (line) => process.stderr.write(`${line}\n`));
    process.stderr.write(`training on ${setup.source} into ${setup.files.folder}\n`);
    const outcome = await runTraining(setup);
    if (outcome.status === 'diverged') throw new UserError(outcome.message);
    if (outcome.status === 'interrupted') {
      process.stderr.write(`${outcome.message}\n`);
      process.exitCode = 130;
      return;
    }
    process.stdout.write(`${outcome.message}\n`);
    const hint = qualityRecipeHint({
      input: request.input,
      model: setup.model,
      recipe: setup.model === 'gan' ? setup.recipe : undefined,
      recipeGiven: request.recipe !== undefined,
      resumed: setup.resume !== undefined,
      evaluation: outcome.evaluation,
    });
    if (hint !== null) process.stderr.write(`${hint}\n`);
  });
}
