// The SLUB model against the REAL kernel: the zs_handle / zspage lines of /proc/slabinfo and
// their /sys/kernel/slab attributes after replaying each oracle trace (1 pool, 32 pools with
// their own caches, 32 pools sharing one pair), snapshot by snapshot. The issue allows 5% on
// objects and one slab per cache; the model matches exactly, so the tests ask for exact, and
// print the kernel / engine table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSlabinfoLine } from '../engine/report/slabinfoText';
import { replayTrace } from '../engine/workload/replay';
import { readRun } from './oracleRuns';

const RUNS = ['zram-6.1-stat', 'zram-6.12-stock', 'zram-multi1-6.1-stat', 'zram-multi32-6.1-stat', 'zram-multi32-6.1-stat-shared'];

const norm = (line: string) => line.trim().split(/\s+/).join(' ');

for (const run of RUNS) {
  const { trace, traceFile, phases } = readRun(run);
  const result = replayTrace(trace, traceFile);
  describe(`oracle run ${run}: slab caches`, () => {
    for (const phase of phases) {
      const snap = result.snapshots.find((s) => s.label === phase.label)!;
      const sum = (lines: readonly { activeObjs: number; numObjs: number; numSlabs: number }[]) =>
        lines.reduce((a, l) => [a[0] + l.activeObjs, a[1] + l.numObjs, a[2] + l.numSlabs], [0, 0, 0]);
      const kernelSum = sum(
        phase.slabinfo.map((l) => {
          const f = l.trim().split(/\s+/);
          return { activeObjs: Number(f[1]), numObjs: Number(f[2]), numSlabs: Number(f[14]) };
        }),
      );
      const modelSum = sum(snap.slab.lines);
      test(`${phase.label}: ${phase.slabinfo.length} slabinfo lines; active/num objs, slabs: kernel ${kernelSum.join('/')}, engine ${modelSum.join('/')}`, (t) => {
        const model = snap.slab.lines.map((l) => formatSlabinfoLine(l));
        t.diagnostic(['kernel: ' + phase.slabinfo.slice(0, 2).join(' | '), 'engine: ' + model.slice(0, 2).join(' | ')].join('\n'));
        assert.deepEqual(model.map(norm).sort(), phase.slabinfo.map(norm).sort());
      });
      const kernelUnused = phase.slabinfo.reduce((sum, l) => {
        const f = l.trim().split(/\s+/);
        return sum + (Number(f[2]) - Number(f[1])) * Number(f[3]);
      }, 0);
      test(`${phase.label}: slab.unused_bytes (the seed's metric) kernel ${kernelUnused}, engine ${snap.metrics['slab.unused_bytes']}`, () => {
        assert.equal(snap.metrics['slab.unused_bytes'], kernelUnused);
        assert.equal(snap.metrics['slab.caches'], phase.slabinfo.length);
      });
      test(`${phase.label}: slab.free_bytes counts every free object, the per-CPU ones slabinfo calls active too`, () => {
        const handles = snap.pools.reduce((n, p) => n + p.classes.total.objUsed, 0);
        const zspages = snap.pools.reduce((n, p) => n + p.classes.rows.reduce((m, r) => m + r.pagesUsed / r.pagesPerZspage, 0), 0);
        const num = (prefix: string) => snap.slab.lines.filter((l) => l.name.startsWith(prefix)).reduce((n, l) => n + l.numObjs, 0);
        const objsize = (prefix: string) => snap.slab.lines.find((l) => l.name.startsWith(prefix))!.objsize;
        assert.equal(snap.metrics['slab.free_bytes'], (num('zs_handle') - handles) * objsize('zs_handle') + (num('zspage') - zspages) * objsize('zspage'));
        assert.ok(snap.metrics['slab.free_bytes']! >= snap.metrics['slab.unused_bytes']!);
      });
      test(`${phase.label}: /sys/kernel/slab objects, total_objects, slabs, cpu_slabs, objects_partial as the kernel's`, () => {
        for (const [name, k] of phase.sysfs) {
          // sysfs keeps the first cache created under a name, so compare with the oldest of that name.
          const m = [...snap.slab.lines].reverse().find((l) => l.name === name)!;
          assert.ok(m, `no cache named ${name}`);
          assert.deepEqual(
            [m.objsize, m.objPerSlab, m.sysfs.objects, m.sysfs.totalObjects, m.sysfs.slabs, m.sysfs.cpuSlabs, m.sysfs.objectsPartial],
            [k.slab_size, k.objs_per_slab, k.objects, k.total_objects, k.slabs, k.cpu_slabs, k.objects_partial],
            `${run} ${phase.label} ${name}`,
          );
        }
      });
    }
  });
}
