// Placement rules of mm/zsmalloc.c, each pinned by a small scenario whose outcome the kernel
// source determines (v6.1 for the almost_* scheme, v6.12 for ratio groups). The oracle traces
// exercise these rules only in bulk; these tests fail when one rule alone changes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compactPool } from './compact';
import { kernelParams, type KernelVersion } from './params';
import { classesTable } from './poolStats';
import { ZsPool } from './zsPool';
import { ZsSlabCaches } from './zsSlabCaches';

/** 24 bytes + the 8-byte handle = class 0 (32 B, one page, 128 objects) on both kernels. */
const SMALL = 24;
const N = 128;

function pool(version: KernelVersion): ZsPool {
  return new ZsPool('test', kernelParams(version));
}
function allocMany(p: ZsPool, size: number, n: number): number[] {
  return Array.from({ length: n }, () => p.alloc(size));
}
/** Fills `zspages` zspages of class 0 and returns their handles, zspage by zspage, slot order. */
function fullZspages(p: ZsPool, zspages: number): number[][] {
  const hs = allocMany(p, SMALL, zspages * N);
  return Array.from({ length: zspages }, (_, i) => hs.slice(i * N, (i + 1) * N));
}

for (const version of ['6.1', '6.12'] as const) {
  describe(`kernel ${version}: free slots`, () => {
    test('a new zspage hands out slots 0, 1, 2, … (init_zspage links them in order)', () => {
      const p = pool(version);
      const hs = allocMany(p, SMALL, 5);
      assert.deepEqual(hs.map((h) => p.locate(h).slot), [0, 1, 2, 3, 4]);
      assert.equal(new Set(hs.map((h) => p.locate(h).zspage)).size, 1);
    });
    test('freed slots are reused last-freed first (obj_free pushes on the free list head)', () => {
      const p = pool(version);
      const hs = allocMany(p, SMALL, 5);
      p.free(hs[1]);
      p.free(hs[3]);
      assert.deepEqual(allocMany(p, SMALL, 3).map((h) => p.locate(h).slot), [3, 1, 5]);
    });
    test('a zspage is freed as soon as its last object is: pages go back to zero', () => {
      const p = pool(version);
      const hs = allocMany(p, 1000, 9); // class 62 (1024 B): 4 per one-page zspage → 3 zspages
      assert.equal(p.pagesAllocated, 3);
      for (const h of hs.slice(0, 4)) p.free(h);
      assert.equal(p.pagesAllocated, 2);
      for (const h of hs.slice(4)) p.free(h);
      assert.equal(p.pagesAllocated, 0);
    });
    test('a whole page (4096 B) takes a one-page huge zspage of its own', () => {
      const p = pool(version);
      allocMany(p, 4096, 3);
      const huge = classesTable(p).rows.find((r) => r.size === 4096)!;
      assert.deepEqual([huge.class, huge.objAllocated, huge.objUsed, huge.pagesUsed], [254, 3, 3, 3]);
      assert.equal(p.pageSizedObjects, 3);
    });
    test('zs_malloc(0) and zs_malloc(PAGE_SIZE + 1) fail; freeing a dead handle changes nothing', () => {
      const p = pool(version);
      assert.equal(p.alloc(0), -1);
      assert.equal(p.alloc(4097), -1);
      const h = p.alloc(100);
      assert.equal(p.free(h), true);
      assert.equal(p.free(h), false);
      assert.equal(p.free(12345), false);
      assert.equal(p.liveObjects, 0);
    });
  });
}

describe('kernel 6.12: zs_malloc picks the fullest non-full zspage, newest first', () => {
  test('between a 3/4 and a 1/4 used zspage, the 3/4 one gets the object', () => {
    const p = pool('6.12');
    const hs = allocMany(p, 1000, 8); // two zspages of 4
    p.free(hs[0]); // A: 3 of 4 (75% → group 8)
    for (const h of hs.slice(4, 7)) p.free(h); // B: 1 of 4 (25% → group 3)
    const h = p.alloc(1000);
    assert.equal(p.locate(h).zspage, p.locate(hs[1]).zspage);
  });
  test('two zspages in the same group: the one that entered it last is used first', () => {
    const p = pool('6.12');
    const hs = allocMany(p, 1000, 8);
    p.free(hs[4]); // B enters group 8 first
    p.free(hs[0]); // A enters group 8 last → head
    assert.equal(p.locate(p.alloc(1000)).zspage, p.locate(hs[1]).zspage);
  });
  test('ratio groups as debugfs columns: exactly 10% used counts in the 20% column', () => {
    const p = pool('6.12');
    const [a] = fullZspages(p, 1);
    // 13 of 128 is 10.2% → ratio 10 → group 2 (the "20%" column); 12 of 128 is 9.4% → "10%".
    for (const h of a.slice(13)) p.free(h);
    const row = () => classesTable(p).rows[0].fullness;
    assert.deepEqual(row().slice(0, 2), [0, 1]);
    p.free(a[12]);
    assert.deepEqual(row().slice(0, 2), [1, 0]);
  });
});

describe('kernel 6.1: almost_full before almost_empty, and insert_zspage by in-use count', () => {
  test('the 3/4 threshold: 96 of 128 objects is almost_empty, 97 is almost_full', () => {
    const p = pool('6.1');
    const [a] = fullZspages(p, 1);
    for (const h of a.slice(97)) p.free(h);
    assert.deepEqual(classesTable(p).rows[0].fullness, [1, 0]); // [almost_full, almost_empty]
    p.free(a[96]);
    assert.deepEqual(classesTable(p).rows[0].fullness, [0, 1]);
  });
  test('a zspage put back with fewer objects in use than the list head goes second, and so is filled later', () => {
    // Y (120 used) and X (100 used) are almost_full with X at the head; Z (5) and W (28) are
    // almost_empty with Z at the head. Compaction empties Z into X (→ 105), puts X back: since
    // 105 < 120, X goes after Y. Emptying W then fills Y first (8 free), and X gets the other 20.
    const p = pool('6.1');
    const [y, x, z, w] = fullZspages(p, 4);
    for (const h of y.slice(0, 8)) p.free(h);
    for (const h of x.slice(0, 28)) p.free(h);
    for (const h of w.slice(0, 100)) p.free(h);
    for (const h of z.slice(0, 123)) p.free(h);
    const [Y, X] = [p.locate(y[127]).zspage, p.locate(x[127]).zspage];
    assert.deepEqual(p.listOrder(0, 2), [X, Y]);
    assert.equal(compactPool(p), 2);
    assert.equal(p.inuseOf(Y), 128);
    assert.equal(p.inuseOf(X), 125);
  });
});

describe('compaction', () => {
  test('6.12: the emptiest zspage is emptied into the fullest, objects in slot order into the free-list order', () => {
    const p = pool('6.12');
    const [a, b, c] = fullZspages(p, 4);
    for (const h of a.slice(20)) p.free(h); // A: 20 used (15%, group 2)
    for (const h of b.slice(8)) p.free(h); // B: 8 used (6%, group 1): the source
    for (const h of c.slice(0, 10)) p.free(h); // C: 118 used (92%): the destination; free list 9, 8, …, 0
    const C = p.locate(c[10]).zspage;
    const A = p.locate(a[0]).zspage;
    assert.equal(compactPool(p), 1);
    assert.deepEqual(b.slice(0, 8).map((h) => p.locate(h)), Array.from({ length: 8 }, (_, i) => ({ zspage: C, slot: 9 - i })));
    assert.ok(a.slice(0, 20).every((h) => p.locate(h).zspage === A), 'A was not a source: only one page could be freed');
    assert.equal(p.pagesCompacted, 1);
  });
  test('6.1: sources come from almost_empty, destinations from almost_full; stops when nothing is freeable', () => {
    const p = pool('6.1');
    const [a, b] = fullZspages(p, 3);
    for (const h of a.slice(0, 20)) p.free(h); // A: 108 used, almost_full
    for (const h of b.slice(0, 110)) p.free(h); // B: 18 used, almost_empty
    assert.equal(compactPool(p), 1);
    assert.ok(b.slice(110).every((h) => p.locate(h).zspage === p.locate(a[127]).zspage));
    const row = classesTable(p).rows[0];
    assert.deepEqual([row.objAllocated, row.objUsed, row.freeable], [256, 254, 0]);
  });
  test('a pool with nothing freeable is left exactly as it was', () => {
    for (const version of ['6.1', '6.12'] as const) {
      const p = pool(version);
      const hs = allocMany(p, 700, 50);
      for (let i = 0; i < hs.length; i += 3) p.free(hs[i]);
      const before = JSON.stringify(classesTable(p));
      const locations = hs.map((h) => (p.isLive(h) ? p.locate(h) : null));
      compactPool(p);
      if (classesTable(p).total.freeable === 0 && JSON.parse(before).total.freeable === 0) {
        assert.equal(JSON.stringify(classesTable(p)), before);
        assert.deepEqual(hs.map((h) => (p.isLive(h) ? p.locate(h) : null)), locations);
      }
    }
  });
});

describe('extreme geometry: 64 KiB pages, chain 16', () => {
  test('the class with the most objects per zspage (2048, the most of any modelled geometry) fills, overflows into a second zspage and empties cleanly', () => {
    const p = new ZsPool('big', kernelParams('6.12', { pageSize: 65536, chainSize: 16 }));
    const cls = p.table.classes[0];
    assert.deepEqual([cls.size, cls.pagesPerZspage, cls.objsPerZspage], [32, 1, 2048]);
    // The zspage record packs in-use count and free-list head into 16 bits each: the largest
    // objs_per_zspage of any modelled geometry must fit.
    const most = Math.max(...p.table.classes.map((c) => c.objsPerZspage));
    assert.equal(most, 2048);
    const size = p.table.classes.find((c) => c.objsPerZspage === most)!.size - 8;
    const hs = allocMany(p, size, most + 1);
    assert.deepEqual(hs.slice(-2).map((h) => p.locate(h).slot), [most - 1, 0]);
    assert.equal(p.inuseOf(p.locate(hs[0]).zspage), most);
    for (const h of hs) assert.ok(p.free(h));
    assert.equal(p.pagesAllocated, 0);
  });
});

describe('handles are zs_handle objects (cache_alloc_handle)', () => {
  test('with the SLUB model on, a handle is an object of the pool zs_handle cache, and that object holds the handle record', () => {
    const params = kernelParams('6.12');
    const caches = new ZsSlabCaches(params, 1, false);
    const own = caches.forPool('a', 'own');
    const p = new ZsPool('a', params, undefined, own);
    const hs = allocMany(p, SMALL, 600);
    assert.equal(own.handles.liveObjects(), 600);
    assert.equal(own.handles.slabinfo().numSlabs, 2, '600 handles fill one slab of 512 and start a second');
    assert.deepEqual([own.handles.objects[hs[5] * 2], own.handles.objects[hs[5] * 2 + 1] >>> 16], [p.locate(hs[5]).zspage, 5]);
  });
  test('pools sharing the caches share the handle space: a pool refuses (and leaves alone) another pool handle', () => {
    const params = kernelParams('6.12');
    const caches = new ZsSlabCaches(params, 1, false);
    const a = new ZsPool('a', params, undefined, caches.forPool('a', 'shared'));
    const b = new ZsPool('b', params, undefined, caches.forPool('b', 'shared'));
    const ha = allocMany(a, SMALL, 3);
    const hb = allocMany(b, SMALL, 3);
    assert.equal(new Set([...ha, ...hb]).size, 6, 'one cache, six distinct objects');
    for (const h of hb) {
      assert.equal(a.isLive(h), false);
      assert.equal(a.free(h), false);
    }
    assert.deepEqual([a.liveObjects, b.liveObjects], [3, 3]);
    assert.ok(hb.every((h) => b.free(h)));
    assert.equal(caches.caches[0].liveObjects(), 3);
  });
});

test('pools of one geometry share their per-class lookup tables; another fullness scheme gets its own', () => {
  const p612 = kernelParams('6.12');
  const [a, b] = [new ZsPool('a', p612), new ZsPool('b', p612)];
  assert.equal(a.classObjs, b.classObjs, 'one table, not a copy per pool');
  const c = new ZsPool('c', kernelParams('6.1'));
  assert.notEqual(c.classObjs, a.classObjs);
  assert.deepEqual([...a.classObjs], [...new ZsPool('d', { ...p612 }).classObjs], 'a copy of the params builds an equal table');
});
