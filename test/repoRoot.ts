// Tests are bundled into out/test/… at different depths; find the checkout from wherever they run.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'engine'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the zsreview checkout above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}
