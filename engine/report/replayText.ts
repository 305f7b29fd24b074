// Text renderings of a trace replay: the kernel's own formats per snapshot, or a summary that
// fits an 80-column mail.
import { describeParams } from '../kernel/describeParams';
import type { MmStat } from '../kernel/poolStats';
import { TOOL } from '../version';
import type { ReplayResult } from '../workload/replay';
import { formatClassesTable } from './classesText';

function header(r: ReplayResult): string {
  const override = r.params.version !== r.traceKernel ? ` (the trace says kernel ${r.traceKernel})` : '';
  return `# ${TOOL.name} ${TOOL.version} run ${r.file}\n# ${describeParams(r.params)}\n# ${r.pools.length} pool(s), ${r.operations} operations${override}\n`;
}

/** The allocator's mm_stat fields, named (the orig_data_size and same_pages columns are zram's own). */
export function formatMmStat(m: MmStat): string {
  return `mm_stat compr_data_size=${m.comprDataSize} mem_used_total=${m.memUsedTotal} mem_used_max=${m.memUsedMax} pages_compacted=${m.pagesCompacted} huge_pages=${m.hugePages}\n`;
}

/** Every snapshot: per pool the mm_stat fields and the debugfs `classes` table as the kernel prints it. */
export function formatReplayFull(r: ReplayResult): string {
  let out = header(r);
  for (const s of r.snapshots) {
    for (const p of s.pools) {
      out += `\n## snapshot ${s.label} pool ${p.pool}\n`;
      out += formatMmStat(p.mmStat);
      out += `## classes ${p.pool}\n`;
      out += formatClassesTable(p.classes);
    }
  }
  return out;
}

/** zs.frag_pct: share of the pool's pages not holding stored bytes. */
export function fragmentationPct(m: MmStat): number {
  return m.memUsedTotal === 0 ? 0 : 100 * (1 - m.comprDataSize / m.memUsedTotal);
}

/** One line per snapshot and pool, at most 80 columns. */
export function formatReplaySummary(r: ReplayResult): string {
  const cols = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ').trimEnd() + '\n';
  const widths = [23, 7, 8, 10, 10, 6, 9];
  let out = header(r) + '\n';
  out += cols(['snapshot', 'pool', 'objects', 'stored_B', 'pages_used', 'frag%', 'compacted'], widths);
  for (const s of r.snapshots) {
    for (const p of s.pools) {
      const m = p.mmStat;
      out += cols([s.label.slice(0, 23), p.pool.slice(0, 7), p.classes.total.objUsed, m.comprDataSize, m.memUsedTotal / r.params.pageSize, fragmentationPct(m).toFixed(2), m.pagesCompacted], widths);
    }
  }
  return out;
}
