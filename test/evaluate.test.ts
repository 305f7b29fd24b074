// zsreview evaluate end to end: the seed patch and the seed reply give the shared-caches finding
// and a table in which the slab metrics move; golden outputs for one fixed seed set; the same
// seeds give byte-identical reports; inputs without a modelled change or without a diff.
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../engine/cli';
import { repoRoot } from './repoRoot';

process.chdir(repoRoot());

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  // Without a worker script every command, evaluate too, runs in this thread and returns a number.
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) }) as number;
  return { code, out, err };
}

const TINY = 'test/fixtures/scenarios/tiny-zswap.yaml';
const SAMPLE = 'samples/patches/share-slab-caches.patch';

describe('evaluate', () => {
  for (const [name, file] of [['the seed patch', 'test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch'], ['the seed reply (a web-archive page)', 'test/fixtures/patches/seed-reply.txt']]) {
    test(`${name}: shared-slab-caches with evidence, and slab.caches and slab.unused_bytes change in a zswap scenario`, () => {
      const r = run('evaluate', file, '--scenario', TINY, '--seeds', '2', '--format', 'json');
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(r.out);
      assert.deepEqual(report.findings.map((f: { plugin: string }) => f.plugin), ['shared-slab-caches']);
      const doc = readFileSync(file, 'utf8').split('\n');
      assert.ok(report.findings[0].evidence.some((e: { docLine: number }) => /struct kmem_cache \*zs_handle_cache;/.test(doc[e.docLine - 1])));
      const metric = (n: string) => report.scenarios[0].metrics.find((m: { name: string }) => m.name === n);
      assert.deepEqual([metric('slab.caches').before.mean, metric('slab.caches').after.mean], [64, 2]);
      assert.notEqual(metric('slab.unused_bytes').before.mean, metric('slab.unused_bytes').after.mean);
      assert.equal(metric('zs.pages_used').changePct, 0, 'the allocator itself is unchanged');
    });
  }
  for (const format of ['text', 'json', 'markdown', 'csv']) {
    test(`golden ${format} output (sample patch, tiny-zswap, seeds 1..3)`, () => {
      const r = run('evaluate', SAMPLE, '--scenario', TINY, '--seeds', '3', '--format', format);
      assert.equal(r.out, readFileSync(`test/golden/share-slab-caches.tiny-zswap.${format}`, 'utf8'));
    });
  }
  test('--cpus runs every scenario on that many CPUs and says so in the reproduce line', () => {
    const two = JSON.parse(run('evaluate', SAMPLE, '--scenario', TINY, '--seeds', '2', '--format', 'json').out);
    const four = JSON.parse(run('evaluate', SAMPLE, '--scenario', TINY, '--seeds', '2', '--format', 'json', '--cpus', '4').out);
    assert.match(four.reproduce, / --cpus 4$/);
    assert.doesNotMatch(two.reproduce, /--cpus/);
    const unused = (r: { scenarios: { metrics: { name: string; before: { mean: number } }[] }[] }) => r.scenarios[0].metrics.find((m) => m.name === 'slab.free_bytes')!.before.mean;
    assert.notEqual(unused(two), unused(four), 'more CPUs hold more per-CPU slabs');
  });
  test('--cpus below the CPUs a phase is pinned to: exit 2 naming the scenario and phase', () => {
    const pinned = 'out/test/pinned.yaml';
    writeFileSync(pinned, readFileSync(TINY, 'utf8').replace(/name: tiny-zswap/, 'name: pinned').replace(/(phases:\n  - \{ name: [^,]+,)/, '$1 cpus: [1],'));
    const r = run('evaluate', SAMPLE, '--scenario', pinned, '--cpus', '1');
    unlinkSync(pinned);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /scenario pinned pins phase '[^']+' to CPUs 1, which a 1-CPU machine does not have/);
  });
  test('the text report fits 80 columns with absolute paths too (the editor passes them)', () => {
    const r = run('evaluate', join(process.cwd(), SAMPLE), '--scenario', join(process.cwd(), TINY), '--seeds', '2');
    assert.equal(r.code, 0, r.err);
    assert.ok(process.cwd().length > 5);
    assert.deepEqual(r.out.split('\n').filter((l) => l.length > 80 && !/^\S+$/.test(l)), []);
  });
  test('the text report fits 80 columns', () => {
    const r = run('evaluate', SAMPLE, '--scenario', TINY, '--seeds', '2');
    assert.ok(r.out.split('\n').every((l) => l.length <= 80));
  });
  test('the same seeds give a byte-identical report', () => {
    const a = run('evaluate', SAMPLE, '--scenario', TINY, '--seeds', '2', '--format', 'json').out;
    assert.equal(run('evaluate', SAMPLE, '--scenario', TINY, '--seeds', '2', '--format', 'json').out, a);
  });
  test('an mbox series: findings of the whole series, and what each patch changes', () => {
    const mail = (n: number, name: string) => `From ${String(n).padStart(40, '0')} Mon Sep 17 00:00:00 2001\n${readFileSync(`test/fixtures/patches/${name}`, 'utf8')}`;
    const series = 'out/test/series.mbox';
    writeFileSync(series, mail(1, '01-zsmalloc-share-slab-caches-v1.patch') + '\n' + mail(2, '07-zswap-multiple-zpools-v3.patch'));
    const r = run('evaluate', series, '--scenario', TINY, '--seeds', '2', '--format', 'json');
    const report = JSON.parse(r.out);
    assert.equal(report.input.format, 'mbox');
    assert.deepEqual(report.findings.map((f: { plugin: string }) => f.plugin), ['shared-slab-caches', 'zswap-pool-count']);
    assert.deepEqual(report.perPatch.map((p: { findings: { plugin: string }[] }) => p.findings.map((f) => f.plugin)), [['shared-slab-caches'], ['zswap-pool-count']]);
    // Each patch alone: the cache patch changes slab.caches, the pool-count patch (its own caches per pool) too, differently.
    const caches = (scenarios: { metrics: { name: string; before: { mean: number }; after: { mean: number } }[] }[]) => {
      const m = scenarios[0].metrics.find((x) => x.name === 'slab.caches')!;
      return [m.before.mean, m.after.mean];
    };
    assert.deepEqual(caches(report.scenarios), [2, 2]);
    assert.deepEqual(caches(report.perPatch[0].scenarios), [64, 2]);
    assert.deepEqual(caches(report.perPatch[1].scenarios), [2, 64]);
    const text = run('evaluate', series, '--scenario', TINY, '--seeds', '2').out;
    assert.match(text, /findings \(the series of 2 patches, applied together\):/);
    assert.match(text, /\npatch 2 alone: scenario tiny-zswap \(2 seeds: 1\.\.2\)\n/);
    assert.match(text, /per patch:\n  1\. \[PATCH\] mm: zsmalloc: share slab caches for all zsmalloc zpools:\s+shared-slab-caches false -> true\n  2\. \[PATCH v3\] mm: zswap: multiple zpools support: zswap-pool-count 1 -> 32\n/);
  });
  test('--input-format overrides the detected format', () => {
    const r = run('evaluate', 'test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch', '--scenario', TINY, '--seeds', '2', '--format', 'json', '--input-format', 'unified-diff');
    assert.equal(JSON.parse(r.out).input.format, 'unified-diff');
    assert.match(run('evaluate', SAMPLE, '--input-format', 'pdf').err, /--input-format 'pdf' is not allowed; use format-patch, mbox, quoted-reply, unified-diff/);
  });
  test('a finding on a knob no metric models yet (lock granularity) says so instead of a silent 0%', () => {
    const r = run('evaluate', 'test/fixtures/patches/11-zsmalloc-back-to-per-size-class-lock.patch', '--scenario', TINY, '--seeds', '2');
    assert.match(r.out, /lock-granularity: lockGranularity pool -> class\n[\s\S]*not simulated: no metric models lockGranularity yet/);
  });
  test('a patch touching nothing modelled: exit 0, "nothing this tool models changes", the files seen', () => {
    const r = run('evaluate', 'test/fixtures/patches/18-neg-slub-lower-slub_max_order-tiny.patch', '--scenario', TINY);
    assert.equal(r.code, 0);
    assert.match(r.out, /nothing this tool models changes\nfiles seen: mm\/slub\.c/);
  });
  test('a 200 MB file is refused at once with the limit, not read', () => {
    const big = 'out/test/big.patch';
    writeFileSync(big, Buffer.alloc(200 * 1024 * 1024, 'diff --git a/x b/x\n'));
    const r = run('evaluate', big);
    unlinkSync(big);
    assert.equal(r.code, 2);
    assert.match(r.err, /big\.patch: is 200 MiB, more than the 64 MiB zsreview reads as a patch, mbox or mail; split it into smaller files/);
  });
  const bad: [string, string[], RegExp][] = [
    ['a file without a diff', ['README.md'], /README\.md: contains no diff/],
    ['a missing file', ['nope.patch'], /nope\.patch: cannot be read/],
    ['an unknown scenario', [SAMPLE, '--scenario', 'nope'], /--scenario 'nope' is not a bundled scenario or a \.yaml file; bundled: g4-stress-ng/],
    ['too many seeds', [SAMPLE, '--seeds', '500'], /--seeds '500' is not allowed; use a whole number in 1\.\.50/],
    ['an unknown format', [SAMPLE, '--format', 'html'], /--format 'html' is not allowed; use text, json, markdown, csv/],
    ['zero CPUs', [SAMPLE, '--cpus', '0'], /--cpus '0' is not allowed; use a whole number in 1\.\.4096/],
  ];
  for (const [what, args, message] of bad) {
    test(`${what}: exit 2 with one line`, () => {
      const r = run('evaluate', ...args);
      assert.equal(r.code, 2);
      assert.match(r.err, message);
      assert.equal(r.err.trimEnd().split('\n').length, 1);
    });
  }
});
