// What a real kernel printed for one run, in one shape whatever drove it: the console log of
// scripts/oracle/run-trace.sh (a trace replayed through the zstrace module) or the phase files of
// a zram-driven oracle run (../shared/oracle). Pure text in, plain data out: no I/O here.
import { InputError } from '../inputError';

/** One pool's allocator counters, as zs_get_total_pages / zs_pool_stats and the caller see them. */
export interface KernelPoolStats {
  readonly name: string;
  readonly totalPages: number;
  readonly pagesCompacted: number;
  /** Highest total_pages right after an allocation (zram's mem_used_max). */
  readonly maxPages: number;
  /** Live objects (zram: stored pages that are not same-filled). */
  readonly objects: number;
  /** Sum of the sizes passed to zs_malloc for live objects (zram's compr_data_size). */
  readonly storedBytes: number;
}

export interface KernelSnapshot {
  readonly label: string;
  readonly pools: readonly KernelPoolStats[];
  /** debugfs `classes` text per pool, header through the Total line (CONFIG_ZSMALLOC_STAT only). */
  readonly classes: Readonly<Record<string, string>>;
  /** The zs_handle* / zspage* lines of /proc/slabinfo, as printed. */
  readonly slabinfo: readonly string[];
  /** /sys/kernel/slab/<cache>/ attributes; one entry per name (sysfs keeps the first cache of a name). */
  readonly sysfs: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface KernelCapture {
  /** Where the capture came from (run-info.txt: kernel, package, patches, VM). */
  readonly info: Readonly<Record<string, string>>;
  /** The boot-info section (uname, cpus online, cmdline, tainted). */
  readonly boot: Readonly<Record<string, string>>;
  readonly snapshots: readonly KernelSnapshot[];
}

/** `key=value` lines (run-info.txt), or `key: value` lines (boot-info). */
export function readKeyValues(text: string, separator: '=' | ':'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(separator);
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

interface SectionSink {
  pools: KernelPoolStats[];
  classes: Record<string, string>;
  slabinfo: string[];
  sysfs: Record<string, Record<string, number>>;
}

const emptySink = (): SectionSink => ({ pools: [], classes: {}, slabinfo: [], sysfs: {} });

/**
 * Reads the `## …` sections of one snapshot (the console format of scripts/oracle/dump-snapshot,
 * which the zram phase files share except for the pools section). `lines[from]` is the first line
 * after the snapshot's opening marker; reading stops at `stop(line)`. Returns the index reached.
 */
function readSections(lines: readonly string[], from: number, stop: (line: string) => boolean, sink: SectionSink, fail: (i: number, problem: string) => never): number {
  let section = '';
  let classPool = '';
  let i = from;
  for (; i < lines.length && !stop(lines[i]); i++) {
    const line = lines[i];
    if (line.startsWith('## ')) {
      section = line;
      const classes = /^## classes (\S+)$/.exec(line);
      classPool = classes ? classes[1] : '';
      if (classPool) sink.classes[classPool] = '';
      continue;
    }
    if (classPool) {
      // Verbatim, blank line before Total (6.1) included; the table ends with its Total line and
      // anything after it (uptime, a blank) is not part of it.
      if (!sink.classes[classPool].includes('\n Total')) sink.classes[classPool] += line + '\n';
      continue;
    }
    if (!line.trim()) continue;
    if (section.startsWith('## pools')) {
      const f = line.trim().split(/\s+/);
      const n = f.slice(1).map(Number);
      if (f.length !== 6 || n.some((v) => !Number.isSafeInteger(v))) fail(i, `pool line '${line}' is not 'name total_pages pages_compacted max_pages objects stored_bytes'`);
      sink.pools.push({ name: f[0], totalPages: n[0], pagesCompacted: n[1], maxPages: n[2], objects: n[3], storedBytes: n[4] });
    } else if (section.startsWith('## slabinfo')) {
      if (!line.startsWith('#')) sink.slabinfo.push(line);
    } else if (section.startsWith('## /sys/kernel/slab')) {
      const [name, ...pairs] = line.trim().split(/\s+/);
      sink.sysfs[name.replace(/:$/, '')] = Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), Number(kv.slice(kv.indexOf('=') + 1))]));
    }
  }
  for (const [pool, text] of Object.entries(sink.classes)) if (!text.includes('\n Total')) fail(i, `the classes table of pool ${pool} has no Total line (the log is cut short?)`);
  return i;
}

/**
 * The console log of one scripts/oracle/run-trace.sh boot. `file` names the log in errors. A log
 * without `### ORACLE DONE` is refused: a run that stopped half-way must not be compared.
 */
export function readConsoleLog(text: string, file: string, info: Record<string, string> = {}): KernelCapture {
  const lines = text.replace(/\r/g, '').split('\n');
  const fail = (i: number, problem: string): never => {
    throw new InputError(file, i + 1, problem, 'capture the run again with scripts/oracle/run-trace.sh (the log must end with ### ORACLE DONE)');
  };
  const failed = lines.findIndex((l) => l.startsWith('### ORACLE FAILED'));
  if (failed >= 0) fail(failed, `the kernel run failed: ${lines[failed].slice('### ORACLE FAILED'.length).trim() || 'no reason given'}`);
  if (!lines.some((l) => l.startsWith('### ORACLE DONE'))) fail(lines.length - 1, 'the log has no ### ORACLE DONE line: the VM stopped before the workload finished');
  const bootStart = lines.indexOf('### BEGIN boot-info');
  const bootEnd = lines.indexOf('### END boot-info', bootStart);
  const boot = bootStart >= 0 && bootEnd > bootStart ? readKeyValues(lines.slice(bootStart + 1, bootEnd).join('\n'), ':') : {};
  const snapshots: KernelSnapshot[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^### BEGIN snapshot (\S+)$/.exec(lines[i]);
    if (!m) continue;
    const sink = emptySink();
    const end = readSections(lines, i + 1, (l) => l.startsWith('### '), sink, fail);
    if (lines[end] !== `### END snapshot ${m[1]}`) fail(end, `snapshot ${m[1]} is not closed by '### END snapshot ${m[1]}'`);
    snapshots.push({ label: m[1], ...sink });
    i = end;
  }
  return { info, boot, snapshots };
}

/**
 * One phase file of a zram-driven oracle run (NN-after-*.txt): mm_stat per device instead of the
 * module's pools line. mem_used_total and mem_used_max are bytes there; objects are the stored
 * pages that took an object (orig_data_size / PAGE_SIZE − same_pages).
 */
export function readZramPhase(text: string, file: string, label: string, pageSize = 4096): KernelSnapshot {
  const lines = text.split('\n');
  const fail = (i: number, problem: string): never => {
    throw new InputError(file, i + 1, problem, 'use a phase file of a ../shared/oracle zram run');
  };
  const sink = emptySink();
  const pool = (name: string, fields: number[]): KernelPoolStats => {
    const [orig, compr, memUsed, , memMax, same, compacted] = fields;
    return { name, totalPages: memUsed / pageSize, pagesCompacted: compacted, maxPages: memMax / pageSize, objects: orig / pageSize - same, storedBytes: compr };
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('## mm_stat')) sink.pools.push(pool('zram0', lines[i + 1].trim().split(/\s+/).map(Number)));
    if (lines[i].startsWith('## per-device mm_stat')) {
      for (let j = i + 1; /^zram\d+:/.test(lines[j]); j++) {
        const [name, ...nums] = lines[j].trim().split(/\s+/);
        sink.pools.push(pool(name.slice(0, -1), nums.map(Number)));
      }
    }
  }
  // The mm_stat sections are none of the ones readSections keeps, so it passes over them.
  readSections(lines, 0, () => false, sink, fail);
  return { label, ...sink };
}
