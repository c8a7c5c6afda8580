import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recipeSettings, recommendedSettings } from '../../src/core/gan/presets.js';
import { resolveTrainConfig } from '../../src/core/gan/config.js';
import { createGrid } from '../../src/core/density/grid.js';
import { baseOptions, describeSettings, recommendedForPage } from '../../src/web/presets.js';
import type { DataSource } from '../../src/web/data-source.js';

const builtin = (name: string, conditional = false): DataSource => ({ kind: 'builtin', name, conditional });
const CLI_ONLY = ['timeLimit', 'displayInterval', 'checkpointInterval'];

test("the page's recommended settings are the CLI's table, less what only a CLI run uses", () => {
  for (const name of ['ring', 'grid']) {
    const cli = recommendedSettings(`builtin:${name}`);
    assert.ok(cli, `builtin:${name} has recommended settings`);
    const page = recommendedForPage(builtin(name));
    for (const key of CLI_ONLY) assert.equal(key in page, false, `${key} is not applied in the page`);
    const expected = Object.fromEntries(Object.entries(cli).filter(([key]) => !CLI_ONLY.includes(key)));
    assert.deepEqual(page, expected);
    // The recipe's iterations stay: --lr-decay lands the rates over them.
    assert.equal(page.iterations, cli.iterations);
  }
  // Pictures, their parts, drawings and uploads: the seed demo's settings for now.
  assert.deepEqual(recommendedForPage(builtin('binary')), {});
  assert.deepEqual(recommendedForPage(builtin('binary', true)), {});
  assert.deepEqual(recommendedForPage({ kind: 'drawn', grid: createGrid(4, 4) }), {});
  assert.deepEqual(resolveTrainConfig(baseOptions('seed', builtin('ring'))), resolveTrainConfig({}));
});

test('the settings line says which settings are in use', () => {
  assert.equal(describeSettings('recommended', builtin('ring'), {}), "Settings: builtin:ring's recommended (as gan2d train builtin:ring)");
  assert.match(describeSettings('recommended', builtin('binary'), {}), /^Settings: Seed demo \(gan2d train's default for builtin:binary; the Quality preset fits it more closely\)$/);
  assert.equal(describeSettings('seed', builtin('ring'), {}), 'Settings: Seed demo');
  assert.equal(describeSettings('small', builtin('grid'), {}), 'Settings: Small (fast)');
  assert.equal(describeSettings('recommended', builtin('ring'), { loss: 'hinge', dHidden: [32, 32] }),
    "Settings: custom: builtin:ring's recommended (as gan2d train builtin:ring), with --d-hidden, --loss set");
  assert.match(describeSettings('seed', builtin('ring'), { seed: 1, loss: 'hinge', zDim: 3, dLr: 1, gLr: 1, emaDecay: 0.9 }), /and 2 more set$/);
});

test("the page's quality preset is gan2d train --recipe quality's settings, less what only a CLI run uses", () => {
  const withoutCliOnly = (settings: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(settings).filter(([key]) => !CLI_ONLY.includes(key)));
  const pictures = withoutCliOnly(recipeSettings('examples/zig.png', 'quality'));
  assert.ok(Object.keys(pictures).length > 0);
  const picture = (count: number): DataSource => ({ kind: 'pictures', names: ['a.png', 'b.png'].slice(0, count), grids: [createGrid(4, 4), createGrid(4, 4)].slice(0, count) });
  for (const data of [builtin('binary'), { kind: 'drawn', grid: createGrid(4, 4) } as DataSource, picture(1)]) {
    assert.deepEqual(baseOptions('quality', data), pictures);
  }
  // A conditional density (a built-in picture by its parts, several pictures) gets the folders' recipe, as a folder does in the CLI.
  const folders = withoutCliOnly(recipeSettings('examples/penta', 'quality', true));
  assert.notDeepEqual(folders, pictures);
  for (const data of [builtin('binary', true), picture(2)]) assert.deepEqual(baseOptions('quality', data), folders);
  // The mixtures' quality recipe is their recommended settings.
  assert.deepEqual(baseOptions('quality', builtin('ring')), recommendedForPage(builtin('ring')));
  assert.equal(describeSettings('quality', builtin('binary'), {}), 'Settings: Quality recipe');
});
