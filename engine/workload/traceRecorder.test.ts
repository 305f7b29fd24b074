// A recorded scenario run, replayed as a trace, must give the run's own statistics: the trace is
// what `zsreview verify SCENARIO` sends to the real kernel, so it has to be the whole story.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../test/repoRoot';
import { replayTrace } from './replay';
import { runScenario } from './runScenario';
import { readScenario } from './scenario';
import { TraceRecorder } from './traceRecorder';

for (const [name, file] of [
  ['tiny-zswap (32 pools, 2 CPUs)', join(repoRoot(), 'test', 'fixtures', 'scenarios', 'tiny-zswap.yaml')],
  ['zram-fs (4 CPUs, compaction)', join(repoRoot(), 'samples', 'scenarios', 'zram-fs.yaml')],
] as const) {
  test(`${name}: replaying the recorded trace gives the scenario run's snapshots`, () => {
    const scenario = readScenario(readFileSync(file, 'utf8'), file);
    const record = new TraceRecorder(['test']);
    const run = runScenario(scenario, file, { seed: 3, record });
    const trace = record.text();
    const replay = replayTrace(trace, 'recorded.trace');
    assert.deepEqual(replay.snapshots.map((s) => s.label), run.snapshots.map((s) => s.label));
    for (let i = 0; i < run.snapshots.length; i++) {
      assert.deepEqual(replay.snapshots[i].metrics, run.snapshots[i].metrics, run.snapshots[i].label);
      assert.deepEqual(replay.snapshots[i].slab.lines, run.snapshots[i].slab.lines, run.snapshots[i].label);
      assert.deepEqual(replay.snapshots[i].pools, run.snapshots[i].pools, run.snapshots[i].label);
    }
    assert.match(trace, /^zsreview-trace 1\n# test\nmachine page_size=4096 word_bits=64 cpus=\d\nkernel 6\.\d+\nslab merge=off\npool /);
  });
}

