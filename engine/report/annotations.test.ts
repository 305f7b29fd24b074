import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareEvaluation, runPreparedHere } from '../evaluateRequest';
import { repoRoot } from '../../test/repoRoot';
import { annotationsFor, headlineOf, hunkRanges, type FindingAnnotation } from './annotations';

const root = repoRoot();
const TINY = join(root, 'test/fixtures/scenarios/tiny-zswap.yaml');

function evaluate(file: string) {
  const prepared = prepareEvaluation({ file: join(root, file), scenarios: [TINY], seeds: 3 });
  const report = runPreparedHere(prepared);
  const doc = readFileSync(join(root, file), 'utf8').split('\n');
  return { report, hunks: hunkRanges(prepared.patch!), doc };
}

for (const file of ['test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch', 'test/fixtures/patches/seed-reply.txt']) {
  test(`${file}: a lens on each hunk with shared-caches evidence, on its @@ line, leading with the largest significant change`, () => {
    const { report, hunks, doc } = evaluate(file);
    const findings = annotationsFor(report, hunks).filter((a): a is FindingAnnotation => a.kind === 'finding');
    assert.ok(findings.length >= 3, `${findings.length} lenses`);
    for (const a of findings) {
      assert.match(doc[a.docLine - 1], /^(> ?)*@@ -\d+/, `lens line ${a.docLine} is a hunk header: ${doc[a.docLine - 1]}`);
      assert.ok(a.evidence.every((e) => e.docLine > a.docLine && e.docLine <= a.lastDocLine), 'evidence inside its hunk');
    }
    // Every evidence line of the finding is covered exactly once.
    const covered = findings.flatMap((a) => a.evidence.map((e) => e.docLine)).sort((x, y) => x - y);
    assert.deepEqual(covered, report.findings[0].evidence.map((e) => e.docLine).sort((x, y) => x - y));
    const h = headlineOf(report)!;
    const row = report.scenarios[0].metrics.find((m) => m.name === h.metric)!;
    assert.ok(row.significant);
    assert.notEqual(h.metric, 'slab.caches', 'a memory metric leads, not the count of caches');
    assert.ok(report.scenarios[0].metrics.every((m) => !m.significant || m.name === 'slab.caches' || Math.abs(m.changePct!) <= Math.abs(row.changePct!)));
    assert.equal(findings[0].lens, `shared slab caches · ${h.metric} ${h.change} (${h.p}) · tiny-zswap`);
    assert.match(findings[0].hover, /\| slab\.caches \| 64 ± 0 \| 2 ± 0 \| -96\.9% \|/);
  });
}

test('hunks nothing models get a "not modelled" lens with the reason on their @@ line', () => {
  const { report, hunks, doc } = evaluate('test/fixtures/patches/07-zswap-multiple-zpools-v3.patch');
  const unmodelled = annotationsFor(report, hunks).filter((a) => a.kind === 'unmodelled');
  assert.ok(report.unmodelled.length > 0);
  assert.equal(unmodelled.length, report.unmodelled.length);
  for (const a of unmodelled) {
    assert.match(a.lens, /^zsreview: not modelled · /);
    assert.match(doc[a.docLine - 1], /@@/);
  }
});

test('the count of caches leads only when no memory metric changes significantly', () => {
  const { report } = evaluate('test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch');
  const onlyCaches = { ...report, scenarios: report.scenarios.map((s) => ({ ...s, metrics: s.metrics.map((m) => ({ ...m, significant: m.name === 'slab.caches' })) })) };
  assert.equal(headlineOf(onlyCaches)!.metric, 'slab.caches');
});

test('a report with no significant change says so instead of a number', () => {
  const { report, hunks } = evaluate('test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch');
  const flat = { ...report, scenarios: report.scenarios.map((s) => ({ ...s, metrics: s.metrics.map((m) => ({ ...m, significant: false })) })) };
  assert.equal(headlineOf(flat), null);
  assert.match((annotationsFor(flat, hunks)[0] as FindingAnnotation).lens, /no significant change in 1 scenario$/);
});
