// One SLUB kmem_cache (mm/slub.c, v6.1 … v6.12) as far as it decides /proc/slabinfo: which slab
// each allocation comes from, which lists a slab is on, and when an empty slab is given back.
//
// alloc(cpu) returns an object id and free(id, cpu) gives the object back, as kmem_cache_alloc
// and kmem_cache_free do with addresses: object id = slab number × objects per slab + index, so
// the slab of an object is a shift away. Which free object of a slab is handed out changes no
// count SLUB reports; the model takes them LIFO from the slab's own free list, as SLUB's
// per-slab freelist does. A slab is one record in an Int32Array, an object `objectInts` ints in
// another (the user's payload, e.g. zsmalloc's handle record: zs_handle objects are what a
// handle is, so the handle record needs no table of its own); no JS object is made per operation.
//
// States of a slab (kernel terms in brackets):
//   CPU          the active slab of one CPU [c->slab, frozen]
//   CPU_PARTIAL  on one CPU's partial list [c->partial; frozen up to v6.7, not frozen from v6.8,
//                which changes no count: a free to it never moves it in either version]
//   NODE_PARTIAL on the node's partial list [n->partial], in list order
//   FULL         on no list: every object allocated (or the CPU dropped it when it filled up)
// Only free objects of NODE_PARTIAL slabs count as free in /proc/slabinfo; free objects of CPU
// and CPU_PARTIAL slabs are reported as active.

import { grow } from './growArray';

const NIL = -1;
const STRIDE = 5;
/** state | cpu << 4 */
const S_STATE = 0;
/** Objects really in use (not the kernel's slab->inuse of a frozen slab, which counts all). */
const S_INUSE = 1;
const S_PREV = 2;
/** Next slab on the node partial list, the CPU partial list, or the free-record chain. */
const S_NEXT = 3;
/** First object of the slab's free list (NIL when every object is allocated). */
const S_FREE = 4;

const CPU = 1;
const CPU_PARTIAL = 2;
const NODE_PARTIAL = 3;
const FULL = 4;

export interface SlubCacheGeometry {
  /** s->object_size: what kmem_cache_create was given. */
  readonly objectSize: number;
  /** s->size: the slabinfo `objsize` column. */
  readonly size: number;
  readonly order: number;
  readonly objectsPerSlab: number;
  readonly pagesPerSlab: number;
  /** s->min_partial: empty slabs kept on the node partial list before SLUB frees them. */
  readonly minPartial: number;
  /** s->cpu_partial_slabs: the per-CPU partial list is drained when a free finds it this long. */
  readonly cpuPartialSlabs: number;
}

export interface SlubTuning {
  readonly pageSize: number;
  readonly wordBits: number;
  /** num_present_cpus(), which sets min_objects for the slab order. */
  readonly cpus: number;
  /** slub_min_order / slub_max_order / slub_min_objects boot parameters (defaults 0 / 3 / 0). */
  readonly minOrder?: number;
  readonly maxOrder?: number;
  readonly minObjects?: number;
  /** CONFIG_SLUB_CPU_PARTIAL (y in distribution kernels). */
  readonly cpuPartial?: boolean;
}

const MAX_OBJS_PER_PAGE = 32767;

function fls(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

/** get_order(): the smallest order whose block holds `bytes`. */
function getOrder(bytes: number, pageSize: number): number {
  let order = 0;
  while (pageSize * 2 ** order < bytes) order++;
  return order;
}

/** calculate_order (v6.8+ form; for objects this small the older loop gives the same order). */
function slabOrder(size: number, t: SlubTuning): number {
  const minOrderParam = t.minOrder ?? 0;
  const maxOrder = t.maxOrder ?? 3; // PAGE_ALLOC_COSTLY_ORDER
  let minObjects = t.minObjects ?? 0;
  if (!minObjects) minObjects = 4 * (fls(t.cpus) + 1);
  const objectsAt = (order: number) => Math.floor((t.pageSize * 2 ** order) / size);
  minObjects = Math.min(minObjects, Math.max(objectsAt(maxOrder), 1));
  const minOrder = Math.max(minOrderParam, getOrder(minObjects * size, t.pageSize));
  if (objectsAt(minOrder) > MAX_OBJS_PER_PAGE) return getOrder(size * MAX_OBJS_PER_PAGE, t.pageSize) - 1;
  for (let fraction = 16; fraction > 1; fraction /= 2) {
    for (let order = minOrder; order <= maxOrder; order++) {
      const slabSize = t.pageSize * 2 ** order;
      if (slabSize % size <= slabSize / fraction) return order;
    }
  }
  return getOrder(size, t.pageSize);
}

/** kmem_cache_create with align 0, no flags, no constructor: the geometry SLUB computes. */
export function slubGeometry(objectSize: number, t: SlubTuning): SlubCacheGeometry {
  const word = t.wordBits / 8;
  // calculate_alignment: ARCH_SLAB_MINALIGN = __alignof__(unsigned long long) = 8, rounded up to
  // the word size; calculate_sizes: the object rounded up to the word, then to the alignment.
  const align = Math.ceil(8 / word) * word;
  const size = Math.ceil(Math.ceil(objectSize / word) * word / align) * align;
  const order = slabOrder(size, t);
  const objectsPerSlab = Math.floor((t.pageSize * 2 ** order) / size);
  // MIN_PARTIAL 5 ≤ ilog2(size) / 2 ≤ MAX_PARTIAL 10.
  const minPartial = Math.min(10, Math.max(5, Math.floor(Math.floor(Math.log2(size)) / 2)));
  // set_cpu_partial: objects by size class, then slabs assuming half-full slabs (slub_set_cpu_partial).
  const cpuPartialObjects = t.cpuPartial === false ? 0 : size >= t.pageSize ? 6 : size >= 1024 ? 24 : size >= 256 ? 52 : 120;
  const cpuPartialSlabs = Math.ceil((cpuPartialObjects * 2) / objectsPerSlab);
  return { objectSize, size, order, objectsPerSlab, pagesPerSlab: 2 ** order, minPartial, cpuPartialSlabs };
}

/** The /proc/slabinfo numbers of one cache (get_slabinfo). */
export interface SlabInfo {
  readonly activeObjs: number;
  readonly numObjs: number;
  readonly numSlabs: number;
}

/** /sys/kernel/slab/<cache>/ attributes the oracle records. */
export interface SlabSysfs {
  readonly objects: number;
  readonly totalObjects: number;
  readonly slabs: number;
  /** CPU slabs plus the slabs on CPU partial lists (show_slab_objects with SO_CPU). */
  readonly cpuSlabs: number;
  readonly objectsPartial: number;
}

export class SlubCache {
  readonly name: string;
  readonly geometry: SlubCacheGeometry;
  /** get_slabinfo scans at most this many node partial slabs and estimates the rest (v6.10+), or null to count them all. */
  private readonly partialScanLimit: number | null;

  private rec = new Int32Array(64 * STRIDE);
  private records = 0;
  /**
   * Objects by id, `objectInts` ints each. While an object is free its first int is
   * -(next free object of its slab + 2): negative, -1 ending the list. While allocated, all of
   * it belongs to the user, whose first int must then be ≥ 0.
   */
  objects: Int32Array<ArrayBuffer>;
  readonly objectInts: number;
  /** log2(objects per slab) when that is a power of two (always for zs_handle), else -1. */
  private readonly objectShift: number;
  private freeRecord = NIL;
  private readonly cpuSlab: Int32Array;
  private readonly cpuPartialHead: Int32Array;
  private readonly cpuPartialCount: Int32Array;
  private nodeHead = NIL;
  private nodeTail = NIL;
  private nrPartial = 0;
  /** Free objects on the node partial list, kept up to date so that slabinfo costs O(1). */
  private nodeFree = 0;
  private slabs = 0;
  private live = 0;

  constructor(name: string, geometry: SlubCacheGeometry, cpus: number, partialScanLimit: number | null, objectInts = 1) {
    this.name = name;
    this.geometry = geometry;
    this.objectInts = objectInts;
    this.objects = new Int32Array(geometry.objectsPerSlab * objectInts);
    const n = geometry.objectsPerSlab;
    this.objectShift = (n & (n - 1)) === 0 ? 31 - Math.clz32(n) : -1;
    this.partialScanLimit = partialScanLimit;
    this.cpuSlab = new Int32Array(cpus).fill(NIL);
    this.cpuPartialHead = new Int32Array(cpus).fill(NIL);
    this.cpuPartialCount = new Int32Array(cpus);
  }

  // alloc and free are split into a fast path (the CPU slab has room; the slab is a CPU or CPU
  // partial slab) and the list work behind it: the fast paths are small enough for V8 to inline
  // into zs_malloc / zs_free, which run them once per simulated operation.

  /** kmem_cache_alloc on `cpu`: returns the object's id (see slabOf). */
  alloc(cpu: number): number {
    this.live++;
    const s = this.cpuSlab[cpu];
    if (s !== NIL && this.rec[s + S_INUSE] < this.geometry.objectsPerSlab) {
      this.rec[s + S_INUSE]++;
      return this.takeObject(s);
    }
    return this.allocFromNewCpuSlab(cpu, s);
  }

  /** The slab record of object `id`. */
  slabOf(id: number): number {
    return (this.objectShift >= 0 ? id >>> this.objectShift : Math.floor(id / this.geometry.objectsPerSlab)) * STRIDE;
  }

  /** Pops the head of slab `s`'s free list. */
  private takeObject(s: number): number {
    const id = this.rec[s + S_FREE];
    this.rec[s + S_FREE] = -this.objects[id * this.objectInts] - 2;
    return id;
  }

  /** ___slab_alloc: the CPU slab (if any) is full; the next one comes from the CPU partial list, the node, or the page allocator. */
  private allocFromNewCpuSlab(cpu: number, full: number): number {
    if (full !== NIL) {
      // The CPU slab has no free object left: drop it, it is now a full slab.
      this.rec[full + S_STATE] = FULL;
      this.cpuSlab[cpu] = NIL;
    }
    let s = this.cpuPartialHead[cpu];
    if (s !== NIL) {
      this.cpuPartialHead[cpu] = this.rec[s + S_NEXT];
      this.cpuPartialCount[cpu]--;
    } else if (this.nodeHead !== NIL) {
      s = this.takeFromNode(cpu);
    } else {
      s = this.newSlab();
    }
    this.rec[s + S_STATE] = CPU | (cpu << 4);
    this.cpuSlab[cpu] = s;
    this.rec[s + S_INUSE]++;
    return this.takeObject(s);
  }

  /** kmem_cache_free on `cpu` of object `id` (__slab_free's list decisions). */
  free(id: number, cpu: number): void {
    this.live--;
    const s = this.slabOf(id);
    this.objects[id * this.objectInts] = -this.rec[s + S_FREE] - 2;
    this.rec[s + S_FREE] = id;
    const inuse = --this.rec[s + S_INUSE];
    const state = this.rec[s + S_STATE] & 15;
    // A free to a CPU or CPU partial slab moves nothing.
    if (state !== CPU && state !== CPU_PARTIAL) this.freeToListedSlab(s, state, inuse, cpu);
  }

  private freeToListedSlab(s: number, state: number, inuse: number, cpu: number): void {
    if (state === FULL) {
      if (this.geometry.cpuPartialSlabs > 0) {
        this.putCpuPartial(cpu, s, true);
        return;
      }
      // Without CPU partial lists a slab that was full goes to the node list, or away if empty.
      if (inuse === 0 && this.nrPartial >= this.geometry.minPartial) this.discard(s);
      else this.addNodeTail(s);
      return;
    }
    // On the node partial list.
    this.nodeFree++;
    if (inuse === 0 && this.nrPartial >= this.geometry.minPartial) {
      this.removeNode(s);
      this.discard(s);
    }
  }

  /** get_slabinfo. */
  slabinfo(): SlabInfo {
    const numObjs = this.slabs * this.geometry.objectsPerSlab;
    return { activeObjs: numObjs - this.nodePartialFree(), numObjs, numSlabs: this.slabs };
  }

  sysfs(): SlabSysfs {
    const { numObjs, activeObjs } = this.slabinfo();
    let cpuSlabs = 0;
    for (let c = 0; c < this.cpuSlab.length; c++) cpuSlabs += (this.cpuSlab[c] !== NIL ? 1 : 0) + this.cpuPartialCount[c];
    let objectsPartial = 0;
    for (let s = this.nodeHead; s !== NIL; s = this.rec[s + S_NEXT]) objectsPartial += this.rec[s + S_INUSE];
    return { objects: activeObjs, totalObjects: numObjs, slabs: this.slabs, cpuSlabs, objectsPartial };
  }

  /** Live objects (allocated and not freed), whatever SLUB reports. */
  liveObjects(): number {
    return this.live;
  }

  // ---- internals ----

  /** Free objects on the node partial list (count_partial, or count_partial_free_approx from v6.10). */
  private nodePartialFree(): number {
    const objs = this.geometry.objectsPerSlab;
    const limit = this.partialScanLimit;
    if (limit === null || this.nrPartial <= limit) return this.nodeFree;
    let free = 0;
    // Half the limit from the head, the rest from the tail, scaled to the whole list.
    let scanned = 0;
    for (let s = this.nodeHead; s !== NIL && scanned < limit / 2; s = this.rec[s + S_NEXT], scanned++) free += objs - this.rec[s + S_INUSE];
    for (let s = this.nodeTail; s !== NIL && scanned < limit; s = this.rec[s + S_PREV], scanned++) free += objs - this.rec[s + S_INUSE];
    return Math.min(Math.floor((free * this.nrPartial) / scanned), this.slabs * objs);
  }

  /**
   * get_partial_node: the head slab of the node list becomes the CPU slab; further slabs move to
   * the CPU partial list until more than cpu_partial_slabs / 2 have moved.
   */
  private takeFromNode(cpu: number): number {
    const first = this.nodeHead;
    this.removeNode(first);
    const limit = this.geometry.cpuPartialSlabs;
    let moved = 0;
    if (limit > 0) {
      while (this.nodeHead !== NIL && moved <= Math.floor(limit / 2)) {
        const s = this.nodeHead;
        this.removeNode(s);
        this.putCpuPartial(cpu, s, false);
        moved++;
      }
    }
    return first;
  }

  /** put_cpu_partial: push on the CPU's partial list; a free (drain) that finds it full first moves the whole list to the node. */
  private putCpuPartial(cpu: number, s: number, drain: boolean): void {
    let head = this.cpuPartialHead[cpu];
    let count = this.cpuPartialCount[cpu];
    if (head !== NIL && drain && count >= this.geometry.cpuPartialSlabs) {
      this.putPartials(head);
      head = NIL;
      count = 0;
    }
    this.rec[s + S_NEXT] = head;
    this.rec[s + S_STATE] = CPU_PARTIAL | (cpu << 4);
    this.cpuPartialHead[cpu] = s;
    this.cpuPartialCount[cpu] = count + 1;
  }

  /** __put_partials / __unfreeze_partials: each slab to the node list's tail, or away if empty and the node has enough. */
  private putPartials(head: number): void {
    for (let s = head; s !== NIL; ) {
      const next = this.rec[s + S_NEXT];
      if (this.rec[s + S_INUSE] === 0 && this.nrPartial >= this.geometry.minPartial) this.discard(s);
      else this.addNodeTail(s);
      s = next;
    }
  }

  private addNodeTail(s: number): void {
    const rec = this.rec;
    rec[s + S_STATE] = NODE_PARTIAL;
    this.nodeFree += this.geometry.objectsPerSlab - rec[s + S_INUSE];
    rec[s + S_PREV] = this.nodeTail;
    rec[s + S_NEXT] = NIL;
    if (this.nodeTail !== NIL) rec[this.nodeTail + S_NEXT] = s;
    else this.nodeHead = s;
    this.nodeTail = s;
    this.nrPartial++;
  }

  private removeNode(s: number): void {
    const rec = this.rec;
    const prev = rec[s + S_PREV];
    const next = rec[s + S_NEXT];
    if (prev !== NIL) rec[prev + S_NEXT] = next;
    else this.nodeHead = next;
    if (next !== NIL) rec[next + S_PREV] = prev;
    else this.nodeTail = prev;
    this.nrPartial--;
    this.nodeFree -= this.geometry.objectsPerSlab - rec[s + S_INUSE];
  }

  /** allocate_slab: a slab with every object free. */
  private newSlab(): number {
    let s = this.freeRecord;
    // A discarded slab's record comes back with its objects' free list as its frees left it.
    if (s !== NIL) this.freeRecord = this.rec[s + S_NEXT];
    else {
      s = this.records++ * STRIDE;
      if (s + STRIDE > this.rec.length) {
        const bigger = new Int32Array(this.rec.length * 2);
        bigger.set(this.rec);
        this.rec = bigger;
      }
      this.threadObjects(s);
    }
    this.rec[s + S_INUSE] = 0;
    this.slabs++;
    return s;
  }

  /** A new slab record's objects: room for them, and its free list running through them in order. */
  private threadObjects(s: number): void {
    const n = this.geometry.objectsPerSlab;
    const k = this.objectInts;
    const first = (s / STRIDE) * n;
    const end = (first + n) * k;
    if (end > this.objects.length) this.objects = grow(this.objects, end);
    for (let i = 0; i < n - 1; i++) this.objects[(first + i) * k] = -(first + i + 1) - 2;
    this.objects[(first + n - 1) * k] = NIL;
    this.rec[s + S_FREE] = first;
  }

  /** discard_slab: the slab's pages go back to the page allocator. */
  private discard(s: number): void {
    this.rec[s + S_STATE] = 0;
    this.rec[s + S_NEXT] = this.freeRecord;
    this.freeRecord = s;
    this.slabs--;
  }
}
