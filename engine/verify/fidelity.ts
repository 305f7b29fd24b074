// How far the engine is from a real kernel at one snapshot: the same quantities read off the
// kernel's own output (pool counters, debugfs classes, /proc/slabinfo, /sys/kernel/slab) and off
// the engine's replay of the same operations, side by side, each marked exact or statistical.
import { formatClassesTable } from '../report/classesText';
import { formatSlabinfoLine } from '../report/slabinfoText';
import type { Snapshot } from '../workload/runResult';
import type { KernelSnapshot } from './kernelCapture';

/**
 * exact: the kernel prints the same number on every run of the same operation sequence (checked
 * by repeating the oracle runs), so the engine must match it to the unit. statistical: the kernel
 * itself varies from run to run; the engine must stay within `tolerancePct`.
 */
export type FidelityKind = 'exact' | 'statistical';

export interface FidelityRow {
  readonly metric: string;
  readonly kind: FidelityKind;
  readonly unit: string;
  readonly kernel: number;
  readonly engine: number;
  /** engine − kernel. */
  readonly diff: number;
  /** Allowed |diff| in % of the kernel's value (0 for exact rows). */
  readonly tolerancePct: number;
  readonly ok: boolean;
  /** For a count of table rows or attributes: which ones differ (empty when all agree). */
  readonly differing?: readonly string[];
}

export interface SnapshotFidelity {
  readonly label: string;
  readonly rows: readonly FidelityRow[];
}

const PAGE = 4096;
const words = (line: string) => line.trim().split(/\s+/);
const sum = <T>(items: readonly T[], pick: (item: T) => number) => items.reduce((s, it) => s + pick(it), 0);

function row(metric: string, unit: string, kernel: number, engine: number, differing?: readonly string[]): FidelityRow {
  const diff = engine - kernel;
  return { metric, kind: 'exact', unit, kernel, engine, diff, tolerancePct: 0, ok: diff === 0 && (differing?.length ?? 0) === 0, ...(differing ? { differing } : {}) };
}

/** slabinfo columns 1, 2, 3, 14 (active_objs, num_objs, objsize, num_slabs) and the pages per slab (5). */
function slabFields(line: string) {
  const f = words(line);
  return { name: f[0], active: Number(f[1]), num: Number(f[2]), objsize: Number(f[3]), pagesPerSlab: Number(f[5]), slabs: Number(f[14]) };
}

/** Sum of a debugfs classes column (by header name) over every table. */
function classesColumn(tables: readonly string[], header: string): number {
  let total = 0;
  for (const t of tables) {
    const lines = t.split('\n');
    const headers = words(lines[0]);
    const col = headers.indexOf(header);
    const totalLine = lines.find((l) => l.trim().startsWith('Total'));
    // The Total line prints no class, size or pages_per_zspage (an empty %s), and starts with 'Total'.
    const skipped = ['class', 'size', 'pages_per_zspage'].filter((h) => headers.indexOf(h) < col).length;
    if (col >= 2 && totalLine) total += Number(words(totalLine)[col - skipped + 1]);
  }
  return total;
}

/** Rows of two sets of lines that are not in both (compared with runs of blanks squeezed). */
function unmatched(kernel: readonly string[], engine: readonly string[]): string[] {
  const norm = (l: string) => words(l).join(' ');
  const e = engine.map(norm);
  const k = kernel.map(norm);
  const out: string[] = [];
  const pool = [...e];
  for (const line of k) {
    const at = pool.indexOf(line);
    if (at >= 0) pool.splice(at, 1);
    else out.push(`kernel: ${line}`);
  }
  for (const line of pool) out.push(`engine: ${line}`);
  return out;
}

/** Compares one kernel snapshot with the engine's snapshot of the same label. */
export function compareSnapshot(kernel: KernelSnapshot, engine: Snapshot): SnapshotFidelity {
  const rows: FidelityRow[] = [];
  const ePools = engine.pools;
  const kPages = sum(kernel.pools, (p) => p.totalPages);
  const ePages = sum(ePools, (p) => p.mmStat.memUsedTotal / PAGE);
  const kStored = sum(kernel.pools, (p) => p.storedBytes);
  const eStored = sum(ePools, (p) => p.mmStat.comprDataSize);
  // Which pools hold other page counts than the kernel's (the sums could agree by accident).
  const poolsDiffering = kernel.pools.filter((k) => ePools.find((e) => e.pool === k.name)?.mmStat.memUsedTotal !== k.totalPages * PAGE).map((k) => `pool ${k.name}: kernel ${k.totalPages} pages`);

  rows.push(row('zs.pages_used', 'pages', kPages, ePages, poolsDiffering));
  rows.push(row('zs.stored_bytes', 'bytes', kStored, eStored));
  rows.push(row('zs.objects', 'objects', sum(kernel.pools, (p) => p.objects), sum(ePools, (p) => p.classes.total.objUsed)));
  rows.push(row('zs.pages_max', 'pages', sum(kernel.pools, (p) => p.maxPages), sum(ePools, (p) => p.mmStat.memUsedMax / PAGE)));
  rows.push(row('zs.pages_compacted', 'pages', sum(kernel.pools, (p) => p.pagesCompacted), sum(ePools, (p) => p.mmStat.pagesCompacted)));
  // zs.frag_pct is derived from the two exact sums above: compared in hundredths of a percent.
  const frag = (stored: number, pages: number) => (pages === 0 ? 0 : Math.round(10000 * (1 - stored / (pages * PAGE))));
  rows.push(row('zs.frag_pct×100', '0.01%', frag(kStored, kPages), frag(eStored, ePages)));

  const tables = Object.entries(kernel.classes);
  if (tables.length > 0) {
    const engineTables = new Map(ePools.map((p) => [p.pool, formatClassesTable(p.classes)]));
    rows.push(row('zs.compactable_pages', 'pages', classesColumn(tables.map(([, t]) => t), 'freeable'), sum(ePools, (p) => p.classes.total.freeable)));
    const kRows = tables.flatMap(([pool, t]) => t.split('\n').filter((l) => l.trim()).map((l) => `${pool} ${l}`));
    const eRows = tables.flatMap(([pool]) => (engineTables.get(pool) ?? '').split('\n').filter((l) => l.trim()).map((l) => `${pool} ${l}`));
    const differing = unmatched(kRows, eRows);
    rows.push(row('classes rows', 'rows', kRows.length, kRows.length - differing.filter((d) => d.startsWith('kernel')).length, differing));
  }

  const kSlab = kernel.slabinfo.map(slabFields);
  const eLines = engine.slab.lines;
  rows.push(row('slab.caches', 'caches', kSlab.length, engine.slab.merged ? 0 : eLines.length));
  rows.push(row('slab.active_objs', 'objects', sum(kSlab, (s) => s.active), sum(eLines, (l) => l.activeObjs)));
  rows.push(row('slab.num_objs', 'objects', sum(kSlab, (s) => s.num), sum(eLines, (l) => l.numObjs)));
  rows.push(row('slab.num_slabs', 'slabs', sum(kSlab, (s) => s.slabs), sum(eLines, (l) => l.numSlabs)));
  rows.push(row('slab.unused_bytes', 'bytes', sum(kSlab, (s) => (s.num - s.active) * s.objsize), engine.metrics['slab.unused_bytes'] ?? 0));
  rows.push(row('slab.bytes', 'bytes', sum(kSlab, (s) => s.slabs * s.pagesPerSlab * PAGE), engine.metrics['slab.bytes'] ?? 0));
  const slabDiff = unmatched(kernel.slabinfo, eLines.map((l) => formatSlabinfoLine(l)));
  rows.push(row('slabinfo lines', 'lines', kernel.slabinfo.length, kernel.slabinfo.length - slabDiff.filter((d) => d.startsWith('kernel')).length, slabDiff));

  // sysfs keeps the first cache created under a name (6.1 names every pool's caches alike).
  const sysfsDiff: string[] = [];
  let attrs = 0;
  for (const [name, k] of Object.entries(kernel.sysfs)) {
    const m = [...eLines].reverse().find((l) => l.name === name);
    const model: Record<string, number> | undefined = m && { slab_size: m.objsize, objs_per_slab: m.objPerSlab, objects: m.sysfs.objects, total_objects: m.sysfs.totalObjects, slabs: m.sysfs.slabs, cpu_slabs: m.sysfs.cpuSlabs, objects_partial: m.sysfs.objectsPartial };
    for (const key of ['slab_size', 'objs_per_slab', 'objects', 'total_objects', 'slabs', 'cpu_slabs', 'objects_partial']) {
      if (!(key in k)) continue;
      attrs++;
      if (model?.[key] !== k[key]) sysfsDiff.push(`${name}/${key}: kernel ${k[key]}, engine ${model?.[key] ?? 'no such cache'}`);
    }
  }
  if (attrs > 0) rows.push(row('sysfs attributes', 'values', attrs, attrs - sysfsDiff.length, sysfsDiff));
  return { label: kernel.label, rows };
}

/** Every snapshot of the kernel run against the engine's of the same label (a missing one is an error row). */
export function compareRun(kernel: readonly KernelSnapshot[], engine: readonly Snapshot[]): SnapshotFidelity[] {
  return kernel.map((k) => {
    const e = engine.find((s) => s.label === k.label);
    return e ? compareSnapshot(k, e) : { label: k.label, rows: [row('snapshot present', 'snapshots', 1, 0, [`engine: no snapshot ${k.label}`])] };
  });
}
