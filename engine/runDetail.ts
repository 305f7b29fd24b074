// The run behind a report's charts: one scenario on one variant with one seed, kept whole enough
// to show where the numbers come from (per-class pages and bytes, the slabinfo lines, the metrics
// over time). The report itself keeps only end-of-run metrics over all seeds.
import type { EvaluationPlan } from './evaluate';
import type { SlabinfoLine } from './kernel/zsSlabCaches';
import type { SeriesPoint } from './workload/runResult';
import { runScenario } from './workload/runScenario';

/** One size class summed over every pool of the run (pools share the class table). */
export interface ClassFragmentation {
  readonly size: number;
  readonly pagesUsed: number;
  readonly storedBytes: number;
  readonly objAllocated: number;
  readonly objUsed: number;
}

export interface RunDetail {
  readonly scenario: string;
  readonly variant: 'before' | 'after';
  readonly seed: number;
  readonly pageSize: number;
  /** Every class that holds pages at the end of the run, ascending by size. */
  readonly classes: readonly ClassFragmentation[];
  readonly slab: { readonly merged: boolean; readonly lines: readonly SlabinfoLine[] };
  readonly series: readonly SeriesPoint[];
}

/** Runs scenario `index` of the plan on `variant` with `seed` and keeps its end state and series. */
export function runDetail(plan: EvaluationPlan, index: number, variant: 'before' | 'after', seed: number): RunDetail {
  const { file, scenario } = plan.options.scenarios[index];
  const run = runScenario(scenario, file, { seed, params: plan.params[variant] });
  const last = run.snapshots[run.snapshots.length - 1];
  const bySize = new Map<number, { size: number; pagesUsed: number; storedBytes: number; objAllocated: number; objUsed: number }>();
  for (const pool of last.pools) {
    for (const row of pool.classes.rows) {
      if (row.pagesUsed === 0) continue;
      const c = bySize.get(row.size) ?? { size: row.size, pagesUsed: 0, storedBytes: 0, objAllocated: 0, objUsed: 0 };
      c.pagesUsed += row.pagesUsed;
      c.storedBytes += row.storedBytes;
      c.objAllocated += row.objAllocated;
      c.objUsed += row.objUsed;
      bySize.set(row.size, c);
    }
  }
  return {
    scenario: scenario.name,
    variant,
    seed,
    pageSize: run.params.pageSize,
    classes: [...bySize.values()].sort((a, b) => a.size - b.size),
    slab: last.slab,
    series: run.series ?? [],
  };
}

/** The runs behind the charts: seed 1 of every scenario on both variants (none when nothing modelled changes). */
export function chartRuns(plan: EvaluationPlan): RunDetail[] {
  if (plan.jobs.length === 0) return [];
  return plan.options.scenarios.flatMap((_, i) => (['before', 'after'] as const).map((v) => runDetail(plan, i, v, 1)));
}
