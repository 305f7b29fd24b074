// zswap as a zsmalloc user (mm/zswap.c, v6.1 … v6.12): `pools` zsmalloc pools (32 =
// ZSWAP_NR_ZPOOLS in v6.6–v6.10, one otherwise), each entry in a pool picked by hashing its
// address (uniform here), same-filled pages without an object, pages that do not compress
// rejected, and the pool limit: above max_pool_percent of RAM stores are refused and the
// oldest entries written back until usage is under accept_threshold_percent of the limit.
import type { KernelParams } from '../kernel/params';
import type { ZsSlabCaches, CacheSharing } from '../kernel/zsSlabCaches';
import { ZsPool } from '../kernel/zsPool';
import type { Random } from '../workload/random';
import type { SizeSampler } from '../workload/sizes';
import { LiveSet, type FreeOrder } from './liveSet';
import { releaseFrom, type PageAccess, type ZsUser } from './zsUser';

export interface ZswapConfig {
  readonly pools: number;
  readonly caches: CacheSharing;
  readonly maxPoolPercent: number;
  readonly acceptThresholdPercent: number;
  readonly sameFilledPct: number;
  readonly sizes: SizeSampler;
  /** totalram_pages(): the pool limit is a share of it. */
  readonly totalRamPages: number;
}

export class Zswap implements ZsUser {
  readonly name = 'zswap';
  readonly pools: readonly ZsPool[];
  readonly live: LiveSet;
  private reachedFull = false;
  /** Stores that cannot reach the pool limit before it has to be summed again. */
  private storesBeforeCheck = 0;
  private readonly count = { stored_pages: 0, same_filled_pages: 0, reject_compress_poor: 0, pool_limit_hit: 0, reject_reclaim_fail: 0, written_back_pages: 0, loads_kept: 0 };
  private readonly exclusiveLoads: boolean;

  constructor(
    private readonly cfg: ZswapConfig,
    params: KernelParams,
    caches: ZsSlabCaches,
  ) {
    this.exclusiveLoads = params.zswapExclusiveLoads;
    this.live = new LiveSet(cfg.pools);
    // Pool names "zswap%x" from a global counter starting at 1 (zswap_pool_create).
    this.pools = Array.from({ length: cfg.pools }, (_, i) => {
      const name = `zswap${(i + 1).toString(16)}`;
      return new ZsPool(name, params, undefined, caches.forPool(name, cfg.caches));
    });
  }

  private totalPages(): number {
    let pages = 0;
    for (const p of this.pools) pages += p.pagesAllocated;
    return pages;
  }

  private get limitPages(): number {
    return Math.floor((this.cfg.totalRamPages * this.cfg.maxPoolPercent) / 100);
  }

  store(cpu: number, rng: Random): boolean {
    // zswap_store: over the limit → refuse and shrink; after hitting it, accept again only below the threshold.
    if (this.storesBeforeCheck > 0 && !this.reachedFull) {
      this.storesBeforeCheck--;
    } else if (this.totalPages() > this.limitPages) {
      this.count.pool_limit_hit++;
      this.reachedFull = true;
      this.writeBack(cpu, rng);
      return false;
    }
    if (this.reachedFull) {
      if (this.totalPages() >= (this.limitPages * this.cfg.acceptThresholdPercent) / 100) {
        this.count.reject_reclaim_fail++;
        this.writeBack(cpu, rng);
        return false;
      }
      this.reachedFull = false;
    }
    if (rng.percent(this.cfg.sameFilledPct)) {
      this.count.same_filled_pages++;
      return false;
    }
    const size = this.cfg.sizes(rng);
    if (size >= this.pools[0].params.pageSize) {
      this.count.reject_compress_poor++;
      return false;
    }
    if (this.storesBeforeCheck === 0 && !this.reachedFull) {
      // One store adds at most one zspage, and frees only lower usage: until that much headroom
      // is used up the limit cannot be crossed, so summing the 32 pools can wait (an exact shortcut).
      this.storesBeforeCheck = Math.max(0, Math.floor((this.limitPages - this.totalPages()) / this.pools[0].params.chainSize) - 1);
    }
    const p = this.pools.length === 1 ? 0 : rng.int(0, this.pools.length - 1);
    this.live.add(p, this.pools[p].alloc(size, cpu));
    this.count.stored_pages++;
    return true;
  }

  release(order: FreeOrder, cpu: number, rng: Random, access: PageAccess = 'write'): boolean {
    if (access === 'read' && !this.exclusiveLoads) {
      // Before v6.9 a load leaves the entry: the clean page can be dropped again without a new store.
      this.count.loads_kept++;
      return this.live.size > 0;
    }
    const done = releaseFrom(this.pools, this.live, order, cpu, rng);
    if (done) this.count.stored_pages--;
    return done;
  }

  /** shrink_worker: write back the least recently stored entries until usage is under the accept threshold. */
  private writeBack(cpu: number, rng: Random): void {
    const target = (this.limitPages * this.cfg.acceptThresholdPercent) / 100;
    while (this.totalPages() >= target && releaseFrom(this.pools, this.live, 'oldest', cpu, rng)) {
      this.count.stored_pages--;
      this.count.written_back_pages++;
    }
  }

  counters(): Record<string, number> {
    return { ...this.count };
  }
}
