// Plugins on the real patch texts: each fixture gives the knob its commit message describes
// (the negative gives none), with evidence on the document lines that carry the change, also
// when the patch is rebased, quoted, reversed or whitespace-damaged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../../test/repoRoot';
import { kernelParams } from '../kernel/params';
import { readPatch } from './read';
import { detectChanges, PLUGINS } from './registry';

const dir = join(repoRoot(), 'test', 'fixtures', 'patches');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');
const base = kernelParams('6.6');

function detect(text: string, name = 'x.patch') {
  return detectChanges(readPatch(text, name), base);
}

/** Every evidence line is a changed line of the document that the finding is about. */
function assertEvidenceOnDocument(text: string, name: string) {
  const doc = text.split('\n');
  for (const f of detect(text, name).findings) {
    assert.ok(f.evidence.length > 0, `${f.plugin} has evidence`);
    for (const e of f.evidence) assert.match(doc[e.docLine - 1].replace(/^((?:[ \t]*>)+) ?/, ''), /^[+-]/, `${name}:${e.docLine} is a changed line`);
  }
}

const truth: [string, string, string, unknown, unknown][] = [
  ['01-zsmalloc-share-slab-caches-v1.patch', 'shared-slab-caches', 'zsSlabCachesShared', false, true],
  ['02-zsmalloc-share-slab-caches-reply-minchan.patch', 'shared-slab-caches', 'zsSlabCachesShared', false, true],
  ['seed-reply.txt', 'shared-slab-caches', 'zsSlabCachesShared', false, true],
  ['03-zsmalloc-make-chain-size-configurable.patch', 'chain-size', 'chainSize', 4, 4],
  ['07-zswap-multiple-zpools-v3.patch', 'zswap-pool-count', 'zswapPools', 1, 32],
  ['11-zsmalloc-back-to-per-size-class-lock.patch', 'lock-granularity', 'lockGranularity', 'pool', 'class'],
  // The oracle's own shared-caches patches: per-pool pointers kept, aimed at refcounted global caches.
  ['../oracle/patches/zsmalloc-6.1-shared-caches.patch', 'shared-slab-caches', 'zsSlabCachesShared', false, true],
  ['../oracle/patches/zsmalloc-6.12-shared-caches.patch', 'shared-slab-caches', 'zsSlabCachesShared', false, true],
];

describe('plugins on the real patches', () => {
  test('the plugin ids checks look for', () => {
    assert.deepEqual(PLUGINS.map((p) => p.id), ['shared-slab-caches', 'zswap-pool-count', 'chain-size', 'chain-rule', 'lock-granularity', 'fullness-groups']);
  });
  for (const [name, plugin, knob, before, after] of truth) {
    test(`${name}: exactly one finding, ${plugin} ${knob} ${before} → ${after}, evidence on changed lines`, () => {
      const text = fixture(name);
      const { findings } = detect(text, name);
      assert.deepEqual(findings.map((f) => [f.plugin, f.knob, f.before, f.after]), [[plugin, knob, before, after]]);
      assertEvidenceOnDocument(text, name);
    });
  }
  test('the seed patch: evidence on the struct members removed and the global caches added', () => {
    const text = fixture('01-zsmalloc-share-slab-caches-v1.patch');
    const doc = text.split('\n');
    const lines = detect(text).findings[0].evidence.map((e) => doc[e.docLine - 1]);
    assert.ok(lines.includes('-\tstruct kmem_cache *handle_cachep;'));
    assert.ok(lines.includes('+static struct kmem_cache *zs_handle_cache;'));
  });
  test('the negative (a SLUB change) gives no finding and lists its hunk as outside the model', () => {
    const r = detect(fixture('18-neg-slub-lower-slub_max_order-tiny.patch'));
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.unmodelled.map((u) => [u.file, u.reason]), [['mm/slub.c', 'mm/slub.c is outside what zsreview models']]);
  });
  test('hunks no plugin claims are listed with their place, never dropped', () => {
    const r = detect(fixture('03-zsmalloc-make-chain-size-configurable.patch'));
    assert.deepEqual(r.unmodelled.map((u) => [u.file, u.docLine]), [['Documentation/mm/zsmalloc.rst', 26]]);
  });
});

describe('plugins on variations', () => {
  const reverse = (text: string) =>
    text
      .split('\n')
      .map((l) => {
        // Flip + and − after any quoting, but not the ---/+++ file lines.
        const m = /^((?:[ \t]*>)+ ?)?(.*)$/.exec(l)!;
        const [q, body] = [m[1] ?? '', m[2]];
        if (body.startsWith('+') && !body.startsWith('+++')) return q + '-' + body.slice(1);
        if (body.startsWith('-') && !body.startsWith('---')) return q + '+' + body.slice(1);
        return l;
      })
      .join('\n')
      .replace(/@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@/g, '@@ -$3$4 +$1$2 @@');
  for (const [name, plugin, , before, after] of truth.filter(([, , , b, a]) => b !== a)) {
    test(`${name} reversed gives ${plugin} ${after} → ${before}`, () => {
      const { findings } = detect(reverse(fixture(name)));
      assert.deepEqual(findings.map((f) => [f.plugin, f.before, f.after]), [[plugin, after, before]]);
    });
    test(`${name} rebased (hunk offsets moved), quoted twice and whitespace-damaged: same finding`, () => {
      const moved = fixture(name).replace(/@@ -(\d+)(,\d+)? \+(\d+)/g, (_m, a, b, c) => `@@ -${Number(a) + 37}${b ?? ''} +${Number(c) + 41}`);
      const damaged = moved.replace(/\n \n/g, '\n\n');
      const quoted = damaged.split('\n').map((l) => `>> ${l}`).join('\n');
      for (const variant of [moved, damaged, quoted]) {
        assert.deepEqual(detect(variant).findings.map((f) => [f.plugin, f.before, f.after]), [[plugin, before, after]]);
      }
    });
  }
  test('chain-rule and fullness-groups recognise their changes', () => {
    const chainRulePatch = `--- a/mm/zsmalloc.c\n+++ b/mm/zsmalloc.c\n@@ -800,10 +800,10 @@\n-static int get_pages_per_zspage(int class_size)\n+static int calculate_zspage_chain_size(int class_size)\n {\n-	int i, max_usedpc = 0;\n+	int i, min_waste = INT_MAX;\n`;
    assert.deepEqual(detect(chainRulePatch).findings.map((f) => [f.plugin, f.before, f.after]), [['chain-rule', 'usedpc', 'minwaste']]);
    const fullnessPatch = `--- a/mm/zsmalloc.c\n+++ b/mm/zsmalloc.c\n@@ -150,6 +150,7 @@\n enum fullness_group {\n-	ZS_EMPTY,\n-	ZS_ALMOST_EMPTY,\n-	ZS_ALMOST_FULL,\n+	ZS_INUSE_RATIO_0,\n+	ZS_INUSE_RATIO_10,\n+	ZS_INUSE_RATIO_99 = 10,\n`;
    assert.deepEqual(detect(fullnessPatch).findings.map((f) => [f.plugin, f.before, f.after]), [['fullness-groups', 'almost', 'ratio']]);
  });
  test('ZSWAP_NR_ZPOOLS changed from 32 to 8, or removed', () => {
    const change = `--- a/mm/zswap.c\n+++ b/mm/zswap.c\n@@ -150,7 +150,7 @@\n-#define ZSWAP_NR_ZPOOLS 32\n+#define ZSWAP_NR_ZPOOLS 8\n`;
    assert.deepEqual(detect(change).findings.map((f) => [f.before, f.after]), [[32, 8]]);
    const removal = `--- a/mm/zswap.c\n+++ b/mm/zswap.c\n@@ -150,7 +150,6 @@\n-#define ZSWAP_NR_ZPOOLS 32\n`;
    assert.deepEqual(detect(removal).findings.map((f) => [f.before, f.after]), [[32, 1]]);
  });
});
