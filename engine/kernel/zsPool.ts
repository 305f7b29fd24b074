// One zsmalloc pool, object by object, as mm/zsmalloc.c places them (v6.1 … v6.12).
//
// Everything lives in typed arrays indexed by integer ids, so zs_malloc and zs_free allocate no
// JS objects and cost O(1) (amortised: a new zspage threads its free list once, as
// init_zspage does). Ids:
//   class id  — position in SizeClassTable.classes (0 = smallest class)
//   zspage id — recycled only within its class, so its slot range can be reused as is
//   handle id — what alloc() returns; recycled LIFO like a slab freelist
// Slots: each zspage owns objsPerZspage consecutive entries of `slot`. An allocated slot holds
// its handle id (≥ 0); a free slot holds -(next free slot + 2), -1 ending the list, which is
// the kernel's link_free chain through the first word of free objects.
import { fullnessRules, type FullnessRules } from './fullness';
import type { KernelParams } from './params';
import { buildSizeClassTable, sizeClassIndex, type SizeClassTable } from './sizeClasses';

const NIL = -1;

function grow<T extends Int32Array | Uint16Array | Uint8Array>(a: T, min: number): T {
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

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
  readonly listHead: Int32Array;
  /** Zspages per (class, group): the debugfs fullness columns. */
  readonly groupCount: Int32Array;
  /** Bit g set when list (c, g) is non-empty, for the groups zs_malloc may pick from. */
  private readonly nonEmptyMask: Int32Array;
  /** ZS_OBJS_ALLOCATED / OBJ_ALLOCATED and ZS_OBJS_INUSE / OBJ_USED. */
  readonly objAllocated: Int32Array;
  readonly objUsed: Int32Array;
  /** Freed zspage ids of each class, chained through zsNext. */
  private readonly freeZspageHead: Int32Array;
  /** Request size (1..PAGE_SIZE) → class id. */
  private readonly classOfSize: Uint16Array;
  private readonly groups: number;
  private readonly fullGroup: number;
  /** ≤ v6.3 insert_zspage: a zspage using fewer objects than the list head goes second. */
  private readonly insertByInuse: boolean;

  // ---- per zspage (zspage id) ----
  zsClass = new Uint16Array(64);
  zsInuse = new Int32Array(64);
  /** Head of the zspage's free-slot list (slot number within the zspage), NIL when full. */
  zsFree = new Int32Array(64);
  zsGroup = new Uint8Array(64);
  zsPrev = new Int32Array(64);
  zsNext = new Int32Array(64);
  /** Index in `slot` of the zspage's slot 0. */
  zsBase = new Int32Array(64);
  private zspageIds = 0;

  // ---- slots and handles ----
  slot = new Int32Array(1024);
  private slotTop = 0;
  /** Zspage of an allocated handle; -(next free handle + 2) once freed. */
  hZspage = new Int32Array(1024);
  /** Slot number of the handle's object within its zspage. */
  hSlot = new Uint16Array(1024);
  /** Requested size − 1 (so a whole 64 KiB page fits in 16 bits). */
  hSize = new Uint16Array(1024);
  private handleIds = 0;
  private freeHandle = NIL;

  // ---- pool totals ----
  /** pool->pages_allocated (zs_get_total_pages). */
  pagesAllocated = 0;
  /** Highest pagesAllocated seen right after an allocation (zram's mem_used_max). */
  peakPages = 0;
  /** pool->stats.pages_compacted. */
  pagesCompacted = 0;
  /** Sum of the sizes passed to zs_malloc for live objects (zram's compr_data_size). */
  storedBytes = 0;
  liveObjects = 0;
  /** Live objects whose requested size is a whole page (zram's huge_pages). */
  pageSizedObjects = 0;

  constructor(name: string, params: KernelParams, table: SizeClassTable = buildSizeClassTable(params)) {
    this.name = name;
    this.params = params;
    this.table = table;
    this.rules = fullnessRules(params.fullness);
    this.groups = this.rules.groupCount;
    this.fullGroup = this.rules.fullGroup;
    this.insertByInuse = params.fullness === 'almost';

    const n = table.classes.length;
    this.classObjs = Int32Array.from(table.classes, (c) => c.objsPerZspage);
    this.classPages = Int32Array.from(table.classes, (c) => c.pagesPerZspage);
    this.groupBase = new Int32Array(n);
    let total = 0;
    for (let c = 0; c < n; c++) {
      this.groupBase[c] = total;
      total += this.classObjs[c] + 1;
    }
    this.groupOf = new Uint8Array(total);
    for (let c = 0; c < n; c++) {
      for (let inuse = 0; inuse <= this.classObjs[c]; inuse++) this.groupOf[this.groupBase[c] + inuse] = this.rules.group(inuse, this.classObjs[c]);
    }
    this.listHead = new Int32Array(n * this.groups).fill(NIL);
    this.groupCount = new Int32Array(n * this.groups);
    this.nonEmptyMask = new Int32Array(n);
    this.objAllocated = new Int32Array(n);
    this.objUsed = new Int32Array(n);
    this.freeZspageHead = new Int32Array(n).fill(NIL);
    this.classOfSize = new Uint16Array(table.maxAllocSize + 1);
    for (let size = 1; size <= table.maxAllocSize; size++) {
      this.classOfSize[size] = table.classOfIndex[sizeClassIndex(table, size + table.handleSize)];
    }
  }

  /** The class id zs_malloc(size) uses. */
  classOf(size: number): number {
    return this.classOfSize[size];
  }

  /**
   * zs_malloc(size): returns a handle id, or -1 when size is 0 or above ZS_MAX_ALLOC_SIZE
   * (the kernel's -EINVAL / -ENOSPC). Picks the first zspage of the fullest non-full group
   * (find_get_zspage), else creates a zspage and inserts it after taking the object.
   */
  alloc(size: number): number {
    if (!(size >= 1 && size <= this.table.maxAllocSize)) return NIL;
    const c = this.classOfSize[size];
    const mask = this.nonEmptyMask[c];
    let zs: number;
    let fresh = false;
    if (mask !== 0) {
      zs = this.listHead[c * this.groups + (31 - Math.clz32(mask))];
    } else {
      zs = this.newZspage(c);
      fresh = true;
    }
    // obj_malloc: take the head of the zspage's free list.
    const base = this.zsBase[zs];
    const idx = this.zsFree[zs];
    this.zsFree[zs] = -this.slot[base + idx] - 2;
    const h = this.newHandle();
    this.slot[base + idx] = h;
    this.hZspage[h] = zs;
    this.hSlot[h] = idx;
    this.hSize[h] = size - 1;
    const inuse = ++this.zsInuse[zs];
    const g = this.groupOf[this.groupBase[c] + inuse];
    if (fresh) {
      this.insert(c, zs, g);
      this.pagesAllocated += this.classPages[c];
      this.objAllocated[c] += this.classObjs[c];
      if (this.pagesAllocated > this.peakPages) this.peakPages = this.pagesAllocated;
    } else if (g !== this.zsGroup[zs]) {
      this.remove(c, zs);
      this.insert(c, zs, g);
    }
    this.objUsed[c]++;
    this.liveObjects++;
    this.storedBytes += size;
    if (size === this.table.maxAllocSize) this.pageSizedObjects++;
    return h;
  }

  /** zs_free(handle): false if `h` is not a live handle (nothing changes then). */
  free(h: number): boolean {
    if (!(h >= 0 && h < this.handleIds) || this.hZspage[h] < 0) return false;
    const zs = this.hZspage[h];
    const size = this.hSize[h] + 1;
    this.hZspage[h] = -this.freeHandle - 2;
    this.freeHandle = h;
    const c = this.zsClass[zs];
    const inuse = this.freeSlot(zs, this.hSlot[h]);
    this.objUsed[c]--;
    this.liveObjects--;
    this.storedBytes -= size;
    if (size === this.table.maxAllocSize) this.pageSizedObjects--;
    if (inuse === 0) {
      this.remove(c, zs);
      this.freeZspage(c, zs);
    } else {
      const g = this.groupOf[this.groupBase[c] + inuse];
      if (g !== this.zsGroup[zs]) {
        this.remove(c, zs);
        this.insert(c, zs, g);
      }
    }
    return true;
  }

  /** True if `h` is a live handle. */
  isLive(h: number): boolean {
    return h >= 0 && h < this.handleIds && this.hZspage[h] >= 0;
  }

  /** Size passed to zs_malloc for live handle `h`. */
  sizeOf(h: number): number {
    return this.hSize[h] + 1;
  }

  /** Zspage and slot of live handle `h` (for tests and inspection; the hot path reads the arrays). */
  locate(h: number): { zspage: number; slot: number } {
    return { zspage: this.hZspage[h], slot: this.hSlot[h] };
  }

  /** Zspage ids of list (class c, group g) from its head, as zs_malloc and compaction see it. */
  listOrder(c: number, g: number): number[] {
    const order: number[] = [];
    for (let zs = this.listHead[c * this.groups + g]; zs !== NIL; zs = this.zsNext[zs]) order.push(zs);
    return order;
  }

  /** Group of zspage `zs` for its current use. */
  groupFor(zs: number): number {
    return this.groupOf[this.groupBase[this.zsClass[zs]] + this.zsInuse[zs]];
  }

  /** Number of zspages ever created and not recycled, i.e. the zspage id space in use. */
  get zspageIdCount(): number {
    return this.zspageIds;
  }

  // ---- list primitives shared with compaction ----

  /** insert_zspage: at the list head, or (≤ v6.3) second when it has fewer objects in use than the head. */
  insert(c: number, zs: number, g: number): void {
    const li = c * this.groups + g;
    this.groupCount[li]++;
    this.zsGroup[zs] = g;
    // The empty and full lists are never searched, so their order cannot matter: count only.
    if (g === 0 || g === this.fullGroup) return;
    const head = this.listHead[li];
    if (this.insertByInuse && head !== NIL && this.zsInuse[zs] < this.zsInuse[head]) {
      const next = this.zsNext[head];
      this.zsPrev[zs] = head;
      this.zsNext[zs] = next;
      this.zsNext[head] = zs;
      if (next !== NIL) this.zsPrev[next] = zs;
      return;
    }
    this.zsPrev[zs] = NIL;
    this.zsNext[zs] = head;
    if (head !== NIL) this.zsPrev[head] = zs;
    this.listHead[li] = zs;
    this.nonEmptyMask[c] |= 1 << g;
  }

  /** remove_zspage. */
  remove(c: number, zs: number): void {
    const g = this.zsGroup[zs];
    const li = c * this.groups + g;
    this.groupCount[li]--;
    if (g === 0 || g === this.fullGroup) return;
    const prev = this.zsPrev[zs];
    const next = this.zsNext[zs];
    if (prev !== NIL) this.zsNext[prev] = next;
    else {
      this.listHead[li] = next;
      if (next === NIL) this.nonEmptyMask[c] &= ~(1 << g);
    }
    if (next !== NIL) this.zsPrev[next] = prev;
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
    const h = this.slot[this.zsBase[src] + srcSlot];
    const dBase = this.zsBase[dst];
    const dSlot = this.zsFree[dst];
    this.zsFree[dst] = -this.slot[dBase + dSlot] - 2;
    this.slot[dBase + dSlot] = h;
    this.zsInuse[dst]++;
    this.hZspage[h] = dst;
    this.hSlot[h] = dSlot;
    this.freeSlot(src, srcSlot);
  }

  /** First allocated slot of zspage `zs` at or after `from`, or -1 (find_alloced_obj's scan order). */
  nextAllocatedSlot(zs: number, from: number): number {
    const base = this.zsBase[zs];
    const objs = this.classObjs[this.zsClass[zs]];
    for (let i = from; i < objs; i++) if (this.slot[base + i] >= 0) return i;
    return NIL;
  }

  /** Frees an empty zspage that is on no list: its pages go back, its id is kept for the class. */
  freeZspage(c: number, zs: number): void {
    this.pagesAllocated -= this.classPages[c];
    this.objAllocated[c] -= this.classObjs[c];
    this.zsNext[zs] = this.freeZspageHead[c];
    this.freeZspageHead[c] = zs;
  }

  // ---- internals ----

  /** obj_free: push the slot on the zspage's free list (LIFO); returns the zspage's new inuse. */
  private freeSlot(zs: number, s: number): number {
    this.slot[this.zsBase[zs] + s] = -this.zsFree[zs] - 2;
    this.zsFree[zs] = s;
    return --this.zsInuse[zs];
  }

  /** alloc_zspage + init_zspage: a zspage of class `c` whose free list runs 0, 1, 2, … */
  private newZspage(c: number): number {
    const objs = this.classObjs[c];
    let zs = this.freeZspageHead[c];
    if (zs !== NIL) {
      this.freeZspageHead[c] = this.zsNext[zs];
    } else {
      zs = this.zspageIds++;
      if (zs >= this.zsClass.length) this.growZspages(zs + 1);
      if (this.slotTop + objs > this.slot.length) this.slot = grow(this.slot, this.slotTop + objs);
      this.zsBase[zs] = this.slotTop;
      this.slotTop += objs;
      this.zsClass[zs] = c;
    }
    const base = this.zsBase[zs];
    for (let i = 0; i < objs - 1; i++) this.slot[base + i] = -(i + 1) - 2;
    this.slot[base + objs - 1] = NIL;
    this.zsFree[zs] = 0;
    this.zsInuse[zs] = 0;
    return zs;
  }

  private growZspages(min: number): void {
    this.zsClass = grow(this.zsClass, min);
    this.zsInuse = grow(this.zsInuse, min);
    this.zsFree = grow(this.zsFree, min);
    this.zsGroup = grow(this.zsGroup, min);
    this.zsPrev = grow(this.zsPrev, min);
    this.zsNext = grow(this.zsNext, min);
    this.zsBase = grow(this.zsBase, min);
  }

  private newHandle(): number {
    const h = this.freeHandle;
    if (h !== NIL) {
      this.freeHandle = -this.hZspage[h] - 2;
      return h;
    }
    const id = this.handleIds++;
    if (id >= this.hZspage.length) {
      this.hZspage = grow(this.hZspage, id + 1);
      this.hSlot = grow(this.hSlot, id + 1);
      this.hSize = grow(this.hSize, id + 1);
    }
    return id;
  }

  /** Bytes held by the model's arrays (capacity, not just the part in use). */
  memoryBytes(): number {
    const arrays = [this.zsClass, this.zsInuse, this.zsFree, this.zsGroup, this.zsPrev, this.zsNext, this.zsBase, this.slot, this.hZspage, this.hSlot, this.hSize];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }
}
