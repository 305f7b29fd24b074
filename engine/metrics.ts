// The metrics a report compares, with the stable names of DESIGN.md ("Contracts").
import { compactablePages } from './kernel/compact';
import type { ZsPool } from './kernel/zsPool';
import type { ZsSlabCaches } from './kernel/zsSlabCaches';

export interface MetricDefinition {
  readonly name: MetricName;
  readonly unit: string;
  /** Which direction is an improvement. */
  readonly better: 'lower' | 'higher';
  readonly description: string;
}

export const METRICS = [
  { name: 'slab.unused_bytes', unit: 'bytes', better: 'lower', description: '(num_objs − active_objs) × objsize over the zs_handle and zspage caches, as /proc/slabinfo reports it' },
  { name: 'slab.free_bytes', unit: 'bytes', better: 'lower', description: 'all free objects × objsize over the zs caches, including those held per CPU that /proc/slabinfo counts as active' },
  { name: 'slab.bytes', unit: 'bytes', better: 'lower', description: 'pages held by the zs_handle and zspage caches' },
  { name: 'slab.caches', unit: 'caches', better: 'lower', description: 'zs_handle and zspage caches listed in /proc/slabinfo' },
  { name: 'zs.pages_used', unit: 'pages', better: 'lower', description: 'pages held by all zsmalloc pools' },
  { name: 'zs.stored_bytes', unit: 'bytes', better: 'higher', description: 'bytes stored in all zsmalloc pools (sizes passed to zs_malloc)' },
  { name: 'zs.frag_pct', unit: '%', better: 'lower', description: '1 − stored bytes / (pages used × page size)' },
  { name: 'zs.compactable_pages', unit: 'pages', better: 'lower', description: 'pages zs_compact could free now (debugfs freeable, summed)' },
] as const satisfies readonly { name: string; unit: string; better: 'lower' | 'higher'; description: string }[];

export type MetricName = (typeof METRICS)[number]['name'];

/** Metric values; the slab.* ones are null when slab merging hides the zs caches from /proc/slabinfo. */
export type MetricValues = Record<MetricName, number | null>;

export function measure(pools: readonly ZsPool[], caches: ZsSlabCaches | null): MetricValues {
  let pages = 0;
  let stored = 0;
  let compactable = 0;
  for (const p of pools) {
    pages += p.pagesAllocated;
    stored += p.storedBytes;
    for (let c = 0; c < p.table.classes.length; c++) compactable += compactablePages(p, c);
  }
  const pageSize = pools[0]?.params.pageSize ?? 4096;
  const lines = caches && !caches.merge ? caches.slabinfo() : null;
  return {
    'slab.unused_bytes': lines ? lines.reduce((s, l) => s + (l.numObjs - l.activeObjs) * l.objsize, 0) : null,
    'slab.free_bytes': lines ? lines.reduce((s, l) => s + (l.numObjs - l.liveObjs) * l.objsize, 0) : null,
    'slab.bytes': lines ? lines.reduce((s, l) => s + l.numSlabs * l.pagesPerSlab * pageSize, 0) : null,
    'slab.caches': lines ? lines.length : null,
    'zs.pages_used': pages,
    'zs.stored_bytes': stored,
    'zs.frag_pct': pages === 0 ? 0 : 100 * (1 - stored / (pages * pageSize)),
    'zs.compactable_pages': compactable,
  };
}
