// Text renderings of a trace replay: the kernel's own formats per snapshot, or a summary that
// fits an 80-column mail.
import { describeParams } from '../kernel/describeParams';
import type { MmStat } from '../kernel/poolStats';
import { TOOL } from '../version';
import type { RunResult, Snapshot } from '../workload/runResult';
import { formatClassesTable } from './classesText';
import { formatSlabinfoLine } from './slabinfoText';

function header(r: RunResult): string {
  const what = r.scenario ? 'scenario' : 'trace';
  const override = r.params.version !== r.requestedKernel ? ` (the ${what} says kernel ${r.requestedKernel})` : '';
  const scenario = r.scenario ? `# scenario ${r.scenario.name}, seed ${r.scenario.seed}\n` : '';
  return `# ${TOOL.name} ${TOOL.version} run ${r.file}\n${scenario}# ${describeParams(r.params)}\n# ${r.pools.length} pool(s), ${r.operations} operations${override}\n`;
}

/** The allocator's mm_stat fields, named (the orig_data_size and same_pages columns are zram's own). */
export function formatMmStat(m: MmStat): string {
  return `mm_stat compr_data_size=${m.comprDataSize} mem_used_total=${m.memUsedTotal} mem_used_max=${m.memUsedMax} pages_compacted=${m.pagesCompacted} huge_pages=${m.hugePages}\n`;
}

/** Every snapshot: per pool the mm_stat fields and the debugfs `classes` table as the kernel prints it. */
export function formatReplayFull(r: RunResult): string {
  let out = header(r);
  for (const s of r.snapshots) {
    for (const p of s.pools) {
      out += `\n## snapshot ${s.label} pool ${p.pool}\n`;
      out += formatMmStat(p.mmStat);
      out += `## classes ${p.pool}\n`;
      out += formatClassesTable(p.classes);
    }
    out += `\n## snapshot ${s.label} slab caches\n` + formatSlab(s);
    out += `## metrics ${Object.entries(s.metrics).map(([k, v]) => `${k}=${formatMetric(v)}`).join(' ')}\n`;
  }
  return out;
}

function formatMetric(v: number | null): string {
  return v === null ? 'n/a' : Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** The zs lines of /proc/slabinfo, or why there are none. */
function formatSlab(s: Snapshot): string {
  if (s.slab.merged) return '# slab merging is on: the zs_handle and zspage caches are merged into other caches and /proc/slabinfo has no line for them\n';
  return s.slab.lines.map((l) => formatSlabinfoLine(l) + '\n').join('');
}

/** zs.frag_pct: share of the pool's pages not holding stored bytes. */
export function fragmentationPct(m: MmStat): number {
  return m.memUsedTotal === 0 ? 0 : 100 * (1 - m.comprDataSize / m.memUsedTotal);
}

/** One line per snapshot and pool, at most 80 columns. */
export function formatReplaySummary(r: RunResult): string {
  const cols = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ').trimEnd() + '\n';
  const widths = [23, 7, 8, 10, 10, 6, 9];
  let out = header(r) + '\n';
  out += cols(['snapshot', 'pool', 'objects', 'stored_B', 'pages_used', 'frag%', 'compacted'], widths);
  for (const s of r.snapshots) {
    // Many pools (32 zram devices, zswap's zpools) would drown the table: show their sum.
    const rows = s.pools.length <= 4 ? s.pools.map((p) => ({ name: p.pool, m: p.mmStat, objects: p.classes.total.objUsed })) : [sumPools(s)];
    for (const { name, m, objects } of rows) {
      out += cols([s.label.slice(0, 23), name.slice(0, 7), objects, m.comprDataSize, m.memUsedTotal / r.params.pageSize, fragmentationPct(m).toFixed(2), m.pagesCompacted], widths);
    }
  }
  const slabWidths = [23, 7, 11, 14, 12];
  out += '\n' + cols(['snapshot', 'caches', 'slab_pages', 'slab_unused_B', 'compactable'], slabWidths);
  for (const s of r.snapshots) {
    const m = s.metrics;
    const slabPages = m['slab.bytes'] === null ? 'merged' : m['slab.bytes'] / r.params.pageSize;
    out += cols([s.label.slice(0, 23), formatMetric(m['slab.caches']), slabPages, formatMetric(m['slab.unused_bytes']), formatMetric(m['zs.compactable_pages'])], slabWidths);
  }
  return out;
}

function sumPools(s: Snapshot): { name: string; m: MmStat; objects: number } {
  const add = (pick: (m: MmStat) => number) => s.pools.reduce((sum, p) => sum + pick(p.mmStat), 0);
  return {
    name: `all ${s.pools.length}`,
    objects: s.pools.reduce((sum, p) => sum + p.classes.total.objUsed, 0),
    m: {
      comprDataSize: add((m) => m.comprDataSize),
      memUsedTotal: add((m) => m.memUsedTotal),
      memUsedMax: add((m) => m.memUsedMax),
      pagesCompacted: add((m) => m.pagesCompacted),
      hugePages: add((m) => m.hugePages),
    },
  };
}
