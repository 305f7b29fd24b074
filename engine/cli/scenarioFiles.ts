// Where the bundled scenarios are (samples/scenarios next to the package), and whether a
// command-line argument names a scenario or a trace.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** samples/scenarios of this installation: found from the running bundle or the working directory upwards. */
export function bundledScenarioDir(): string | null {
  const starts = [typeof __dirname !== 'undefined' ? __dirname : null, process.cwd()].filter((d): d is string => d !== null);
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, 'samples', 'scenarios');
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  return null;
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
