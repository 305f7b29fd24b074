// The fidelity fixture set (engine/verify/fixtureRuns.ts) replayed through the engine: every
// exact quantity must equal the kernel's, at every snapshot of every run. The test output
// carries the kernel / engine table of each run.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareRun } from '../engine/verify/fidelity';
import { readFixtureRuns } from '../engine/verify/fixtureRuns';
import { replayTrace } from '../engine/workload/replay';
import { repoRoot } from './repoRoot';

const ROOTS = [join(repoRoot(), 'test', 'fixtures', 'oracle', 'runs'), join(repoRoot(), 'test', 'fixtures', 'fidelity')];
const runs = readFixtureRuns(ROOTS);

test('the fixture set holds the five zram oracle runs and the runs captured with scripts/oracle', () => {
  assert.ok(runs.filter((r) => r.driver === 'zram').length >= 5, runs.map((r) => r.name).join(', '));
});

for (const run of runs) {
  const result = replayTrace(run.trace, run.traceFile);
  describe(`fidelity ${run.name} (${run.driver}, kernel ${run.capture.boot.uname ?? run.capture.info.kernel ?? result.params.version})`, () => {
    test('one engine snapshot per kernel snapshot, same labels, same order', () => {
      assert.deepEqual(result.snapshots.map((s) => s.label), run.capture.snapshots.map((s) => s.label));
    });
    for (const snap of compareRun(run.capture.snapshots, result.snapshots)) {
      const table = snap.rows.map((r) => `${r.metric.padEnd(20)} ${r.kind.padEnd(11)} kernel ${String(r.kernel).padStart(10)} engine ${String(r.engine).padStart(10)} diff ${r.diff}`);
      test(`${snap.label}: ${snap.rows.filter((r) => r.ok).length}/${snap.rows.length} quantities as the kernel's`, (t) => {
        t.diagnostic('\n' + table.join('\n'));
        for (const r of snap.rows) assert.ok(r.ok, `${run.name} ${snap.label} ${r.metric}: kernel ${r.kernel}, engine ${r.engine}${r.differing?.length ? '\n  ' + r.differing.slice(0, 5).join('\n  ') : ''}`);
      });
    }
  });
}
