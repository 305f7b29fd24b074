// Scenario runs: reproducible per seed, and the users keep zswap's and zram's rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KERNEL_PRESETS } from '../kernel/params';
import { runScenario } from './runScenario';
import { readScenario, type Scenario } from './scenario';

function scenario(yaml: string): Scenario {
  return readScenario(yaml, 'test.yaml');
}

const DEFAULT_ZSWAP = 'same_filled_pct: 10, sizes: { choices: [[500, 1], [4096, 1]] }';
const zswapYaml = (zswap = DEFAULT_ZSWAP, phases = '  - { name: fill, user: zswap, store: 20000 }') => `name: t
description: test
machine: { cpus: 2, ram_mib: 1024 }
kernel: "6.6"
zswap: { ${zswap} }
phases:
${phases}
`;

describe('a scenario run', () => {
  const s = scenario(zswapYaml(DEFAULT_ZSWAP, '  - { name: fill, user: zswap, store: 5000 }\n  - { name: churn, user: zswap, churn: 5000, free: random }'));
  test('the same seed gives a byte-identical result; another seed a different one', () => {
    const a = JSON.stringify(runScenario(s, 't', { seed: 7 }));
    assert.equal(JSON.stringify(runScenario(s, 't', { seed: 7 })), a);
    assert.notEqual(JSON.stringify(runScenario(s, 't', { seed: 8 })), a);
  });
  test('one snapshot per phase and a metrics series sampled during the run', () => {
    const r = runScenario(s, 't', { seed: 1 });
    assert.deepEqual(r.snapshots.map((x) => x.label), ['fill', 'churn']);
    assert.equal(r.operations, 10000);
    assert.equal(r.series!.length, 200);
    assert.equal(r.series![199].op, 10000);
    assert.deepEqual(r.series![199].metrics, r.snapshots[1].metrics);
  });
  test('--kernel: the same scenario on another preset', () => {
    const r = runScenario(s, 't', { seed: 1, kernel: '6.12' });
    assert.equal(r.params.version, '6.12');
    assert.equal(r.pools.length, 1, '6.12 zswap has one zsmalloc pool');
  });
});

describe('zswap', () => {
  test('32 zsmalloc pools in 6.6, named zswap1 … zswap20 (hex), with their own caches; entries spread over all of them', () => {
    const r = runScenario(scenario(zswapYaml()), 't', { seed: 1 });
    assert.equal(KERNEL_PRESETS['6.6'].zswapPools, 32);
    assert.equal(r.pools.length, 32);
    assert.deepEqual([r.pools[0].name, r.pools[15].name, r.pools[31].name], ['zswap1', 'zswap10', 'zswap20']);
    const perPool = r.snapshots[0].pools.map((p) => p.classes.total.objUsed);
    assert.ok(Math.min(...perPool) > 0.7 * (perPool.reduce((a, b) => a + b) / 32), `uneven: ${perPool}`);
    assert.equal(r.snapshots[0].slab.lines.length, 64);
  });
  test('same-filled pages and pages that do not compress take no object', () => {
    const r = runScenario(scenario(zswapYaml()), 't', { seed: 1 });
    const c = r.users!.zswap;
    assert.equal(c.stored_pages + c.same_filled_pages + c.reject_compress_poor, 20000);
    assert.ok(Math.abs(c.same_filled_pages - 2000) < 200);
    assert.ok(Math.abs(c.reject_compress_poor - 9000) < 300);
    assert.equal(r.snapshots[0].pools.reduce((n, p) => n + p.classes.total.objUsed, 0), c.stored_pages);
  });
  test('the pool limit: past max_pool_percent stores are refused and the oldest entries written back below the accept threshold', () => {
    // 1024 MiB = 262144 pages; 1% = 2621 pages. 500-byte objects: 8 per page.
    const r = runScenario(scenario(zswapYaml('pools: 1, max_pool_percent: 1, sizes: { uniform: [400, 500] }', '  - { name: fill, user: zswap, store: 40000 }')), 't', { seed: 1 });
    const c = r.users!.zswap;
    assert.ok(c.pool_limit_hit > 0 && c.written_back_pages > 0, JSON.stringify(c));
    assert.ok(r.snapshots[0].metrics['zs.pages_used']! <= 2621 + 1);
  });
  test('a swap-in of a page that is only read frees the entry from v6.9 (exclusive loads), not before', () => {
    const phases = '  - { name: fill, user: zswap, store: 2000 }\n  - { name: read, user: zswap, churn: 1000, store_pct: 0, access: read }';
    const s = scenario(zswapYaml('sizes: { uniform: [100, 200] }', phases));
    const objects = (kernel: '6.6' | '6.10') => runScenario(s, 't', { seed: 1, kernel }).snapshots.map((x) => x.metrics['zs.stored_bytes']! > 0 && x.pools.reduce((n, p) => n + p.classes.total.objUsed, 0));
    assert.deepEqual(objects('6.6'), [2000, 2000]);
    assert.deepEqual(objects('6.10'), [2000, 1000]);
  });
  test('shared caches: one zs_handle and one zspage cache for all 32 pools', () => {
    const r = runScenario(scenario(zswapYaml(`caches: shared, ${DEFAULT_ZSWAP}`)), 't', { seed: 1 });
    assert.deepEqual(r.snapshots[0].slab.lines.map((l) => l.name), ['zspage', 'zs_handle']);
  });
});

describe('zram', () => {
  const zramYaml = (phases: string) => `name: t
description: test
machine: { cpus: 1, ram_mib: 1024 }
kernel: "6.12"
zram:
  - { name: zram0, sizes: { choices: [[1000, 1], [3800, 1]] } }
  - { name: zram1, caches: shared, sizes: { uniform: [100, 200] } }
  - { name: zram2, caches: shared, sizes: { uniform: [100, 200] } }
phases:
${phases}
`;
  test('pages compressing to huge_class_size or more are stored whole; cache names carry the device (6.12)', () => {
    const r = runScenario(scenario(zramYaml('  - { name: w, user: zram0, store: 1000 }')), 't', { seed: 3 });
    const huge = r.snapshots[0].pools[0].classes.rows.find((row) => row.size === 4096)!;
    assert.equal(huge.objUsed, r.users!.zram0.huge_pages_stored);
    assert.ok(huge.objUsed > 400 && huge.objUsed < 600);
    assert.deepEqual(r.snapshots[0].slab.lines.map((l) => l.name), ['zspage', 'zs_handle', 'zspage-zram0', 'zs_handle-zram0']);
  });
  test('an overwrite stores the new data before freeing the old, so the peak counts both', () => {
    const r = runScenario(scenario(zramYaml('  - { name: w, user: zram1, store: 1 }\n  - { name: o, user: zram1, overwrite: 1 }')), 't', { seed: 1 });
    const m = r.snapshots[1].pools[1].mmStat;
    assert.equal(r.snapshots[1].pools[1].classes.total.objUsed, 1);
    assert.ok(m.comprDataSize >= 100 && m.comprDataSize <= 200);
  });
  test('free_pct oldest frees the first stored objects', () => {
    const r = runScenario(scenario(zramYaml('  - { name: w, user: zram0, store: 100 }\n  - { name: d, user: zram0, free_pct: 50, free: oldest }')), 't', { seed: 1 });
    assert.equal(r.snapshots[1].pools[0].classes.total.objUsed, 50);
  });
});
