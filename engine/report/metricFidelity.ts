// What a report says about each metric's fidelity: quoted from engine/report/fidelity.json, which
// `npm run fidelity` writes from the real-kernel fixture set (a test keeps it current).
import type { MetricName } from '../metrics';
import type { FidelityFile } from '../verify/fidelityFiles';
import fidelity from './fidelity.json';

export interface MetricFidelityNote {
  readonly metric: MetricName;
  readonly kind: 'exact' | 'statistical' | 'derived' | 'unverified';
  /** Kernel series it was compared on, e.g. ['6.1', '6.12']. */
  readonly kernels: readonly string[];
  /** Reference snapshots where the engine gave the kernel's value, of those compared. */
  readonly identical: number;
  readonly compared: number;
  readonly statement: string;
}

/** Applies to every scenario: the allocator is held to the kernel, a scenario's workload is not. */
export function workloadFidelity(file: FidelityFile = fidelity as unknown as FidelityFile): string {
  const z = file.zswap;
  return `These hold for a given zs_malloc/zs_free sequence; each scenario's sequence is a model of its workload (statistical: driven by a real zswap run's own counts, slab objects land within ${z.maxObjectDiffPct}% of the kernel's, tolerance ${z.tolerancePct}%).`;
}

export function metricFidelity(names: readonly MetricName[], file: FidelityFile = fidelity as unknown as FidelityFile): MetricFidelityNote[] {
  return names.map((metric) => {
    const f = file.metrics[metric];
    if (!f) return { metric, kind: 'unverified', kernels: [], identical: 0, compared: 0, statement: 'not compared with a real kernel' };
    const where = `as Linux ${f.series.join(', ')} in ${f.identical} of ${f.compared} reference snapshots`;
    const statement = f.kind === 'derived' ? `derived (num_objs and live objects, each ${where})` : `${f.kind}, ${where}`;
    return { metric, kind: f.kind, kernels: f.series, identical: f.identical, compared: f.compared, statement };
  });
}
