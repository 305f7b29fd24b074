// The debugfs `classes` file, byte for byte as zs_stats_size_show prints it (v6.1 and v6.12
// formats: the same columns around a version-specific set of fullness columns).
import type { ClassesTable } from '../kernel/poolStats';

/** printf widths of the fullness columns: %11s %12s in ≤ v6.3, %9s each from v6.4. */
function fullnessWidths(headers: readonly string[]): number[] {
  return headers.map((h) => (h === 'almost_full' ? 11 : h === 'almost_empty' ? 12 : 9));
}

function line(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((cell, i) => ' ' + String(cell).padStart(widths[i])).join('') + '\n';
}

export function formatClassesTable(t: ClassesTable): string {
  const widths = [5, 5, ...fullnessWidths(t.fullnessHeaders), 13, 10, 10, 16, 8];
  let out = line(['class', 'size', ...t.fullnessHeaders, 'obj_allocated', 'obj_used', 'pages_used', 'pages_per_zspage', 'freeable'], widths);
  for (const r of t.rows) out += line([r.class, r.size, ...r.fullness, r.objAllocated, r.objUsed, r.pagesUsed, r.pagesPerZspage, r.freeable], widths);
  out += '\n';
  const tot = t.total;
  out += line(['Total', '', ...tot.fullness, tot.objAllocated, tot.objUsed, tot.pagesUsed, '', tot.freeable], widths);
  return out;
}
