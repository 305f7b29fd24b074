// The fixture set boiled down to one line per quantity (how often compared, how often identical,
// the largest difference) and one line per run: the README's "How close to the kernel" table and
// the fidelity notes of `zsreview evaluate` reports both come from here, never typed by hand.
import { replayTrace } from '../workload/replay';
import { compareRun, type FidelityKind, type SnapshotFidelity } from './fidelity';
import type { FixtureRun } from './fixtureRuns';

export interface RunFidelity {
  readonly name: string;
  readonly driver: FixtureRun['driver'];
  /** uname -r of the kernel that ran. */
  readonly kernel: string;
  readonly series: string;
  readonly cpus: number;
  readonly pools: number;
  readonly caches: string;
  readonly operations: number;
  readonly snapshots: readonly SnapshotFidelity[];
}

export interface QuantitySummary {
  readonly quantity: string;
  readonly kind: FidelityKind;
  /** Snapshots where both sides had it. */
  readonly compared: number;
  readonly identical: number;
  readonly maxAbsDiff: number;
  /** Kernel series it was compared on (6.1, 6.12). */
  readonly series: readonly string[];
}

/** Replays every run's trace through the engine on the run's own kernel preset and compares. */
export function fidelityOfRuns(runs: readonly FixtureRun[]): RunFidelity[] {
  return runs.map((run) => {
    const result = replayTrace(run.trace, run.traceFile);
    const shared = result.pools.some((p) => p.caches === 'shared');
    return {
      name: run.name,
      driver: run.driver,
      kernel: run.capture.boot.uname ?? '?',
      series: result.params.version,
      cpus: result.machine.cpus,
      pools: result.pools.length,
      caches: shared ? 'shared' : 'own',
      operations: result.operations,
      snapshots: compareRun(run.capture.snapshots, result.snapshots),
    };
  });
}

export function summarizeQuantities(runs: readonly RunFidelity[]): QuantitySummary[] {
  const byName = new Map<string, { kind: FidelityKind; compared: number; identical: number; maxAbsDiff: number; series: Set<string> }>();
  for (const run of runs) {
    for (const snap of run.snapshots) {
      for (const r of snap.rows) {
        const s = byName.get(r.metric) ?? { kind: r.kind, compared: 0, identical: 0, maxAbsDiff: 0, series: new Set<string>() };
        s.compared++;
        if (r.ok) s.identical++;
        s.maxAbsDiff = Math.max(s.maxAbsDiff, Math.abs(r.diff));
        s.series.add(run.series);
        byName.set(r.metric, s);
      }
    }
  }
  return [...byName].map(([quantity, s]) => ({ quantity, kind: s.kind, compared: s.compared, identical: s.identical, maxAbsDiff: s.maxAbsDiff, series: [...s.series].sort() }));
}

/** The README section: a table per quantity and one per run, in Markdown. */
export function fidelityMarkdown(runs: readonly RunFidelity[]): string {
  const q = summarizeQuantities(runs);
  const snaps = runs.reduce((n, r) => n + r.snapshots.length, 0);
  const out = [
    `${runs.length} real-kernel runs, ${snaps} snapshots: each run's exact zs_malloc / zs_free / zs_compact`,
    'sequence replayed through the engine, every quantity compared with what the kernel printed.',
    '',
    '| quantity | kind | snapshots compared | identical | largest difference | kernels |',
    '|---|---|---:|---:|---:|---|',
    ...q.map((s) => `| ${s.quantity} | ${s.kind} | ${s.compared} | ${s.identical} | ${s.maxAbsDiff} | ${s.series.join(', ')} |`),
    '',
    '| run | driven by | kernel | CPUs | pools | caches | operations | snapshots | quantities identical |',
    '|---|---|---|---:|---:|---|---:|---:|---|',
    ...runs.map((r) => {
      const rows = r.snapshots.flatMap((s) => s.rows);
      return `| ${r.name} | ${r.driver} | ${r.kernel} | ${r.cpus} | ${r.pools} | ${r.caches} | ${r.operations} | ${r.snapshots.length} | ${rows.filter((x) => x.ok).length} of ${rows.length} |`;
    }),
  ];
  return out.join('\n') + '\n';
}
