// The zs_handle and zspage slab caches of every pool on a machine: one pair per pool (the kernel
// as released) or one pair shared by all pools (the June 2024 patch, and 2026's "make common
// caches global"), named as the kernel version names them.
import { HANDLE_RECORD_INTS } from './handleRecords';
import type { KernelParams } from './params';
import { slubGeometry, SlubCache, type SlabInfo, type SlabSysfs, type SlubTuning } from './slub';
import type { PoolSlabCaches } from './zsPool';

export type CacheSharing = 'own' | 'shared';

/** sizeof(struct zspage): 56 on 64-bit v6.1 … v6.12 (the oracle's slabinfo shows it), 32 on 32-bit (ppc32 layout). */
export function zspageStructBytes(p: KernelParams): number {
  return p.wordBits === 64 ? 56 : 32;
}

export interface SlabinfoLine extends SlabInfo {
  readonly name: string;
  readonly objsize: number;
  readonly objPerSlab: number;
  readonly pagesPerSlab: number;
  /** The cache's /sys/kernel/slab/<name>/ attributes at the same moment. */
  readonly sysfs: SlabSysfs;
  /** Objects really allocated (slabinfo's active_objs also counts free objects held per CPU). */
  readonly liveObjs: number;
}

export class ZsSlabCaches {
  /** Every cache, oldest first (kmem_cache_create order). */
  readonly caches: SlubCache[] = [];
  private shared: PoolSlabCaches | null = null;

  constructor(
    readonly params: KernelParams,
    readonly cpus: number,
    /** Slab merging on (CONFIG_SLAB_MERGE_DEFAULT, no slab_nomerge): the caches become aliases of other kernel caches. */
    readonly merge: boolean,
  ) {}

  /** The caches zs_create_pool(name) gets: a new pair, or the shared pair (created by the first pool that shares). */
  forPool(pool: string, sharing: CacheSharing): PoolSlabCaches {
    // A kernel with global caches shares them whatever the pool asks for.
    if (sharing === 'shared' || this.params.zsSlabCachesShared) {
      this.shared ??= this.create('zs_handle', 'zspage', true);
      return this.shared;
    }
    const perPool = this.params.slabCacheNamesPerPool;
    return this.create(perPool ? `zs_handle-${pool}` : 'zs_handle', perPool ? `zspage-${pool}` : 'zspage', false);
  }

  /** /proc/slabinfo lines of the caches, newest first as the kernel lists them; none when merged away. */
  slabinfo(): SlabinfoLine[] {
    if (this.merge) return [];
    return [...this.caches].reverse().map((c) => ({
      name: c.name,
      objsize: c.geometry.size,
      objPerSlab: c.geometry.objectsPerSlab,
      pagesPerSlab: c.geometry.pagesPerSlab,
      ...c.slabinfo(),
      sysfs: c.sysfs(),
      liveObjs: c.liveObjects(),
    }));
  }

  private create(handleName: string, zspageName: string, shared: boolean): PoolSlabCaches {
    const tuning: SlubTuning = { pageSize: this.params.pageSize, wordBits: this.params.wordBits, cpus: this.cpus };
    const limit = this.params.slabinfoPartialScanLimit;
    // zs_handle objects are the pools' handles: each holds the handle record (handleRecords.ts).
    const handles = new SlubCache(handleName, slubGeometry(this.params.wordBits / 8, tuning), this.cpus, limit, HANDLE_RECORD_INTS);
    const zspages = new SlubCache(zspageName, slubGeometry(zspageStructBytes(this.params), tuning), this.cpus, limit);
    this.caches.push(handles, zspages);
    return { handles, zspages, shared };
  }
}
