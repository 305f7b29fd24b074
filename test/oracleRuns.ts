// Reads the real-kernel oracle runs (test/fixtures/oracle, copied from ../shared/oracle): phase
// files with the statistics the kernel printed after each workload step.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZramPhase } from '../engine/verify/kernelCapture';
import { repoRoot } from './repoRoot';

export const ORACLE_DIR = join(repoRoot(), 'test', 'fixtures', 'oracle');

/** zram's mm_stat line: orig_data_size compr_data_size mem_used_total mem_limit mem_used_max same_pages pages_compacted huge_pages [huge_pages_since]. */
export interface KernelMmStat {
  origDataSize: number;
  comprDataSize: number;
  memUsedTotal: number;
  memUsedMax: number;
  samePages: number;
  pagesCompacted: number;
  hugePages: number;
}

export interface Phase {
  label: string;
  mmStat: Map<string, KernelMmStat>;
  /** debugfs `classes` of each pool, from the header line through the Total line. */
  classes: Map<string, string>;
  /** The zs_handle / zspage lines of /proc/slabinfo, as printed. */
  slabinfo: string[];
  /** /sys/kernel/slab/<cache>/ attributes per cache name (one entry per name: sysfs keeps the first cache of a name). */
  sysfs: Map<string, Record<string, number>>;
}

function toMmStat(fields: number[]): KernelMmStat {
  const [origDataSize, comprDataSize, memUsedTotal, , memUsedMax, samePages, pagesCompacted, hugePages] = fields;
  return { origDataSize, comprDataSize, memUsedTotal, memUsedMax, samePages, pagesCompacted, hugePages };
}

/**
 * A phase file: the per-device mm_stat fields (all of them, huge_pages and same_pages too) read
 * here; the classes tables, slabinfo lines and sysfs attributes by the engine's own reader of
 * the same files (engine/verify/kernelCapture.ts).
 */
export function readPhase(file: string, label: string): Phase {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const mmStat = new Map<string, KernelMmStat>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('## mm_stat')) mmStat.set('zram0', toMmStat(lines[i + 1].trim().split(/\s+/).map(Number)));
    if (lines[i].startsWith('## per-device mm_stat')) {
      for (let j = i + 1; /^zram\d+:/.test(lines[j]); j++) {
        const [name, ...nums] = lines[j].split(/\s+/);
        mmStat.set(name.slice(0, -1), toMmStat(nums.map(Number)));
      }
    }
  }
  const snap = readZramPhase(text, file, label);
  return { label, mmStat, classes: new Map(Object.entries(snap.classes)), slabinfo: [...snap.slabinfo], sysfs: new Map(Object.entries(snap.sysfs).map(([k, v]) => [k, { ...v }])) };
}

/** The snapshot phases of a run, in order (files NN-after-*.txt). */
export function readRun(run: string): { trace: string; traceFile: string; phases: Phase[] } {
  const dir = join(ORACLE_DIR, 'runs', run);
  const phases = readdirSync(dir)
    .filter((f) => /^\d\d-after-.*\.txt$/.test(f))
    .sort()
    .map((f) => readPhase(join(dir, f), f.slice(3, -4)));
  const traceFile = join(dir, `${run}.trace`);
  return { trace: readFileSync(traceFile, 'utf8'), traceFile, phases };
}

/** tables/class-config-*.txt: `class size pages_per_zspage objs_per_zspage` per real class. */
export function readClassConfig(name: string): { index: number; size: number; pages: number; objs: number }[] {
  return readFileSync(join(ORACLE_DIR, 'tables', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [index, size, pages, objs] = l.trim().split(/\s+/).map(Number);
      return { index, size, pages, objs };
    });
}
