// The SLUB and zsmalloc models against the real kernel's zswap runs (Debian 6.1 and 6.12, a 256 MB
// hog in a 256 MB VM): no trace exists, so the model is driven by the kernel's own counters
// (engine/verify/zswapByCounters.ts) and held to 5% on objects and one slab per cache; the test
// names carry both numbers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { zswapComparisons } from '../engine/verify/zswapByCounters';
import { ORACLE_DIR } from './oracleRuns';

const pct = (a: number, b: number) => ((100 * (a - b)) / b).toFixed(2);
for (const c of zswapComparisons(join(ORACLE_DIR, 'runs'))) {
  test(`${c.run} ${c.snapshot} ${c.cache}: num_objs kernel ${c.kernel.num} engine ${c.engine.num} (${pct(c.engine.num, c.kernel.num)}%), active_objs kernel ${c.kernel.active} engine ${c.engine.active} (${pct(c.engine.active, c.kernel.active)}%), slabs ${c.kernel.slabs} vs ${c.engine.slabs}`, () => {
    assert.ok(c.ok);
  });
}

test('both zswap runs, both snapshots, both caches are compared', () => {
  assert.equal(zswapComparisons(join(ORACLE_DIR, 'runs')).length, 8);
});
