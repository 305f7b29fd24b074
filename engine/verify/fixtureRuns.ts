// The fidelity fixture set: every real-kernel run the engine is held to, each a trace plus what
// the kernel printed for it. Two kinds live in the repository: zram-driven runs copied from
// ../shared/oracle (phase files NN-after-*.txt) and trace-driven runs captured by
// scripts/oracle/run-trace.sh (console.log + run-info.txt). Reads files; used by the fidelity
// test and by the script that regenerates the README's fidelity table.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { readConsoleLog, readKeyValues, readZramPhase, type KernelCapture } from './kernelCapture';

/** A fixture file's text; the big ones (console logs, recorded traces) are kept gzipped. */
export function readFixtureText(path: string): string {
  return path.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');
}

/** The run-info.txt of a captured run in `dir` (what run-trace.sh booted, and how), or {} without one. */
export function readRunInfo(dir: string): Record<string, string> {
  const file = join(dir, 'run-info.txt');
  return existsSync(file) ? readKeyValues(readFileSync(file, 'utf8'), '=') : {};
}

/** `name` in `dir`, or `name.gz` there, or null. */
export function fixtureFile(dir: string, name: string): string | null {
  for (const f of [name, name + '.gz']) if (existsSync(join(dir, f))) return join(dir, f);
  return null;
}

export interface FixtureRun {
  readonly name: string;
  readonly traceFile: string;
  readonly trace: string;
  readonly capture: KernelCapture;
  /** How the kernel was driven: zram's own writes, or the zstrace module replaying the trace. */
  readonly driver: 'zram' | 'zstrace';
}

/** A run directory of either kind, or null when it holds no trace. */
export function readFixtureRun(dir: string, name: string): FixtureRun | null {
  const traceName = readdirSync(dir).find((f) => f.endsWith('.trace') || f.endsWith('.trace.gz'));
  if (!traceName) return null;
  const traceFile = join(dir, traceName);
  const info = readRunInfo(dir);
  const trace = readFixtureText(traceFile);
  const log = fixtureFile(dir, 'console.log');
  if (log) return { name, traceFile, trace, capture: readConsoleLog(readFixtureText(log), log, info), driver: 'zstrace' };
  const snapshots = readdirSync(dir)
    .filter((f) => /^\d\d-after-.*\.txt$/.test(f))
    .sort()
    .map((f) => readZramPhase(readFileSync(join(dir, f), 'utf8'), join(dir, f), f.slice(3, -4)));
  const boot = readdirSync(dir).find((f) => /^\d\d-boot-info\.txt$/.test(f));
  return { name, traceFile, trace, capture: { info, boot: boot ? readKeyValues(readFileSync(join(dir, boot), 'utf8'), ':') : {}, snapshots }, driver: 'zram' };
}

/** Every run with a trace under each of `roots` (directories of run directories), by name. */
export function readFixtureRuns(roots: readonly string[]): FixtureRun[] {
  const runs: FixtureRun[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      if (!statSync(dir).isDirectory()) continue; // runs.json, expected.md
      const run = readFixtureRun(dir, name);
      if (run) runs.push(run);
    }
  }
  return runs.sort((a, b) => a.name.localeCompare(b.name));
}
