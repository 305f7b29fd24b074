// `zsreview verify` without a VM: the committed captures of test/fixtures/fidelity compared again
// through --kernel-log (the same path a QEMU run takes after the boot), and the refusals that must
// come before anything boots.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../../test/repoRoot';
import { runCli } from '../../test/runCli';
import { traceAsRun } from './verifyCommand';

const root = repoRoot();
const fidelity = join(root, 'test', 'fixtures', 'fidelity');
const oracle = join(root, 'test', 'fixtures', 'oracle');
const trace612 = join(oracle, 'runs', 'zram-6.12-stock', 'zram-6.12-stock.trace');
const multi32 = join(oracle, 'runs', 'zram-multi32-6.1-stat', 'zram-multi32-6.1-stat.trace');
const sharedPatch = join(oracle, 'patches', 'zsmalloc-6.12-shared-caches.patch');
const scratch = mkdtempSync(join(tmpdir(), 'zsreview-verify-'));

describe('zsreview verify on committed kernel captures', () => {
  test('a zram trace on Debian 6.12: every quantity as the kernel printed it, exit 0', () => {
    const r = runCli('verify', trace612, '--kernel', 'debian-6.12', '--kernel-log', join(fidelity, 'zstrace-zram-6.12'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^kernel: Linux 6\.12\.117\+deb12-amd64, 1 CPU\(s\)\n {2}engine: the 6\.12 preset, caches own$/m);
    assert.match(r.out, /^result: (\d+) of \1 quantities as the kernel's$/m);
    // The input's path has a line of its own and is printed whole, however deep the checkout is;
    // every other line must fit an 80-column mail.
    assert.ok(r.out.split('\n').includes(`# ${trace612}`), 'the path line is printed as given');
    for (const line of r.out.split('\n').filter((l) => l !== `# ${trace612}`)) assert.ok(line.length <= 80, `longer than 80 columns: ${line}`);
  });

  test('the seed case: 32 pools on the minimal 6.12 before and after the shared-caches patch, slab pages side by side', () => {
    const r = runCli('verify', multi32, '--kernel', 'minimal-6.12', '--patch', sharedPatch, '--kernel-log', join(fidelity, 'multi32-6.12-minimal-before'), '--kernel-log', join(fidelity, 'multi32-6.12-minimal-after'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /engine reads the patch as: zs_handle and zspage caches move from each pool to one global pair/);
    assert.match(r.out, /^ {4}slab\.caches {8}64 -> 2 \(-96\.9%\) +\| 64 -> 2 \(-96\.9%\)$/m);
    const pages = [...r.out.matchAll(/^ {4}slab pages +(\d+) -> (\d+) pages.* \| (\d+) -> (\d+) pages/gm)].map((m) => m.slice(1).map(Number));
    assert.ok(pages.length >= 3);
    for (const [kb, ka, eb, ea] of pages) assert.deepEqual([eb, ea], [kb, ka], 'the engine predicts the kernel slab pages before and after');
    assert.ok(pages.some(([kb, ka]) => ka < kb), 'the shared caches hold fewer slab pages');
  });

  test('--format json: per variant and snapshot the rows with kind, kernel, engine, diff', () => {
    const r = runCli('verify', trace612, '--kernel', 'debian-6.12', '--kernel-log', join(fidelity, 'zstrace-zram-6.12', 'console.log.gz'), '--format', 'json');
    const j = JSON.parse(r.out);
    assert.equal(j.ok, true);
    assert.equal(j.variants[0].name, 'kernel');
    const row = j.variants[0].snapshots.find((s: { label: string }) => s.label === 'after-write').rows.find((x: { metric: string }) => x.metric === 'zs.pages_used');
    assert.deepEqual([row.kind, row.kernel, row.engine, row.diff], ['exact', 4868, 4868, 0]);
  });

  test('a kernel run whose numbers the engine does not give: exit 1, the differing rows marked', () => {
    // The 6.12 capture against the 6.1 preset: other size classes, so other pages.
    const r = runCli('verify', trace612, '--kernel', 'debian-6.1', '--kernel-log', join(fidelity, 'zstrace-zram-6.12'));
    assert.equal(r.code, 1);
    assert.match(r.out, /zs\.pages_used .* <-$/m);
  });
});

describe('zsreview verify refuses before anything boots', () => {
  const cases: [string, string[], RegExp][] = [
    ['a bzImage path that does not exist', [trace612, '--kernel', '/nonexistent/bzImage'], /--kernel '\/nonexistent\/bzImage': no such file; give --kernel debian-6\.1, debian-6\.12, minimal-6\.12 or the path of a bzImage/],
    ['a file that is not a bzImage', [trace612, '--kernel', join(root, 'README.md')], /is not an x86 bzImage \(no 'HdrS' at offset 0x202\)/],
    ['a 32-bit scenario', ['g4-stress-ng'], /32-bit machine .* the oracle boots x86-64 kernels/],
    ['a trace for a kernel no Debian package runs', [scratchFile('k66.trace', 'zsreview-trace 1\nmachine page_size=4096 word_bits=64 cpus=1\nkernel 6.6\npool p caches=own\nalloc p 1 100\n'), '--kernel-log', 'x'], /for kernel 6\.6, which no Debian kernel here runs; give --kernel debian-6\.12/],
    ['two logs without a patch', [trace612, '--kernel-log', 'a', '--kernel-log', 'b'], /give one --kernel-log for 2 given/],
    ['a log of a run that did not finish', [trace612, '--kernel', 'debian-6.12', '--kernel-log', scratchFile('cut.log', '### BEGIN snapshot after-setup\n')], /no ### ORACLE DONE line/],
  ];
  for (const [what, args, message] of cases) {
    test(`${what}: exit 2, one message`, () => {
      const r = runCli('verify', ...args);
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    });
  }
  test('no qemu-system-x86_64 on PATH: exit 2, says how to install it', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const r = runCli('verify', trace612);
      assert.equal(r.code, 2);
      assert.match(r.err, /qemu-system-x86_64 not found: run scripts\/oracle\/setup\.sh as root \(apt-get install qemu-system-x86\), or give --kernel-log/);
    } finally {
      process.env.PATH = path;
    }
  });
});

test('traceAsRun names the series that booted and the caches each pool got', () => {
  const t = 'zsreview-trace 1\nmachine page_size=4096 word_bits=64 cpus=1\nkernel 6.1\npool zram0 caches=own # x\npool zram1\nalloc zram0 1 100\n';
  assert.equal(traceAsRun(t, '6.12', 'shared'), 'zsreview-trace 1\nmachine page_size=4096 word_bits=64 cpus=1\nkernel 6.12\npool zram0 caches=shared\npool zram1 caches=shared\nalloc zram0 1 100\n');
});

function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}
