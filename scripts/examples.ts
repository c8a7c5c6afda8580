// Draws examples/: every built-in picture as an 8-bit grayscale PNG, and for the conditional
// ones each part alone in examples/NAME/0.png, 1.png, ... (`npm run examples`).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawPicture, drawPictureParts, PICTURES } from '../src/core/density/pictures.js';
import type { DensityGrid } from '../src/core/density/grid.js';
import { encodeGrayPng, gridToGray8 } from '../src/node/image/encode.js';
import { writeFileAtomic } from '../src/node/files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, 'examples');

function write(path: string, grid: DensityGrid): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, encodeGrayPng(gridToGray8(grid), grid.width, grid.height));
  console.log(path.slice(root.length + 1));
}

for (const [name, spec] of Object.entries(PICTURES)) {
  write(join(folder, `${name}.png`), drawPicture(name));
  if (spec.conditional) drawPictureParts(name).forEach((grid, i) => write(join(folder, name, `${i}.png`), grid));
}
