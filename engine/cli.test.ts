// The `zsreview` command as a user meets it: output formats, exit codes and one-line errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ORACLE_DIR, readPhase } from '../test/oracleRuns';
import { runCli as run } from '../test/runCli';

const scratch = mkdtempSync(join(tmpdir(), 'zsreview-cli-'));
function file(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('zsreview classes', () => {
  test('--kernel 6.1 prints the table debugfs shows for a new pool on Debian 6.1, byte for byte', () => {
    const r = run('classes', '--kernel', '6.1');
    assert.equal(r.code, 0);
    const kernel = readPhase(join(ORACLE_DIR, 'runs/zram-6.1-stat/03-after-setup.txt'), 'after-setup').classes.get('zram0')!;
    assert.equal(r.out.slice(0, kernel.length), kernel);
    assert.match(r.out, /huge_class_size 3257/);
  });
  test('6.12 columns: class size 10% … 100% obj_allocated obj_used pages_used pages_per_zspage freeable', () => {
    const header = run('classes').out.split('\n')[0].trim().split(/\s+/);
    assert.deepEqual(header, ['class', 'size', '10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '99%', '100%', 'obj_allocated', 'obj_used', 'pages_used', 'pages_per_zspage', 'freeable']);
  });
  test('--page-size 16384 --chain-size 8 --format json gives 121 classes with their geometry', () => {
    const r = run('classes', '--page-size', '16384', '--chain-size', '8', '--format', 'json');
    const j = JSON.parse(r.out);
    assert.equal(j.classes.length, 121);
    assert.equal(j.hugeClassSize, 14553);
    assert.deepEqual(Object.keys(j.classes[0]).sort(), ['firstIndex', 'huge', 'index', 'objsPerZspage', 'pagesPerZspage', 'size', 'wasteBytes']);
  });
  test('--rule usedpc --chain-size 4 on 6.12 reproduces the 6.1 geometry (69 classes)', () => {
    assert.equal(JSON.parse(run('classes', '--rule', 'usedpc', '--chain-size', '4', '--format', 'json').out).classes.length, 69);
  });
  test('--word-bits 32: 4-byte handles', () => {
    assert.equal(JSON.parse(run('classes', '--word-bits', '32', '--format', 'json').out).handleSize, 4);
  });
  const bad: [string[], RegExp][] = [
    [['--page-size', '5000'], /--page-size '5000' is not allowed; use 4096, 16384, 65536/],
    [['--chain-size', '3'], /--chain-size '3' is not allowed; use a whole number in 4\.\.16/],
    [['--chain-size', '17'], /--chain-size '17'/],
    [['--rule', 'best'], /--rule 'best' is not allowed; use usedpc, minwaste/],
    [['--word-bits', '16'], /--word-bits '16' is not allowed; use 64, 32/],
    [['--kernel', '5.10'], /--kernel '5\.10' is not allowed; use 6\.1, 6\.6, 6\.10, 6\.12/],
    [['--format', 'xml'], /--format 'xml' is not allowed; use text, json/],
    [['--colour'], /unknown option '--colour'; options are --page-size/],
    [['--rule'], /option '--rule' needs a value/],
  ];
  for (const [args, message] of bad) {
    test(`bad flag ${args.join(' ')}: exit 2 and one line on stderr naming it`, () => {
      const r = run('classes', ...args);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, message);
      assert.equal(r.err.trimEnd().split('\n').length, 1);
    });
  }
});

describe('zsreview run', () => {
  const trace = join(ORACLE_DIR, 'runs/zram-6.1-stat/zram-6.1-stat.trace');
  test('prints, at every snapshot, the mm_stat fields and the classes table', () => {
    const r = run('run', trace);
    assert.equal(r.code, 0);
    assert.equal(r.out.match(/^## snapshot \S+ pool zram0$/gm)?.length, 7);
    assert.equal(r.out.match(/^## snapshot \S+ slab caches$/gm)?.length, 7);
    assert.match(r.out, /## snapshot after-discard-range slab caches\nzspage +1597 +2847 +56 +73 +1 : tunables +0 +0 +0 : slabdata +39 +39 +0\nzs_handle +6016 +8192 +8 /);
    assert.match(r.out, /## metrics slab\.unused_bytes=87408 slab\.free_bytes=\d+ slab\.bytes=225280 slab\.caches=2 zs\.pages_used=2320 /);
    assert.match(r.out, /## snapshot after-compact pool zram0\nmm_stat compr_data_size=13405327 mem_used_total=13869056 mem_used_max=20205568 pages_compacted=1438 huge_pages=1024\n/);
    const kernel = readPhase(join(ORACLE_DIR, 'runs/zram-6.1-stat/07-after-compact.txt'), 'after-compact').classes.get('zram0')!;
    assert.ok(r.out.includes(kernel));
  });
  test('--summary fits 80 columns and names kernel, page size and chain in its header', () => {
    const r = run('run', trace, '--summary');
    // The first line repeats the trace's path as given, which only the user can shorten.
    assert.ok(r.out.split('\n').slice(1).every((l) => l.length <= 80), 'a line is longer than 80 columns');
    assert.match(r.out, /kernel 6\.1, PAGE_SIZE 4096, 64-bit, chain 4 \(usedpc\)/);
    assert.match(r.out, /after-compact2\s+zram0\s+5248\s+9163703\s+2316\s/);
  });
  test('slab merging on: the report says the zs caches have no slabinfo lines instead of printing zeros', () => {
    const merged = file('merged.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\nslab merge=on\npool p\nalloc p 1 100\nsnapshot s\n');
    assert.match(run('run', merged).out, /# slab merging is on: the zs_handle and zspage caches are merged into other caches/);
    assert.match(run('run', merged, '--summary').out, /^s +n\/a +merged +n\/a +0$/m);
    assert.equal(JSON.parse(run('run', merged, '--format', 'json').out).snapshots[0].metrics['slab.unused_bytes'], null);
  });
  test('--kernel 6.12 replays the 6.1 trace under 6.12 rules and says so', () => {
    const r = run('run', trace, '--kernel', '6.12', '--summary');
    assert.match(r.out, /kernel 6\.12, [^\n]*\n# 1 pool\(s\), 20866 operations \(the trace says kernel 6\.1\)/);
  });
  test('--format json is the same replay, and the same input gives byte-identical output', () => {
    const a = run('run', trace, '--format', 'json');
    const b = run('run', trace, '--format', 'json');
    assert.equal(a.out, b.out);
    const j = JSON.parse(a.out);
    assert.equal(j.tool.name, 'zsreview');
    assert.equal(j.snapshots.length, 7);
    assert.equal(j.snapshots[4].pools[0].mmStat.pagesCompacted, 1438);
  });
  const badInputs: [string, () => string, RegExp][] = [
    ['a missing file', () => join(scratch, 'nope.trace'), /nope\.trace: cannot be read/],
    ['a directory', () => scratch, /is a directory/],
    ['a binary file', () => file('bin.trace', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), /bin\.trace:1: is a binary file/],
    ['an empty file', () => file('empty.trace', ''), /empty\.trace:1: the file is empty/],
    ['a patch instead of a trace', () => file('x.patch', 'From 1 Mon\nSubject: x\n'), /x\.patch:1: the first line is not 'zsreview-trace 1'/],
    ['an unknown directive', () => file('u.trace', 'zsreview-trace 1\nmachine page_size=4096\nkernel 6.12\npool p\nmalloc p 1 100\n'), /u\.trace:5: unknown directive 'malloc'; use one of/],
    ['a free of a handle never allocated', () => file('f.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\npool p\nalloc p 1 100\nfree p 2\n'), /f\.trace:6: handle 2 of pool p is not live/],
    ['a handle allocated twice', () => file('d.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\npool p\nalloc p 1 100\nalloc p 1 100\n'), /d\.trace:6: handle 1 of pool p is still live \(allocated at line 5\)/],
    ['an impossible size', () => file('s.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\npool p\nalloc p 1 5000\n'), /s\.trace:5: zs_malloc\(5000\) fails in the kernel; sizes must be 1\.\.4096/],
    ['an undeclared pool', () => file('p.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\nalloc zram9 1 100\n'), /p\.trace:4: pool 'zram9' is not declared; add 'pool zram9 caches=own'/],
    ['no kernel line', () => file('k.trace', 'zsreview-trace 1\nmachine\npool p\n'), /k\.trace:3: no kernel line/],
    ['an unknown kernel', () => file('v.trace', 'zsreview-trace 1\nkernel 5.4\n'), /v\.trace:2: kernel '5\.4' has no preset; use one of 6\.1, 6\.6, 6\.10, 6\.12/],
    ['a page size not modelled', () => file('ps.trace', 'zsreview-trace 1\nmachine page_size=8192\n'), /ps\.trace:2: page_size=8192 is not modelled/],
    ['a CPU the machine does not have', () => file('c.trace', 'zsreview-trace 1\nmachine cpus=2\nkernel 6.12\npool p\nalloc p 1 10 cpu=2\n'), /c\.trace:5: cpu=2 but the machine line declares 2 CPU/],
    ['an unknown option on alloc', () => file('o.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\npool p\nalloc p 1 10 node=1\n'), /o\.trace:5: unexpected 'node=1'; the only option of alloc, free and compact is cpu=N/],
    ['a truncated line', () => file('t.trace', 'zsreview-trace 1\nmachine\nkernel 6.12\npool p\nalloc p 1'), /t\.trace:5: missing size/],
  ];
  for (const [what, make, message] of badInputs) {
    test(`${what}: exit 2, one line naming file, line and fix`, () => {
      const r = run('run', make());
      assert.equal(r.code, 2);
      assert.match(r.err, message);
      assert.equal(r.err.trimEnd().split('\n').length, 1);
    });
  }
  test('handle numbers may be sparse and huge, with tabs and CRLF line ends', () => {
    const big = 10 ** 12;
    const r = run('run', file('sparse.trace', `zsreview-trace 1\r\nmachine\tcpus=2\r\nkernel 6.1\r\npool p\r\nalloc p ${big} 100 cpu=1\r\nalloc p 7 100\r\nfree p ${big}\r\nsnapshot s\r\n`), '--format', 'json');
    assert.equal(r.err, '');
    assert.equal(JSON.parse(r.out).snapshots[0].pools[0].mmStat.comprDataSize, 100);
    assert.match(run('run', file('sparse2.trace', `zsreview-trace 1\nmachine\nkernel 6.1\npool p\nalloc p ${big} 100\nalloc p ${big} 100\n`)).err, /:6: handle 1000000000000 of pool p is still live \(allocated at line 5\)/);
  });
  test('no trace, two traces, or a bad --seed: usage errors', () => {
    assert.match(run('run').err, /give exactly one scenario or trace/);
    assert.match(run('run', trace, trace).err, /give exactly one scenario or trace/);
    assert.match(run('run', trace, '--seed', 'x').err, /--seed 'x' is not allowed/);
  });
});

describe('zsreview', () => {
  test('an unknown command: exit 2, lists the commands', () => {
    const r = run('evaluat');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command 'evaluat'; commands are evaluate, classes, run, scenarios/);
  });
  test('--version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ORACLE_DIR, '../../../package.json'), 'utf8'));
    assert.equal(run('--version').out, `zsreview ${pkg.version}\n`);
  });
});
