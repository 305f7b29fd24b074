// The console log reader refuses a run that did not finish, and reads every section of one that did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../inputError';
import { readConsoleLog } from './kernelCapture';

const LOG = `noise from the boot
### BEGIN boot-info
uname: 6.12.117+deb12-amd64
cpus online: 0-1
### END boot-info
### BEGIN snapshot after-write
## pools (name total_pages pages_compacted max_pages objects stored_bytes)
zram0 4868 0 4868 10240 19684324
## slabinfo (zs_handle*/zspage* lines)
# name            <active_objs> <num_objs> ...
zspage-zram0        3139   3139     56   73    1 : tunables    0    0    0 : slabdata     43     43      0
## /sys/kernel/slab (zs_handle*/zspage*)
zspage-zram0: object_size=56 slab_size=56 objs_per_slab=73 order=0 objects=3139 total_objects=3139 slabs=43 cpu_slabs=1 objects_partial=0
### END snapshot after-write
### ORACLE DONE
`;

test('a finished log: boot info, pools, slabinfo and sysfs of each snapshot', () => {
  const c = readConsoleLog(LOG, 'console.log');
  assert.equal(c.boot.uname, '6.12.117+deb12-amd64');
  assert.equal(c.snapshots.length, 1);
  const s = c.snapshots[0];
  assert.deepEqual(s.pools, [{ name: 'zram0', totalPages: 4868, pagesCompacted: 0, maxPages: 4868, objects: 10240, storedBytes: 19684324 }]);
  assert.equal(s.slabinfo.length, 1);
  assert.equal(s.sysfs['zspage-zram0'].slabs, 43);
});

for (const [what, text, message] of [
  ['a log cut short (no ORACLE DONE)', LOG.replace('### ORACLE DONE\n', ''), /no ### ORACLE DONE line/],
  ['a run that failed', LOG.replace('### ORACLE DONE', '### ORACLE FAILED tracerun: 12: handle 3 is not live'), /the kernel run failed: tracerun: 12: handle 3 is not live/],
  ['a snapshot that is not closed', LOG.replace('### END snapshot after-write\n', ''), /snapshot after-write is not closed/],
  ['a damaged pool line', LOG.replace('zram0 4868 0 4868', 'zram0 4868 x 4868'), /console\.log:8: pool line/],
] as const) {
  test(`${what}: an InputError naming the file and line`, () => {
    assert.throws(() => readConsoleLog(text, 'console.log'), (e: unknown) => e instanceof InputError && message.test(e.message));
  });
}
