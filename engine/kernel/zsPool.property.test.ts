// Invariants of the pool under random operation sequences (fast-check), on every kernel preset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compactablePages, compactPool } from './compact';
import { KERNEL_VERSIONS, kernelParams } from './params';
import { classesTable } from './poolStats';
import { ZsPool } from './zsPool';

type Op = { kind: 'alloc'; size: number } | { kind: 'free'; pick: number } | { kind: 'compact' };

const op: fc.Arbitrary<Op> = fc.oneof(
  // A few sizes concentrated in small classes fill and empty zspages often, so compaction has work.
  { weight: 6, arbitrary: fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.constantFrom(24, 200, 1000, 1624)).map((size) => ({ kind: 'alloc' as const, size })) },
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ kind: 'free' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
);

/** Recounts everything from the zspages themselves and compares with the pool's counters. */
function checkConsistency(p: ZsPool, live: Map<number, number>): void {
  const classes = p.table.classes;
  const zspagesPerClass = new Array(classes.length).fill(0);
  const usedPerClass = new Array(classes.length).fill(0);
  const seen = new Set<number>();
  for (const [h, size] of live) {
    assert.ok(p.isLive(h), `handle ${h} lost`);
    assert.equal(p.sizeOf(h), size);
    const { zspage, slot } = p.locate(h);
    const key = zspage * 65536 + slot;
    assert.ok(!seen.has(key), `two handles in zspage ${zspage} slot ${slot}`);
    seen.add(key);
    assert.equal(p.handleAt(zspage, slot), h, 'slot does not point back at its handle');
    usedPerClass[p.classOfZspage(zspage)]++;
  }
  // Live zspages: those on some list (or counted in the unlinked empty/full groups).
  const { groupCount } = p.rules;
  let pages = 0;
  for (let c = 0; c < classes.length; c++) {
    for (let g = 0; g < groupCount; g++) zspagesPerClass[c] += p.groupCount[c * groupCount + g];
    assert.equal(p.objAllocated[c], zspagesPerClass[c] * classes[c].objsPerZspage, `class ${classes[c].index} obj_allocated`);
    assert.equal(p.objUsed[c], usedPerClass[c], `class ${classes[c].index} obj_used`);
    assert.ok(compactablePages(p, c) >= 0);
    pages += zspagesPerClass[c] * classes[c].pagesPerZspage;
  }
  assert.equal(p.pagesAllocated, pages, 'pages_used is not the sum over zspages');
  assert.equal(classesTable(p).total.pagesUsed, pages);
  assert.equal(p.liveObjects, live.size);
  assert.equal(p.storedBytes, [...live.values()].reduce((a, b) => a + b, 0));
}

for (const version of KERNEL_VERSIONS) {
  test(`kernel ${version}: objects are never lost or duplicated, pages_used is the sum over zspages, freeing everything returns to zero`, () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 400, size: 'max' }), (ops) => {
        const p = new ZsPool('prop', kernelParams(version));
        const live = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === 'alloc') {
            const h = p.alloc(o.size);
            assert.ok(!live.has(h), 'a live handle was handed out twice');
            live.set(h, o.size);
          } else if (o.kind === 'free' && live.size > 0) {
            const h = [...live.keys()][o.pick % live.size];
            assert.ok(p.free(h));
            live.delete(h);
          } else if (o.kind === 'compact') {
            const before = p.pagesAllocated;
            const freed = compactPool(p);
            assert.equal(p.pagesAllocated, before - freed);
            for (let c = 0; c < p.table.classes.length; c++) assert.equal(compactablePages(p, c), 0, 'compaction left a whole zspage free');
          }
          checkConsistency(p, live);
        }
        for (const h of live.keys()) p.free(h);
        assert.equal(p.pagesAllocated, 0);
        assert.equal(p.liveObjects, 0);
        assert.equal(p.storedBytes, 0);
      }),
      { numRuns: 150, seed: 20241130 },
    );
  });
}
