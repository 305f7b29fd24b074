// zs_compact: move objects out of sparsely used zspages so that whole zspages can be freed.
// Two algorithms, chosen by KernelParams.fullness, each a step-by-step copy of the kernel's
// choices (which zspage is isolated, when it is put back and where), because the order of
// the fullness lists after compaction decides every later allocation.
import type { ZsPool } from './zsPool';

const NIL = -1;

/** zs_can_compact (all versions): whole zspages' worth of unused slots, in pages; debugfs `freeable`. */
export function compactablePages(pool: ZsPool, c: number): number {
  const wasted = pool.objAllocated[c] - pool.objUsed[c];
  if (wasted <= 0) return 0;
  return Math.floor(wasted / pool.classObjs[c]) * pool.classPages[c];
}

/**
 * zs_compact(pool), run on `cpu` (where freed zspage structs go back to their slab cache):
 * classes from the largest index down; returns pages freed and adds them to pagesCompacted.
 */
export function compactPool(pool: ZsPool, cpu = 0): number {
  const compactClass = pool.params.fullness === 'almost' ? compactClassAlmost : compactClassRatio;
  let freed = 0;
  for (let c = pool.table.classes.length - 1; c >= 0; c--) freed += compactClass(pool, c, cpu);
  pool.addPagesCompacted(freed);
  return freed;
}

// ≤ v6.3 groups: ZS_ALMOST_EMPTY = 1, ZS_ALMOST_FULL = 2, ZS_EMPTY = 0.
const SOURCE_ORDER_ALMOST = [1, 2];
const DEST_ORDER_ALMOST = [2, 1];

/**
 * __zs_compact up to v6.3: isolate a source (almost_empty first) before checking that the class
 * can be compacted at all; then fill destinations (almost_full first) from the source's objects
 * in ascending slot order, putting each full destination back, until the source is empty.
 * A single CPU never sees the lock contended, so the contention exits are not taken.
 */
function compactClassAlmost(pool: ZsPool, c: number, cpu: number): number {
  let freed = 0;
  let src = NIL;
  for (;;) {
    src = pool.isolateFirst(c, SOURCE_ORDER_ALMOST);
    if (src === NIL) break;
    if (compactablePages(pool, c) === 0) break;
    let pos = 0;
    let dst = NIL;
    for (;;) {
      dst = pool.isolateFirst(c, DEST_ORDER_ALMOST);
      if (dst === NIL) break;
      // migrate_zspage: stops with -ENOMEM when it finds an object but the destination is full.
      let destinationFull = false;
      for (;;) {
        const s = pool.nextAllocatedSlot(src, pos);
        if (s === NIL) break;
        if (pool.inuseOf(dst) === pool.classObjs[c]) {
          destinationFull = true;
          pos = s;
          break;
        }
        pool.moveObject(src, s, dst);
        pos = s + 1;
      }
      if (!destinationFull) break;
      pool.putback(c, dst);
    }
    if (dst === NIL) break;
    pool.putback(c, dst);
    if (pool.putback(c, src) === 0) {
      pool.remove(c, src);
      pool.freeZspage(c, src, cpu);
      freed += pool.classPages[c];
    }
    src = NIL;
  }
  if (src !== NIL) pool.putback(c, src);
  return freed;
}

// ≥ v6.4 groups: ZS_INUSE_RATIO_10 (1) … ZS_INUSE_RATIO_99 (10).
const SOURCE_ORDER_RATIO = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const DEST_ORDER_RATIO = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

/**
 * __zs_compact from v6.4: while the class can be compacted, keep one destination (the fullest
 * non-full zspage) and empty the emptiest zspage into it, in ascending slot order, stopping
 * when the destination fills or the source empties; a full destination is put back and the
 * next fullest taken.
 */
function compactClassRatio(pool: ZsPool, c: number, cpu: number): number {
  const fullGroup = pool.rules.fullGroup;
  let freed = 0;
  let dst = NIL;
  while (compactablePages(pool, c) > 0) {
    if (dst === NIL) {
      dst = pool.isolateFirst(c, DEST_ORDER_RATIO);
      if (dst === NIL) break;
    }
    const src = pool.isolateFirst(c, SOURCE_ORDER_RATIO);
    if (src === NIL) break;
    let pos = 0;
    for (;;) {
      const s = pool.nextAllocatedSlot(src, pos);
      if (s === NIL) break;
      pool.moveObject(src, s, dst);
      pos = s + 1;
      if (pool.inuseOf(dst) === pool.classObjs[c] || pool.inuseOf(src) === 0) break;
    }
    if (pool.putback(c, src) === 0) {
      pool.remove(c, src);
      pool.freeZspage(c, src, cpu);
      freed += pool.classPages[c];
    }
    if (pool.groupFor(dst) === fullGroup) {
      pool.putback(c, dst);
      dst = NIL;
    }
  }
  if (dst !== NIL) pool.putback(c, dst);
  return freed;
}
