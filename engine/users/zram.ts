// A zram device as a zsmalloc user (drivers/block/zram): one pool named after the device; a
// same-filled page takes no object; a page compressing to zs_huge_class_size() or more is
// stored whole (PAGE_SIZE); an overwrite allocates the new object before freeing the old.
import type { KernelParams } from '../kernel/params';
import type { PoolSlabCaches } from '../kernel/zsPool';
import { ZsPool } from '../kernel/zsPool';
import type { Random } from '../workload/random';
import type { SizeSampler } from '../workload/sizes';
import { LiveSet, type FreeOrder } from './liveSet';
import { releaseFrom, type ZsUser } from './zsUser';

export interface ZramConfig {
  readonly name: string;
  readonly sameFilledPct: number;
  readonly sizes: SizeSampler;
}

export class ZramDevice implements ZsUser {
  readonly name: string;
  readonly pools: readonly ZsPool[];
  readonly live = new LiveSet();
  private readonly pool: ZsPool;
  private samePages = 0;
  private hugePages = 0;

  constructor(
    private readonly cfg: ZramConfig,
    params: KernelParams,
    caches: PoolSlabCaches,
  ) {
    this.name = cfg.name;
    this.pool = new ZsPool(cfg.name, params, undefined, caches);
    this.pools = [this.pool];
  }

  store(cpu: number, rng: Random): boolean {
    if (rng.percent(this.cfg.sameFilledPct)) {
      this.samePages++;
      return false;
    }
    let size = this.cfg.sizes(rng);
    if (size >= this.pool.table.hugeClassSize) {
      size = this.pool.params.pageSize;
      this.hugePages++;
    }
    this.live.add(0, this.pool.alloc(size, cpu));
    return true;
  }

  release(order: FreeOrder, cpu: number, rng: Random): boolean {
    return releaseFrom(this.pools, this.live, order, cpu, rng);
  }

  /** Overwrites a stored block: the new data is stored first, then the old object freed. */
  overwrite(order: FreeOrder, cpu: number, rng: Random): void {
    const had = this.live.take(order, rng);
    const victim = this.live.takenHandle;
    this.store(cpu, rng);
    if (had) this.pool.free(victim, cpu);
  }

  counters(): Record<string, number> {
    return { same_pages: this.samePages, huge_pages_stored: this.hugePages };
  }
}
