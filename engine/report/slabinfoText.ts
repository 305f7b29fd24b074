// /proc/slabinfo lines as slab_common.c's cache_show prints them (SLUB: tunables and shared
// are always 0, active_slabs = num_slabs).
import type { SlabinfoLine } from '../kernel/zsSlabCaches';

export function formatSlabinfoLine(l: SlabinfoLine): string {
  const n = (v: number, w: number) => String(v).padStart(w);
  return (
    `${l.name.padEnd(17)} ${n(l.activeObjs, 6)} ${n(l.numObjs, 6)} ${n(l.objsize, 6)} ${n(l.objPerSlab, 4)} ${n(l.pagesPerSlab, 4)}` +
    ` : tunables ${n(0, 4)} ${n(0, 4)} ${n(0, 4)} : slabdata ${n(l.numSlabs, 6)} ${n(l.numSlabs, 6)} ${n(0, 6)}`
  );
}
