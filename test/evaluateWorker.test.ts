// The editor's evaluation worker: the report the CLI prints for the same input, the run behind
// the charts, progress, bad input as one expected error, and termination (the editor's Cancel)
// ending the worker and its job workers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { main } from '../engine/cli';
import type { EvaluateRequest } from '../engine/evaluateRequest';
import type { EvaluateWorkerMessage } from '../engine/evaluateWorkerProtocol';
import { repoRoot } from './repoRoot';

const root = repoRoot();
const TINY = join(root, 'test/fixtures/scenarios/tiny-zswap.yaml');
const SAMPLE = join(root, 'samples/patches/share-slab-caches.patch');

function start(request: EvaluateRequest): { worker: Worker; messages: EvaluateWorkerMessage[]; end: Promise<EvaluateWorkerMessage> } {
  const worker = new Worker(join(root, 'out/test/evaluateWorker.js'), { workerData: { request, jobWorker: join(root, 'out/test/worker.js') } });
  const messages: EvaluateWorkerMessage[] = [];
  const end = new Promise<EvaluateWorkerMessage>((resolve, reject) => {
    worker.on('message', (m: EvaluateWorkerMessage) => {
      messages.push(m);
      if (m.type !== 'progress') resolve(m);
    });
    worker.on('error', reject);
  });
  return { worker, messages, end };
}

test('a patch as editor text: the CLI\'s report, progress to the end, and the seed-1 runs of both variants', async () => {
  const { worker, messages, end } = start({ file: SAMPLE, text: readFileSync(SAMPLE, 'utf8'), scenarios: [TINY], seeds: 2 });
  const m = await end;
  await worker.terminate();
  assert.equal(m.type, 'result');
  if (m.type !== 'result') return;
  let cli = '';
  main(['evaluate', SAMPLE, '--scenario', TINY, '--seeds', '2', '--format', 'json'], { out: (t) => (cli += t), err: () => {} });
  assert.equal(JSON.stringify(m.report, null, 2) + '\n', cli);
  assert.deepEqual(messages.filter((x) => x.type === 'progress').map((x) => (x.type === 'progress' ? x.done : 0)), [1, 2, 3, 4]);
  assert.deepEqual(m.details.map((d) => [d.scenario, d.variant, d.seed]), [['tiny-zswap', 'before', 1], ['tiny-zswap', 'after', 1]]);
  for (const d of m.details) {
    // The per-class sums are the whole run's totals at its end (the last series point is not the end, so use the slab lines' own check).
    assert.ok(d.classes.length > 10 && d.classes.every((c, i) => i === 0 || c.size > d.classes[i - 1].size));
    assert.ok(d.classes.every((c) => c.storedBytes > 0 && c.storedBytes <= c.pagesUsed * d.pageSize && c.objUsed <= c.objAllocated));
    assert.ok(d.series.length > 100);
  }
  assert.equal(m.details[0].slab.lines.length, 64, 'per-pool caches before');
  assert.equal(m.details[1].slab.lines.length, 2, 'one shared pair after');
  const stored = (i: number) => m.details[i].classes.reduce((s, c) => s + c.storedBytes, 0);
  assert.equal(stored(0), stored(1), 'the allocator is unchanged, so the same bytes are stored');
});

test('bad input: one expected error naming the file, no stack', async () => {
  const { worker, end } = start({ file: 'pasted.txt', text: 'just a reply, no diff\n', scenarios: [TINY], seeds: 1 });
  const m = await end;
  await worker.terminate();
  assert.equal(m.type, 'error');
  if (m.type !== 'error') return;
  assert.equal(m.expected, true);
  assert.equal(m.detail, null);
  assert.match(m.message, /^pasted\.txt: contains no diff/);
});

test('terminate (the editor\'s Cancel) stops a long evaluation at once', async () => {
  const { worker, messages } = start({ file: SAMPLE, scenarios: ['g4-stress-ng'], seeds: 20 });
  await new Promise((r) => setTimeout(r, 300));
  const code = await worker.terminate();
  assert.equal(code, 1);
  assert.ok(!messages.some((m) => m.type === 'result'), 'no result after cancel');
});
