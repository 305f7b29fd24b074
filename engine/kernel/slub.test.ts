// SLUB rules (mm/slub.c, v6.1 and v6.12 behave alike for these caches), each pinned by a small
// scenario; the geometry against zsmalloc-model.md section 6 and the oracle's sysfs lines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slubGeometry, SlubCache, type SlubCacheGeometry } from './slub';

describe('cache geometry (calculate_sizes, calculate_order, set_min_partial, set_cpu_partial)', () => {
  const cases: [string, number, number, 64 | 32, number, number, number][] = [
    // name, object_size, page, word, objsize, objs per slab, cpu_partial_slabs
    ['zs_handle 64-bit 4K', 8, 4096, 64, 8, 512, 1],
    ['zspage 64-bit 4K', 56, 4096, 64, 56, 73, 4],
    ['zs_handle 32-bit 4K (4 bytes rounded up to ARCH_SLAB_MINALIGN 8)', 4, 4096, 32, 8, 512, 1],
    ['zspage ppc32 4K', 32, 4096, 32, 32, 128, 2],
    ['zs_handle 64-bit 16K', 8, 16384, 64, 8, 2048, 1],
    ['zspage 64-bit 16K', 56, 16384, 64, 56, 292, 1],
    ['zs_handle 64-bit 64K', 8, 65536, 64, 8, 8192, 1],
    ['zspage 64-bit 64K', 56, 65536, 64, 56, 1170, 1],
  ];
  for (const [name, objectSize, pageSize, wordBits, size, perSlab, cps] of cases) {
    test(`${name}: objsize ${size}, ${perSlab} per order-0 slab, min_partial 5, cpu_partial_slabs ${cps}`, () => {
      for (const cpus of [1, 2, 8, 64]) {
        const g = slubGeometry(objectSize, { pageSize, wordBits, cpus });
        assert.deepEqual([g.size, g.order, g.objectsPerSlab, g.pagesPerSlab, g.minPartial, g.cpuPartialSlabs], [size, 0, perSlab, 1, 5, cps], `${cpus} CPUs`);
      }
    });
  }
  test('a 512-byte cache (kmalloc-512): order 0 with 8 per slab on 1 CPU, order 2 with 32 per slab on 8 CPUs (min_objects 8 vs 20)', () => {
    const one = slubGeometry(512, { pageSize: 4096, wordBits: 64, cpus: 1 });
    const eight = slubGeometry(512, { pageSize: 4096, wordBits: 64, cpus: 8 });
    assert.deepEqual([one.order, one.objectsPerSlab, eight.order, eight.objectsPerSlab, eight.pagesPerSlab], [0, 8, 2, 32, 4]);
  });
});

/** A small geometry so that scenarios stay readable. */
function cache(objectsPerSlab: number, cpuPartialSlabs: number, minPartial: number, cpus = 1): SlubCache {
  const g: SlubCacheGeometry = { objectSize: 8, size: 8, order: 0, objectsPerSlab, pagesPerSlab: 1, minPartial, cpuPartialSlabs };
  return new SlubCache('test', g, cpus, null);
}

describe('slab lists', () => {
  test('a full CPU slab is dropped to no list; the next allocation takes a new slab', () => {
    const c = cache(2, 1, 5);
    const s = [c.alloc(0), c.alloc(0), c.alloc(0)].map((id) => c.slabOf(id));
    assert.equal(s[0], s[1]);
    assert.notEqual(s[2], s[0]);
    assert.deepEqual(c.slabinfo(), { activeObjs: 4, numObjs: 4, numSlabs: 2 });
  });
  test('a free to a full slab puts it on the CPU partial list; a free that finds the list full drains it to the node (tail)', () => {
    const c = cache(2, 1, 5);
    const s = Array.from({ length: 8 }, () => c.alloc(0)); // slabs A A B B C C D D, D is the CPU slab
    c.free(s[0], 0); // A → CPU partial [A]
    assert.equal(c.sysfs().cpuSlabs, 2);
    assert.equal(c.slabinfo().activeObjs, 8, 'free objects on CPU partial slabs count as active');
    c.free(s[2], 0); // list full (1 ≥ cpu_partial_slabs 1): A → node; B → CPU partial
    assert.deepEqual(c.slabinfo(), { activeObjs: 7, numObjs: 8, numSlabs: 4 });
    assert.equal(c.sysfs().objectsPartial, 1);
  });
  test('an empty slab on the node list is freed only when the node already has min_partial partial slabs', () => {
    const c = cache(2, 1, 2);
    const s = Array.from({ length: 8 }, () => c.alloc(0)); // A A B B C C D D
    c.free(s[0], 0); // A → CPU partial
    c.free(s[2], 0); // A → node [A]; B → CPU partial
    c.free(s[4], 0); // B → node [A, B]; C → CPU partial
    c.free(s[1], 0); // A empty, node has 2 ≥ min_partial 2 → A freed
    assert.equal(c.slabinfo().numSlabs, 3);
    c.free(s[3], 0); // B empty, node has 1 < 2 → B stays, empty, on the node list
    assert.deepEqual(c.slabinfo(), { activeObjs: 4, numObjs: 6, numSlabs: 3 });
    assert.equal(c.liveObjects(), 3);
  });
  test('get_partial_node: the node head becomes the CPU slab and cpu_partial_slabs / 2 + 1 more move to the CPU partial list', () => {
    const c = cache(3, 4, 5);
    const s = Array.from({ length: 30 }, () => c.alloc(0)); // 10 slabs, the 10th is the CPU slab
    // One free from each of the first 9: four go to the CPU partial list, the fifth drains them
    // to the node, and so on: node [1 2 3 4 5 6 7 8] (slab numbers from 1), CPU partial [9].
    for (let i = 0; i < 9; i++) c.free(s[i * 3], 0);
    assert.deepEqual([c.slabinfo().activeObjs, c.sysfs().cpuSlabs], [30 - 8, 2]);
    c.alloc(0); // CPU slab full → dropped; CPU partial slab 9 becomes the CPU slab
    c.alloc(0); // slab 9 full → node head 1 becomes the CPU slab, 2, 3, 4 move to the CPU partial list
    assert.deepEqual([c.slabinfo().activeObjs, c.sysfs().cpuSlabs, c.sysfs().objectsPartial], [30 - 4, 4, 4 * 2]);
  });
  test('a free from another CPU to a CPU slab moves nothing; the owner allocates into the freed object', () => {
    const c = cache(2, 1, 5, 2);
    const a = c.alloc(0);
    c.alloc(0);
    c.free(a, 1);
    assert.deepEqual(c.slabinfo(), { activeObjs: 2, numObjs: 2, numSlabs: 1 });
    assert.equal(c.alloc(0), a);
    assert.equal(c.slabinfo().numSlabs, 1);
  });
});

describe('objects (kmem_cache_alloc returns an object, as the kernel returns an address)', () => {
  test('ids are unique among live objects, each in the slab slabOf names, and a slab holds objects_per_slab of them', () => {
    const c = cache(4, 1, 5);
    const ids = Array.from({ length: 12 }, () => c.alloc(0));
    assert.equal(new Set(ids).size, 12);
    const bySlab = new Map<number, number[]>();
    for (const id of ids) bySlab.set(c.slabOf(id), [...(bySlab.get(c.slabOf(id)) ?? []), id]);
    assert.deepEqual([...bySlab.values()].map((xs) => xs.length), [4, 4, 4]);
    assert.equal(c.slabinfo().numSlabs, 3);
  });
  test('a freed object is the next one its slab hands out (the slab freelist is LIFO)', () => {
    const c = cache(4, 1, 5);
    const ids = [c.alloc(0), c.alloc(0)];
    c.free(ids[0], 0);
    assert.equal(c.alloc(0), ids[0]);
  });
  test('a discarded slab comes back with all its objects free, none handed out twice', () => {
    const c = cache(2, 0, 0); // no CPU partial list, min_partial 0: an empty slab is freed at once
    const a = Array.from({ length: 6 }, () => c.alloc(0)); // slabs A A B B C C, C is the CPU slab
    c.free(a[0], 0);
    c.free(a[1], 0); // A empty → discarded
    assert.equal(c.slabinfo().numSlabs, 2);
    const again = Array.from({ length: 4 }, () => c.alloc(0)); // C is full: a new slab (A's record), then one more
    assert.equal(new Set([...a.slice(2), ...again]).size, 8, 'no live object handed out twice');
    assert.equal(c.slabinfo().numSlabs, 4);
  });
  test('a record of objectInts ints per object for the user; a free object reads negative', () => {
    const g = slubGeometry(8, { pageSize: 4096, wordBits: 64, cpus: 1 });
    const c = new SlubCache('zs_handle', g, 1, null, 2);
    const id = c.alloc(0);
    c.objects[id * 2] = 12345;
    c.objects[id * 2 + 1] = 7;
    assert.equal(c.slabOf(id), c.slabOf(c.alloc(0)), 'the second object comes from the same order-0 slab of 512');
    c.free(id, 0);
    assert.ok(c.objects[id * 2] < 0);
  });
});
