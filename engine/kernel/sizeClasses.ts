// zsmalloc's size-class table, with the kernel's integer arithmetic (mm/zsmalloc.c:
// zs_create_pool, get_pages_per_zspage / calculate_zspage_chain_size, can_merge,
// get_size_class_index). Holds for v6.1 … v6.12; the rules that differ are KernelParams fields.
import type { KernelParams } from './params';

/** ZS_ALIGN: every class size is a multiple of 8 (all versions). */
export const ZS_ALIGN = 8;
/** CLASS_BITS: ZS_SIZE_CLASS_DELTA = PAGE_SIZE >> 8 (all versions). */
const CLASS_BITS = 8;
/** OBJ_TAG_BITS (all versions): the low bit marking an allocated object. */
const OBJ_TAG_BITS = 1;

export interface SizeClass {
  /** class->index: the largest size-class index this class serves (its debugfs `class`). */
  readonly index: number;
  /** The smallest index merged into this class (indices firstIndex..index use it). */
  readonly firstIndex: number;
  /** class->size, the slot size in bytes including the in-object handle header. */
  readonly size: number;
  readonly pagesPerZspage: number;
  readonly objsPerZspage: number;
  /** One object per one-page zspage: the handle lives in the page, not in the object. */
  readonly huge: boolean;
  /** Bytes at the end of each zspage that no object can use. */
  readonly wasteBytes: number;
}

export interface SizeClassTable {
  readonly params: KernelParams;
  /** ZS_HANDLE_SIZE = sizeof(unsigned long). */
  readonly handleSize: number;
  readonly minAllocSize: number;
  /** ZS_MAX_ALLOC_SIZE = PAGE_SIZE: the largest size zs_malloc accepts. */
  readonly maxAllocSize: number;
  readonly delta: number;
  /** ZS_SIZE_CLASSES: number of size-class indices (before merging). */
  readonly indexCount: number;
  /** Distinct classes in ascending index order (what debugfs lists). */
  readonly classes: readonly SizeClass[];
  /** For each size-class index, the position in `classes` of the class serving it. */
  readonly classOfIndex: Uint16Array;
  /** zs_huge_class_size(): requests of at least this many bytes land in a huge class. */
  readonly hugeClassSize: number;
}

/** ZS_MIN_ALLOC_SIZE = max(32, (ZS_MAX_PAGES_PER_ZSPAGE << PAGE_SHIFT) >> OBJ_INDEX_BITS). */
export function minAllocSize(p: KernelParams): number {
  const pageShift = Math.log2(p.pageSize);
  const pfnBits = p.physAddrBits - pageShift;
  const objIndexBits = p.wordBits - pfnBits - (p.objIndexReservesTagBit ? OBJ_TAG_BITS : 0);
  if (objIndexBits <= 0) throw new RangeError(`no bits left for the object index (word ${p.wordBits}, physical address ${p.physAddrBits} bits)`);
  return Math.max(32, Math.floor((p.chainSize * p.pageSize) / 2 ** objIndexBits));
}

/** Pages per zspage for `size`, by the rule of the kernel version (see ChainRule). */
export function pagesPerZspage(size: number, p: KernelParams): number {
  return p.chainRule === 'usedpc' ? chainByUsedPercent(size, p) : chainByMinWaste(size, p);
}

/** get_pages_per_zspage (≤ v6.2): highest integer used percentage; a later k must be strictly better. */
function chainByUsedPercent(size: number, p: KernelParams): number {
  let best = 1;
  let bestUsedPct = 0;
  for (let k = 1; k <= p.chainSize; k++) {
    const zspageSize = k * p.pageSize;
    const usedPct = Math.floor(((zspageSize - (zspageSize % size)) * 100) / zspageSize);
    if (usedPct > bestUsedPct) {
      bestUsedPct = usedPct;
      best = k;
    }
  }
  return best;
}

/** calculate_zspage_chain_size (≥ v6.3): least tail waste, first k wins ties; powers of two take one page. */
function chainByMinWaste(size: number, p: KernelParams): number {
  if ((size & (size - 1)) === 0) return 1;
  let best = 1;
  let bestWaste = Infinity;
  for (let k = 1; k <= p.chainSize; k++) {
    const waste = (k * p.pageSize) % size;
    if (waste < bestWaste) {
      bestWaste = waste;
      best = k;
    }
  }
  return best;
}

/**
 * Builds the table as zs_create_pool does: indices from the largest down, each class merged into
 * the previously created (next larger) one when pages and objects per zspage are equal.
 */
export function buildSizeClassTable(p: KernelParams): SizeClassTable {
  const handleSize = p.wordBits / 8;
  const minSize = minAllocSize(p);
  const maxSize = p.pageSize;
  const delta = p.pageSize >> CLASS_BITS;
  const indexCount = Math.ceil((maxSize - minSize) / delta) + 1;

  const descending: { index: number; firstIndex: number; size: number; pages: number; objs: number }[] = [];
  let hugeClassSize = 0;
  for (let i = indexCount - 1; i >= 0; i--) {
    const size = Math.min(minSize + i * delta, maxSize);
    const pages = pagesPerZspage(size, p);
    const objs = Math.floor((pages * p.pageSize) / size);
    // The first class (from the top) that is not one-page-one-object sets huge_class_size; the
    // handle header is subtracted because zs_malloc adds it before the class lookup.
    if (pages !== 1 && objs !== 1 && hugeClassSize === 0) hugeClassSize = size - (handleSize - 1);
    const prev = descending[descending.length - 1];
    if (prev && prev.pages === pages && prev.objs === objs) {
      prev.firstIndex = i;
      continue;
    }
    descending.push({ index: i, firstIndex: i, size, pages, objs });
  }

  const classes: SizeClass[] = descending.reverse().map((c) => ({
    index: c.index,
    firstIndex: c.firstIndex,
    size: c.size,
    pagesPerZspage: c.pages,
    objsPerZspage: c.objs,
    huge: c.pages === 1 && c.objs === 1,
    wasteBytes: c.pages * p.pageSize - c.objs * c.size,
  }));
  const classOfIndex = new Uint16Array(indexCount);
  classes.forEach((c, pos) => classOfIndex.fill(pos, c.firstIndex, c.index + 1));
  return { params: p, handleSize, minAllocSize: minSize, maxAllocSize: maxSize, delta, indexCount, classes, classOfIndex, hugeClassSize };
}

/** get_size_class_index: the size-class index for a slot of `slotSize` bytes (request + handle). */
export function sizeClassIndex(table: SizeClassTable, slotSize: number): number {
  const idx = slotSize > table.minAllocSize ? Math.ceil((slotSize - table.minAllocSize) / table.delta) : 0;
  return Math.min(table.indexCount - 1, idx);
}

/** The class zs_malloc(size) allocates from: the handle header is added first, as the kernel does. */
export function classForRequest(table: SizeClassTable, size: number): SizeClass {
  return table.classes[table.classOfIndex[sizeClassIndex(table, size + table.handleSize)]];
}
