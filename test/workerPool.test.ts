// Scenario runs on worker threads give the very report a run in one thread gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluateInput, inputFromPatch } from '../engine/evaluate';
import { readPatch } from '../engine/patch/read';
import { evaluateInWorkers } from '../engine/workerPool';
import { readScenario } from '../engine/workload/scenario';
import { repoRoot } from './repoRoot';

test('evaluate on two worker threads: byte-identical to one thread, progress counted to the end', async () => {
  const root = repoRoot();
  const file = join(root, 'test/fixtures/scenarios/tiny-zswap.yaml');
  const patchFile = join(root, 'samples/patches/share-slab-caches.patch');
  const options = { scenarios: [{ file, scenario: readScenario(readFileSync(file, 'utf8'), file) }], seeds: 3, command: 'test' };
  const patch = inputFromPatch(readPatch(readFileSync(patchFile, 'utf8'), 'share-slab-caches.patch'));
  const progress: number[] = [];
  const parallel = await evaluateInWorkers(patch, { ...options, onProgress: (done) => progress.push(done) }, join(root, 'out/test/worker.js'));
  assert.equal(JSON.stringify(parallel), JSON.stringify(evaluateInput(patch, options)));
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
  // Without a progress callback too (the command line when piped): it must still finish.
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the worker pool did not finish')), 30_000).unref());
  const quiet = await Promise.race([evaluateInWorkers(patch, options, join(root, 'out/test/worker.js')), timeout]);
  assert.equal(JSON.stringify(quiet), JSON.stringify(parallel));
});
