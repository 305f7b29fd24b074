// The statistics a kernel shows for one zsmalloc pool: the debugfs `classes` table
// (CONFIG_ZSMALLOC_STAT, zs_stats_size_show) and the allocator-dependent fields of zram's
// mm_stat. Column sets per version: almost_full/almost_empty ≤ v6.3, 10% … 100% from v6.4.
import { compactablePages } from './compact';
import type { ZsPool } from './zsPool';

export interface ClassRow {
  readonly class: number;
  readonly size: number;
  /** Zspages per fullness column, in the order of `ClassesTable.fullnessHeaders`. */
  readonly fullness: readonly number[];
  readonly objAllocated: number;
  readonly objUsed: number;
  readonly pagesUsed: number;
  readonly pagesPerZspage: number;
  readonly freeable: number;
  /** Bytes stored in the class (not a debugfs column: the sizes passed to zs_malloc, for per-class fragmentation). */
  readonly storedBytes: number;
}

export interface ClassesTable {
  readonly fullnessHeaders: readonly string[];
  readonly rows: readonly ClassRow[];
  readonly total: Omit<ClassRow, 'class' | 'size' | 'pagesPerZspage'>;
}

/** One row per real (unmerged) class, ascending, plus the Total row. */
export function classesTable(pool: ZsPool): ClassesTable {
  const { columns, groupCount } = pool.rules;
  const rows: ClassRow[] = pool.table.classes.map((cls, c) => ({
    class: cls.index,
    size: cls.size,
    fullness: columns.map((col) => pool.groupCount[c * groupCount + col.group]),
    objAllocated: pool.objAllocated[c],
    objUsed: pool.objUsed[c],
    // pages_used = obj_allocated / objs_per_zspage * pages_per_zspage
    pagesUsed: (pool.objAllocated[c] / cls.objsPerZspage) * cls.pagesPerZspage,
    pagesPerZspage: cls.pagesPerZspage,
    freeable: compactablePages(pool, c),
    storedBytes: pool.classStored[c],
  }));
  const sum = (pick: (r: ClassRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return {
    fullnessHeaders: columns.map((col) => col.header),
    rows,
    total: {
      fullness: columns.map((_, i) => sum((r) => r.fullness[i])),
      objAllocated: sum((r) => r.objAllocated),
      objUsed: sum((r) => r.objUsed),
      pagesUsed: sum((r) => r.pagesUsed),
      freeable: sum((r) => r.freeable),
      storedBytes: sum((r) => r.storedBytes),
    },
  };
}

/** The mm_stat fields (zram_drv.c mm_stat_show) that come from the allocator, in mm_stat's order. */
export interface MmStat {
  /** Bytes passed to zs_malloc for live objects. */
  readonly comprDataSize: number;
  /** zs_get_total_pages() × PAGE_SIZE. */
  readonly memUsedTotal: number;
  /** Highest mem_used_total right after an allocation (zram calls update_used_max after zs_malloc). */
  readonly memUsedMax: number;
  readonly pagesCompacted: number;
  /** Live objects stored as a whole page. */
  readonly hugePages: number;
}

export function mmStat(pool: ZsPool): MmStat {
  const page = pool.params.pageSize;
  return {
    comprDataSize: pool.storedBytes,
    memUsedTotal: pool.pagesAllocated * page,
    memUsedMax: pool.peakPages * page,
    pagesCompacted: pool.pagesCompacted,
    hugePages: pool.pageSizedObjects,
  };
}
