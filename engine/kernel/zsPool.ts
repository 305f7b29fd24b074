// One zsmalloc pool, object by object, as mm/zsmalloc.c places them (v6.1 … v6.12).
//
// Everything lives in typed arrays indexed by integer ids, so zs_malloc and zs_free allocate no
// JS objects and cost O(1) (amortised: a new zspage threads its free list once, as
// init_zspage does). A random zs_free is bound by memory latency, as the kernel's is, so the
// layout keeps what one operation touches close together:
//   zspage — a 16-byte header followed by its slots, one int32 each, in one arena; the zspage
//            id is the header's offset in the arena. Ids are recycled only within a class, so
//            a freed zspage's place is reused as is.
//   slot   — an allocated slot holds its handle id (≥ 0); a free slot holds -(next free slot + 2),
//            -1 ending the list: the kernel's link_free chain through the first word of free objects.
//   handle — what alloc() returns: with the SLUB model on, an object of the pool's zs_handle
//            cache (as the kernel's handle is), else the pool's own; an 8-byte record either
//            way (handleRecords.ts).
//   class  — position in SizeClassTable.classes (0 = smallest class).
import { fullnessRules, type FullnessRules } from './fullness';
import type { KernelParams } from './params';
import { classLookup, sizeClassTableOf } from './classLookup';
import { grow } from './growArray';
import type { SizeClassTable } from './sizeClasses';
import { HANDLE_RECORD_INTS, OwnHandleRecords, type HandleRecords } from './handleRecords';
import type { SlubCache } from './slub';

/** The two slab caches a pool allocates its metadata from (its own, or shared with other pools). */
export interface PoolSlabCaches {
  /** `zs_handle`: one object per live zsmalloc object (the handle word); made with HANDLE_RECORD_INTS ints per object, its objects are the handle records. */
  readonly handles: SlubCache;
  /** `zspage`: one struct zspage per zspage. */
  readonly zspages: SlubCache;
  /** The pair serves several pools: their handles come from one id space, so a pool must tell its own from the others'. */
  readonly shared: boolean;
}

const NIL = -1;

// Zspage header in the arena: 5 int32 fields, then the zspage's slots.
const HEADER = 5;
/** class id | fullness group << 16 */
const Z_CLASS_GROUP = 0;
/** objects in use | (head of the free-slot list + 1) << 16; the +1 makes 0 mean "full" (slots < 32768). */
const Z_INUSE_FREE = 1;
const Z_PREV = 2;
const Z_NEXT = 3;
/** The zspage's struct zspage: its object id in the zspage cache (when the pool has slab caches). */
const Z_STRUCT = 4;

// Pool totals (Float64Array).
const T_PAGES = 0;
const T_PEAK = 1;
const T_COMPACTED = 2;
const T_STORED = 3;
const T_LIVE = 4;
const T_PAGE_SIZED = 5;

export class ZsPool {
  readonly name: string;
  readonly params: KernelParams;
  readonly table: SizeClassTable;
  readonly rules: FullnessRules;

  // ---- per class (class id) ----
  /** objs_per_zspage and pages_per_zspage per class. */
  readonly classObjs: Int32Array;
  readonly classPages: Int32Array;
  /** groupOf[groupBase[c] + inuse]: the fullness group, precomputed so the hot path does no division. */
  private readonly groupOf: Uint8Array;
  private readonly groupBase: Int32Array;
  /** Head zspage of each (class, group) list, at c * groupCount + g. */
  private readonly listHead: Int32Array;
  /** Zspages per (class, group): the debugfs fullness columns. */
  readonly groupCount: Int32Array;
  /** Bit g set when list (c, g) is non-empty, for the groups zs_malloc may pick from. */
  private readonly nonEmptyMask: Int32Array;
  /** ZS_OBJS_ALLOCATED / OBJ_ALLOCATED and ZS_OBJS_INUSE / OBJ_USED. */
  readonly objAllocated: Int32Array;
  readonly objUsed: Int32Array;
  /** Bytes stored per class (the sizes passed to zs_malloc): not a kernel statistic, for per-class fragmentation. */
  readonly classStored: Float64Array;
  /** Freed zspage ids of each class, chained through their Z_NEXT field. */
  private readonly freeZspageHead: Int32Array;
  /** Request size (1..PAGE_SIZE) → class id. */
  private readonly classOfSize: Uint16Array;
  private readonly groups: number;
  private readonly fullGroup: number;
  /** ≤ v6.3 insert_zspage: a zspage using fewer objects than the list head goes second. */
  private readonly insertByInuse: boolean;
  /** PAGE_SIZE = ZS_MAX_ALLOC_SIZE. */
  private readonly pageSize: number;

  // ---- zspages: headers and slots ----
  /** Zspage headers (Z_* fields at the zspage id) each followed by its slots. */
  private arena = new Int32Array(4096);
  private arenaTop = 0;

  // ---- handles ----
  /**
   * Handle records at h × 2: [zspage, slot << 16 | (size − 1)] (size − 1 fits 16 bits for a
   * whole 64 KiB page; slots < 32768). Shared with the other pools when they share the cache.
   */
  private readonly handles: HandleRecords;
  /** Other pools' handles have live records in `handles` too (caches shared). */
  private readonly handlesShared: boolean;

  // ---- pool totals ----
  // Kept in a Float64Array, not in number fields: a field that outgrows a small integer (stored
  // bytes pass 2^30 quickly) changes the object's shape and throws away V8's optimised code.
  private readonly totals = new Float64Array(6);

  /** pool->pages_allocated (zs_get_total_pages). */
  get pagesAllocated(): number {
    return this.totals[T_PAGES];
  }
  /** Highest pagesAllocated seen right after an allocation (zram's mem_used_max). */
  get peakPages(): number {
    return this.totals[T_PEAK];
  }
  /** pool->stats.pages_compacted. */
  get pagesCompacted(): number {
    return this.totals[T_COMPACTED];
  }
  /** Sum of the sizes passed to zs_malloc for live objects (zram's compr_data_size). */
  get storedBytes(): number {
    return this.totals[T_STORED];
  }
  get liveObjects(): number {
    return this.totals[T_LIVE];
  }
  /** Live objects whose requested size is a whole page (zram's huge_pages). */
  get pageSizedObjects(): number {
    return this.totals[T_PAGE_SIZED];
  }
  /** zs_compact adds the pages it freed (pool->stats.pages_compacted). */
  addPagesCompacted(pages: number): void {
    this.totals[T_COMPACTED] += pages;
  }

  /** The slab caches of the pool's metadata, or null to leave SLUB out of the model. */
  readonly caches: PoolSlabCaches | null;

  constructor(name: string, params: KernelParams, table: SizeClassTable = sizeClassTableOf(params), caches: PoolSlabCaches | null = null) {
    this.name = name;
    this.caches = caches;
    if (caches && caches.handles.objectInts !== HANDLE_RECORD_INTS) throw new RangeError(`the zs_handle cache of pool ${name} must keep ${HANDLE_RECORD_INTS} ints per object (the handle record)`);
    this.handles = caches ? caches.handles : new OwnHandleRecords();
    this.handlesShared = caches?.shared ?? false;
    this.params = params;
    this.table = table;
    this.rules = fullnessRules(params.fullness);
    this.groups = this.rules.groupCount;
    this.fullGroup = this.rules.fullGroup;
    this.insertByInuse = params.fullness === 'almost';
    this.pageSize = table.maxAllocSize;

    const n = table.classes.length;
    // The zspage record keeps in-use count and free-list head in 16 bits each. The most objects
    // per zspage of any valid geometry is 2048 (64 KiB pages, class 32), far below the limit.
    if (table.classes.some((c) => c.objsPerZspage > 32767)) throw new RangeError('a size class has more than 32767 objects per zspage');
    ({ classObjs: this.classObjs, classPages: this.classPages, groupOf: this.groupOf, groupBase: this.groupBase, classOfSize: this.classOfSize } = classLookup(table, this.rules));
    this.listHead = new Int32Array(n * this.groups).fill(NIL);
    this.groupCount = new Int32Array(n * this.groups);
    this.nonEmptyMask = new Int32Array(n);
    this.objAllocated = new Int32Array(n);
    this.objUsed = new Int32Array(n);
    this.classStored = new Float64Array(n);
    this.freeZspageHead = new Int32Array(n).fill(NIL);
  }

  /**
   * zs_malloc(size): returns a handle id, or -1 when size is 0 or above ZS_MAX_ALLOC_SIZE
   * (the kernel's -EINVAL / -ENOSPC). Picks the first zspage of the fullest non-full group
   * (find_get_zspage), else creates a zspage and inserts it after taking the object.
   */
  alloc(size: number, cpu = 0): number {
    if (!(size >= 1 && size <= this.pageSize)) return NIL;
    // cache_alloc_handle comes first, before the class is even looked up.
    const h = this.handles.alloc(cpu);
    const c = this.classOfSize[size];
    const mask = this.nonEmptyMask[c];
    const fresh = mask === 0;
    const zs = fresh ? this.newZspage(c, cpu) : this.listHead[c * this.groups + (31 - Math.clz32(mask))];
    const a = this.arena;
    // obj_malloc: take the head of the zspage's free list.
    const inuseFree = a[zs + Z_INUSE_FREE];
    const idx = (inuseFree >>> 16) - 1;
    const at = zs + HEADER + idx;
    const nextFree = -a[at] - 2;
    const inuse = (inuseFree & 0xffff) + 1;
    a[zs + Z_INUSE_FREE] = inuse | ((nextFree + 1) << 16);
    a[at] = h;
    const records = this.handles.objects;
    records[h * 2] = zs;
    records[h * 2 + 1] = (idx << 16) | (size - 1);
    const g = this.groupOf[this.groupBase[c] + inuse];
    const t = this.totals;
    if (fresh) {
      this.insert(c, zs, g);
      const pages = (t[T_PAGES] += this.classPages[c]);
      this.objAllocated[c] += this.classObjs[c];
      if (pages > t[T_PEAK]) t[T_PEAK] = pages;
    } else if (g !== a[zs + Z_CLASS_GROUP] >>> 16) {
      this.remove(c, zs);
      this.insert(c, zs, g);
    }
    this.objUsed[c]++;
    this.classStored[c] += size;
    t[T_LIVE]++;
    t[T_STORED] += size;
    if (size === this.pageSize) t[T_PAGE_SIZED]++;
    return h;
  }

  /** zs_free(handle): false if `h` is not a live handle (nothing changes then). */
  free(h: number, cpu = 0): boolean {
    const records = this.handles.objects;
    if (!(h >= 0 && h * 2 < records.length)) return false;
    const zs = records[h * 2];
    if (zs < 0) return false;
    const packed = records[h * 2 + 1];
    // Only with shared caches (the check costs a dependent load, ~5% of a zs_free at 1 M objects).
    if (this.handlesShared && this.handleAt(zs, packed >>> 16) !== h) return false;
    const size = (packed & 0xffff) + 1;
    const classGroup = this.arena[zs + Z_CLASS_GROUP];
    const c = classGroup & 0xffff;
    const inuse = this.freeSlot(zs, packed >>> 16);
    const t = this.totals;
    this.objUsed[c]--;
    this.classStored[c] -= size;
    t[T_LIVE]--;
    t[T_STORED] -= size;
    if (size === this.pageSize) t[T_PAGE_SIZED]--;
    if (inuse === 0) {
      this.remove(c, zs);
      this.freeZspage(c, zs, cpu);
    } else {
      const g = this.groupOf[this.groupBase[c] + inuse];
      if (g !== classGroup >>> 16) {
        this.remove(c, zs);
        this.insert(c, zs, g);
      }
    }
    // cache_free_handle comes last, after the zspage (if emptied) went back.
    this.handles.free(h, cpu);
    return true;
  }

  /**
   * True if `h` is a live handle of this pool. A handle of another pool sharing the zs_handle
   * cache has a live record too, but its slot in this pool's arena does not hold it.
   */
  isLive(h: number): boolean {
    const records = this.handles.objects;
    if (!(h >= 0 && h * 2 < records.length)) return false;
    const zs = records[h * 2];
    return zs >= 0 && this.handleAt(zs, records[h * 2 + 1] >>> 16) === h;
  }

  /** Size passed to zs_malloc for live handle `h`. */
  sizeOf(h: number): number {
    return (this.handles.objects[h * 2 + 1] & 0xffff) + 1;
  }

  /** Zspage and slot of live handle `h` (for tests and inspection; the hot path reads the records). */
  locate(h: number): { zspage: number; slot: number } {
    const records = this.handles.objects;
    return { zspage: records[h * 2], slot: records[h * 2 + 1] >>> 16 };
  }

  /** The handle in slot `s` of zspage `zs`, or -1 if the slot is free. */
  handleAt(zs: number, s: number): number {
    const v = this.arena[zs + HEADER + s];
    return v >= 0 ? v : NIL;
  }

  classOfZspage(zs: number): number {
    return this.arena[zs + Z_CLASS_GROUP] & 0xffff;
  }

  inuseOf(zs: number): number {
    return this.arena[zs + Z_INUSE_FREE] & 0xffff;
  }

  /** Zspage ids of list (class c, group g) from its head, as zs_malloc and compaction see it. */
  listOrder(c: number, g: number): number[] {
    const order: number[] = [];
    for (let zs = this.listHead[c * this.groups + g]; zs !== NIL; zs = this.arena[zs + Z_NEXT]) order.push(zs);
    return order;
  }

  /** Group of zspage `zs` for its current use. */
  groupFor(zs: number): number {
    return this.groupOf[this.groupBase[this.classOfZspage(zs)] + this.inuseOf(zs)];
  }

  // ---- list primitives shared with compaction ----

  /** insert_zspage: at the list head, or (≤ v6.3) second when it has fewer objects in use than the head. */
  insert(c: number, zs: number, g: number): void {
    const a = this.arena;
    const li = c * this.groups + g;
    this.groupCount[li]++;
    a[zs + Z_CLASS_GROUP] = c | (g << 16);
    // The empty and full lists are never searched, so their order cannot matter: count only.
    if (g === 0 || g === this.fullGroup) return;
    const head = this.listHead[li];
    if (this.insertByInuse && head !== NIL && this.inuseOf(zs) < this.inuseOf(head)) {
      const next = a[head + Z_NEXT];
      a[zs + Z_PREV] = head;
      a[zs + Z_NEXT] = next;
      a[head + Z_NEXT] = zs;
      if (next !== NIL) a[next + Z_PREV] = zs;
      return;
    }
    a[zs + Z_PREV] = NIL;
    a[zs + Z_NEXT] = head;
    if (head !== NIL) a[head + Z_PREV] = zs;
    this.listHead[li] = zs;
    this.nonEmptyMask[c] |= 1 << g;
  }

  /** remove_zspage. */
  remove(c: number, zs: number): void {
    const a = this.arena;
    const g = a[zs + Z_CLASS_GROUP] >>> 16;
    const li = c * this.groups + g;
    this.groupCount[li]--;
    if (g === 0 || g === this.fullGroup) return;
    const prev = a[zs + Z_PREV];
    const next = a[zs + Z_NEXT];
    if (prev !== NIL) a[prev + Z_NEXT] = next;
    else {
      this.listHead[li] = next;
      if (next === NIL) this.nonEmptyMask[c] &= ~(1 << g);
    }
    if (next !== NIL) a[next + Z_PREV] = prev;
  }

  /** First zspage of the first non-empty group in `order`, taken off its list; NIL if none. */
  isolateFirst(c: number, order: readonly number[]): number {
    for (const g of order) {
      const zs = this.listHead[c * this.groups + g];
      if (zs !== NIL) {
        this.remove(c, zs);
        return zs;
      }
    }
    return NIL;
  }

  /** putback_zspage: insert into the group of its current use; returns that group. */
  putback(c: number, zs: number): number {
    const g = this.groupFor(zs);
    this.insert(c, zs, g);
    return g;
  }

  /** Moves the object in slot `srcSlot` of zspage `src` to the free-list head slot of `dst`. */
  moveObject(src: number, srcSlot: number, dst: number): void {
    const a = this.arena;
    const h = a[src + HEADER + srcSlot];
    const inuseFree = a[dst + Z_INUSE_FREE];
    const dSlot = (inuseFree >>> 16) - 1;
    const at = dst + HEADER + dSlot;
    const nextFree = -a[at] - 2;
    a[dst + Z_INUSE_FREE] = ((inuseFree & 0xffff) + 1) | ((nextFree + 1) << 16);
    a[at] = h;
    const records = this.handles.objects;
    records[h * 2] = dst;
    records[h * 2 + 1] = (dSlot << 16) | (records[h * 2 + 1] & 0xffff);
    this.freeSlot(src, srcSlot);
  }

  /** First allocated slot of zspage `zs` at or after `from`, or -1 (find_alloced_obj's scan order). */
  nextAllocatedSlot(zs: number, from: number): number {
    const base = zs + HEADER;
    const objs = this.classObjs[this.classOfZspage(zs)];
    for (let i = from; i < objs; i++) if (this.arena[base + i] >= 0) return i;
    return NIL;
  }

  /** Frees an empty zspage that is on no list: its pages go back, its id is kept for the class. */
  freeZspage(c: number, zs: number, cpu: number): void {
    if (this.caches) this.caches.zspages.free(this.arena[zs + Z_STRUCT], cpu);
    this.totals[T_PAGES] -= this.classPages[c];
    this.objAllocated[c] -= this.classObjs[c];
    this.arena[zs + Z_NEXT] = this.freeZspageHead[c];
    this.freeZspageHead[c] = zs;
  }

  // ---- internals ----

  /** obj_free: push the slot on the zspage's free list (LIFO); returns the zspage's new inuse. */
  private freeSlot(zs: number, s: number): number {
    const a = this.arena;
    const inuseFree = a[zs + Z_INUSE_FREE];
    a[zs + HEADER + s] = -((inuseFree >>> 16) - 1) - 2;
    const inuse = (inuseFree & 0xffff) - 1;
    a[zs + Z_INUSE_FREE] = inuse | ((s + 1) << 16);
    return inuse;
  }

  /** alloc_zspage + init_zspage: a zspage of class `c` whose free list runs 0, 1, 2, … */
  private newZspage(c: number, cpu: number): number {
    const objs = this.classObjs[c];
    let zs = this.freeZspageHead[c];
    if (zs !== NIL) {
      this.freeZspageHead[c] = this.arena[zs + Z_NEXT];
    } else {
      zs = this.arenaTop;
      this.arenaTop += HEADER + objs;
      if (this.arenaTop > this.arena.length) this.arena = grow(this.arena, this.arenaTop);
    }
    const a = this.arena;
    const base = zs + HEADER;
    for (let i = 0; i < objs - 1; i++) a[base + i] = -(i + 1) - 2;
    a[base + objs - 1] = NIL;
    a[zs + Z_CLASS_GROUP] = c;
    a[zs + Z_INUSE_FREE] = 1 << 16; // nothing in use, free list starts at slot 0
    if (this.caches) a[zs + Z_STRUCT] = this.caches.zspages.alloc(cpu);
    return zs;
  }

  /**
   * Bytes held by the model's per-zspage, per-slot and per-handle arrays (capacity, not just
   * use); handle records kept by a shared zs_handle cache are counted with each pool.
   */
  memoryBytes(): number {
    return this.arena.byteLength + this.handles.objects.byteLength;
  }
}
