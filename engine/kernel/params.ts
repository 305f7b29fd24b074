// KernelParams: every zsmalloc knob a patch can turn, with the defaults of each kernel
// version we model. A rule that changed between versions is a field here, never an `if
// (version >= …)` in the model, so a patch plugin can flip one rule and keep the rest.

/** Kernel versions with a preset. */
export const KERNEL_VERSIONS = ['6.1', '6.6', '6.10', '6.12'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

export const PAGE_SIZES = [4096, 16384, 65536] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const WORD_BITS = [64, 32] as const;
export type WordBits = (typeof WORD_BITS)[number];

/**
 * How pages_per_zspage is chosen for a class.
 * - `usedpc`: the chain with the highest integer used-percentage, first wins on ties
 *   (get_pages_per_zspage, v6.2 and older).
 * - `minwaste`: the chain with the least (k·PAGE_SIZE) mod size, powers of two get one page
 *   (calculate_zspage_chain_size, v6.3 and newer).
 */
export const CHAIN_RULES = ['usedpc', 'minwaste'] as const;
export type ChainRule = (typeof CHAIN_RULES)[number];

/**
 * How zspages of a class are grouped by fullness, and the compaction that goes with it.
 * - `almost`: ZS_EMPTY / ZS_ALMOST_EMPTY / ZS_ALMOST_FULL / ZS_FULL (3/4 threshold), insert_zspage
 *   puts a zspage second when it has fewer objects in use than the list head, and compaction
 *   moves objects from almost_empty to almost_full zspages (v6.3 and older).
 * - `ratio`: ZS_INUSE_RATIO_0 … _100 in 10% steps, plain head insertion, and compaction from
 *   the emptiest to the fullest zspage (v6.4 and newer, Sergey Senozhatsky's 2023 series).
 */
export const FULLNESS_SCHEMES = ['almost', 'ratio'] as const;
export type FullnessScheme = (typeof FULLNESS_SCHEMES)[number];

export interface KernelParams {
  /** The preset these values started from; 'custom' once a knob was changed by hand. */
  readonly version: KernelVersion | 'custom';
  readonly pageSize: PageSize;
  /** BITS_PER_LONG; also sizeof(unsigned long) = ZS_HANDLE_SIZE (8 or 4 bytes). */
  readonly wordBits: WordBits;
  /** ZS_MAX_PAGES_PER_ZSPAGE: 4 up to v6.2 (1 << ZS_MAX_ZSPAGE_ORDER), CONFIG_ZSMALLOC_CHAIN_SIZE (4..16, default 8) from v6.3. */
  readonly chainSize: number;
  readonly chainRule: ChainRule;
  readonly fullness: FullnessScheme;
  /** MAX_POSSIBLE_PHYSMEM_BITS of the architecture (52 on x86_64; BITS_PER_LONG when undefined). */
  readonly physAddrBits: number;
  /** OBJ_INDEX_BITS keeps one bit for OBJ_TAG_BITS up to v6.8; v6.9 dropped it ("don't need to reserve LSB in handle"). */
  readonly objIndexReservesTagBit: boolean;
  /** Cache names `zs_handle-<pool>` / `zspage-<pool>` (v6.12, "zsmalloc: use unique zsmalloc caches names"); plain `zs_handle` / `zspage` before. */
  readonly slabCacheNamesPerPool: boolean;
  /**
   * get_slabinfo counts the free objects of at most this many node-partial slabs and scales the
   * rest (count_partial_free_approx, MAX_PARTIAL_TO_SCAN 10000: in the 6.12 source, not in 6.1;
   * taken as v6.10), or null to count every slab.
   */
  readonly slabinfoPartialScanLimit: number | null;
  /** zsmalloc pools per zswap pool: ZSWAP_NR_ZPOOLS = 32 from v6.6 (b8cf32dc6e8c) to v6.10; one before and from v6.11 ("mm/zswap: use only one pool in zswap"). */
  readonly zswapPools: number;
  /** A zswap load frees the entry even when the page is only read (v6.9, "loads always exclusive"); before, a read left the compressed copy in place. */
  readonly zswapExclusiveLoads: boolean;
  /** One zs_handle/zspage cache pair for all pools ("make common caches global", 2026; the June 2024 patch) instead of a pair per pool. */
  readonly zsSlabCachesShared: boolean;
  /** The lock zs_malloc/zs_free contend on: one pool->lock (v6.2–v6.10; backported to 6.1.46 stable) or per size-class locks (≤ v6.1 mainline, v6.11+). */
  readonly lockGranularity: 'pool' | 'class';
}

const X86_64 = { pageSize: 4096, wordBits: 64, physAddrBits: 52 } as const;

/** Defaults per kernel version, for x86_64 with 4K pages (Debian's configs for 6.1 and 6.12). */
export const KERNEL_PRESETS: Readonly<Record<KernelVersion, KernelParams>> = {
  // v6.1: 4-page zspages, usedpc chain rule, almost_empty/almost_full groups.
  '6.1': { version: '6.1', ...X86_64, chainSize: 4, chainRule: 'usedpc', fullness: 'almost', objIndexReservesTagBit: true, slabCacheNamesPerPool: false, slabinfoPartialScanLimit: null, zswapPools: 1, zswapExclusiveLoads: false, zsSlabCachesShared: false, lockGranularity: 'pool' },
  // v6.6: chain size 8 and min-waste rule (v6.3), ratio groups and new compaction (v6.4).
  '6.6': { version: '6.6', ...X86_64, chainSize: 8, chainRule: 'minwaste', fullness: 'ratio', objIndexReservesTagBit: true, slabCacheNamesPerPool: false, slabinfoPartialScanLimit: null, zswapPools: 32, zswapExclusiveLoads: false, zsSlabCachesShared: false, lockGranularity: 'pool' },
  // v6.10: as 6.6, plus the handle LSB no longer reserved (v6.9) and estimated slabinfo free counts.
  '6.10': { version: '6.10', ...X86_64, chainSize: 8, chainRule: 'minwaste', fullness: 'ratio', objIndexReservesTagBit: false, slabCacheNamesPerPool: false, slabinfoPartialScanLimit: 10000, zswapPools: 32, zswapExclusiveLoads: true, zsSlabCachesShared: false, lockGranularity: 'pool' },
  // v6.12: same allocator rules as 6.10, per-pool cache names (per-class locks came back in 6.11).
  '6.12': { version: '6.12', ...X86_64, chainSize: 8, chainRule: 'minwaste', fullness: 'ratio', objIndexReservesTagBit: false, slabCacheNamesPerPool: true, slabinfoPartialScanLimit: 10000, zswapPools: 1, zswapExclusiveLoads: true, zsSlabCachesShared: false, lockGranularity: 'class' },
};

export function isKernelVersion(v: string): v is KernelVersion {
  return (KERNEL_VERSIONS as readonly string[]).includes(v);
}

/** The preset for `version` with `changes` applied; marked 'custom' if a change differs from the preset. */
export function kernelParams(version: KernelVersion, changes: Partial<Omit<KernelParams, 'version'>> = {}): KernelParams {
  const preset = KERNEL_PRESETS[version];
  // Undefined entries mean "not given": they must not overwrite the preset.
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<KernelParams>;
  const changed = (Object.keys(given) as (keyof KernelParams)[]).some((k) => given[k] !== preset[k]);
  return { ...preset, ...given, version: changed ? 'custom' : version };
}

/**
 * The knobs a machine sets: page size and word size, and on a 32-bit machine (no PAE assumed)
 * 32-bit physical addresses, which MAX_POSSIBLE_PHYSMEM_BITS falls back to (BITS_PER_LONG).
 */
export function machineKnobs(pageSize: PageSize, wordBits: WordBits): Partial<Pick<KernelParams, 'pageSize' | 'wordBits' | 'physAddrBits'>> {
  return { pageSize, wordBits, ...(wordBits === 32 ? { physAddrBits: 32 } : {}) };
}

/** Problems with `p` that the kernel would refuse to build or boot with, one sentence each. */
export function validateKernelParams(p: KernelParams): string[] {
  const problems: string[] = [];
  if (!(PAGE_SIZES as readonly number[]).includes(p.pageSize)) problems.push(`page size ${p.pageSize} is not one of ${PAGE_SIZES.join(', ')}`);
  if (!(WORD_BITS as readonly number[]).includes(p.wordBits)) problems.push(`word size ${p.wordBits} bits is not 64 or 32`);
  // Kconfig ZSMALLOC_CHAIN_SIZE: range 4 16 (v6.3+); before v6.3 the value was fixed at 4.
  if (!Number.isInteger(p.chainSize) || p.chainSize < 4 || p.chainSize > 16) problems.push(`chain size ${p.chainSize} is outside 4..16 (Kconfig ZSMALLOC_CHAIN_SIZE)`);
  if (!(CHAIN_RULES as readonly string[]).includes(p.chainRule)) problems.push(`chain rule '${p.chainRule}' is not usedpc or minwaste`);
  if (!(FULLNESS_SCHEMES as readonly string[]).includes(p.fullness)) problems.push(`fullness scheme '${p.fullness}' is not almost or ratio`);
  if (!Number.isInteger(p.physAddrBits) || p.physAddrBits < 32 || p.physAddrBits > 64) problems.push(`physical address bits ${p.physAddrBits} is outside 32..64`);
  if (!Number.isInteger(p.zswapPools) || p.zswapPools < 1 || p.zswapPools > 64) problems.push(`zswap pools ${p.zswapPools} is outside 1..64`);
  return problems;
}
