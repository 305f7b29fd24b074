// The model against the REAL kernel: every zram trace captured under QEMU from Debian's 6.1 and
// 6.12 kernels (test/fixtures/oracle, from ../shared/oracle) replayed through the pool, compared
// snapshot by snapshot with what the kernel printed. The issue asks for identical class
// tables and pages after writes and discards and 2% after compaction; the model is exact
// everywhere, so every comparison here is exact, and the test names show both numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatClassesTable } from '../engine/report/classesText';
import { replayTrace } from '../engine/workload/replay';
import { readRun } from './oracleRuns';

const RUNS = ['zram-6.1-stat', 'zram-6.12-stock', 'zram-multi1-6.1-stat', 'zram-multi32-6.1-stat', 'zram-multi32-6.1-stat-shared'];

for (const run of RUNS) {
  const { trace, traceFile, phases } = readRun(run);
  const result = replayTrace(trace, traceFile);
  describe(`oracle run ${run} (kernel ${result.params.version})`, () => {
    test('the trace has a snapshot for every phase file, in order', () => {
      assert.deepEqual(result.snapshots.map((s) => s.label), phases.map((p) => p.label));
    });
    for (const phase of phases) {
      const snap = result.snapshots.find((s) => s.label === phase.label)!;
      const modelPools = new Map(snap.pools.map((p) => [p.pool, p]));
      let pagesModel = 0;
      let pagesKernel = 0;
      for (const [pool, k] of phase.mmStat) {
        pagesModel += modelPools.get(pool)!.mmStat.memUsedTotal;
        pagesKernel += k.memUsedTotal;
      }
      const pct = pagesKernel === 0 ? 0 : (100 * (pagesModel - pagesKernel)) / pagesKernel;
      test(`${phase.label}: mem_used_total over ${phase.mmStat.size} pool(s) model ${pagesModel} B, kernel ${pagesKernel} B (${pct.toFixed(3)}%)`, () => {
        assert.equal(pagesModel, pagesKernel);
      });
      test(`${phase.label}: every pool's mm_stat (compr_data_size, mem_used_total, mem_used_max, pages_compacted, huge_pages) as the kernel's`, () => {
        for (const [pool, k] of phase.mmStat) {
          const m = modelPools.get(pool)!.mmStat;
          assert.deepEqual(
            [m.comprDataSize, m.memUsedTotal, m.memUsedMax, m.pagesCompacted, m.hugePages],
            [k.comprDataSize, k.memUsedTotal, k.memUsedMax, k.pagesCompacted, k.hugePages],
            `${run} ${phase.label} pool ${pool}`,
          );
        }
      });
      if (phase.classes.size > 0) {
        test(`${phase.label}: debugfs classes of ${phase.classes.size} pool(s) byte-identical to the kernel's`, () => {
          for (const [pool, text] of phase.classes) {
            assert.equal(formatClassesTable(modelPools.get(pool)!.classes), text, `${run} ${phase.label} classes ${pool}`);
          }
        });
      }
    }
  });
}
