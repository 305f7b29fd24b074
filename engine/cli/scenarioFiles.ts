// Where the bundled scenarios are (samples/scenarios next to the package), and whether a
// command-line argument names a scenario or a trace.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `relative` (a path inside this installation or checkout): looked for from the running bundle,
 * then from the working directory, and upwards from each; null if nowhere.
 */
export function findInstalled(relative: string): string | null {
  const starts = [typeof __dirname !== 'undefined' ? __dirname : null, process.cwd()].filter((d): d is string => d !== null);
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, relative);
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

/** samples/scenarios of this installation. */
export function bundledScenarioDir(): string | null {
  return findInstalled(join('samples', 'scenarios'));
}

export function bundledScenarios(): { name: string; file: string }[] {
  const dir = bundledScenarioDir();
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.yaml'.length), file: join(dir, f) }));
}

/** A bundled scenario's name, a *.yaml / *.yml file, or else a trace file. */
export function resolveRunInput(arg: string): { kind: 'scenario' | 'trace'; file: string } {
  const bundled = bundledScenarios().find((s) => s.name === arg);
  if (bundled && !existsSync(arg)) return { kind: 'scenario', file: bundled.file };
  return { kind: /\.ya?ml$/i.test(arg) ? 'scenario' : 'trace', file: arg };
}
