// The panel's tables: the comparison per scenario, each chart's data table (from the chart's own
// spec), and the source tables a reviewer knows from the kernel: /proc/slabinfo lines and the
// debugfs classes columns.
import type { ScenarioResult } from '../engine/evaluate';
import { comparisonRows, rounded, type ChartSpec } from '../engine/report/chartSpecs';
import type { RunDetail } from '../engine/runDetail';
import type { MetricFidelityNote } from '../engine/report/metricFidelity';
import { el } from './dom';

/** A table in a box that scrolls sideways when the panel is narrow (focusable, so the keyboard can scroll it). */
export function scrollBox(table: HTMLTableElement): HTMLDivElement {
  const label = table.caption?.textContent ?? 'table';
  return el('div', { class: 'table-scroll', attrs: { tabindex: 0, role: 'region', 'aria-label': label } }, table);
}

function headRow(columns: readonly string[]): HTMLTableSectionElement {
  return el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { text: c, attrs: { scope: 'col' } }))));
}

/**
 * Metric | before mean ± sd | after mean ± sd | % change | p, with the not-significant rows
 * marked. A series' table of one patch alone (`patch` = its index) is marked data-patch-scenario
 * instead, so that table[data-scenario] stays the scenario's one table.
 */
export function comparisonTable(s: ScenarioResult, patch?: number, fidelity: readonly MetricFidelityNote[] = []): HTMLTableElement {
  const seeds = s.seeds.length === 0 ? 'no seeds' : `${s.seeds.length} seed${s.seeds.length === 1 ? '' : 's'} (${s.seeds[0]}..${s.seeds[s.seeds.length - 1]})`;
  const table = el('table', { class: 'comparison numeric', attrs: patch === undefined ? { 'data-scenario': s.name } : { 'data-patch-scenario': s.name, 'data-patch': patch + 1 } });
  table.append(
    el('caption', { text: `${patch === undefined ? '' : `patch ${patch + 1} alone, `}${s.name}: end-of-run metrics, mean ± sample sd over ${seeds}` }),
    headRow(['metric', 'before (mean ± sd)', 'after (mean ± sd)', '% change', 'p (Welch)', 'vs kernel']),
  );
  const body = el('tbody');
  for (const r of comparisonRows(s)) {
    const tr = el('tr', { class: r.insignificant ? 'insignificant' : '', attrs: { 'data-metric': r.metric, 'data-significant': String(!r.insignificant) } });
    tr.append(
      el('th', { attrs: { scope: 'row', title: `${r.better} is better` } }, el('span', { class: 'metric-name', text: r.metric }), ' ', el('span', { class: 'unit', text: r.unit })),
      el('td', { class: 'before', text: r.before }),
      el('td', { class: 'after', text: r.after }),
      el('td', { class: 'change', text: r.change, attrs: { title: r.insignificant ? 'not significant (p ≥ 0.05)' : undefined } }),
      el('td', { class: 'p', text: r.p }),
      // How close the metric is to a real kernel for the same operations (README "How close to the kernel").
      fidelityCell(fidelity.find((f) => f.metric === r.metric)),
    );
    body.append(tr);
  }
  table.append(body);
  return table;
}

function fidelityCell(f: MetricFidelityNote | undefined): HTMLTableCellElement {
  if (!f) return el('td', { class: 'fidelity', text: '' });
  return el('td', { class: 'fidelity', text: f.kind, attrs: { title: f.statement, 'data-fidelity': f.kind } });
}

/** A chart's data table: the spec's own table, first column as row headers. */
export function specTable(spec: ChartSpec): HTMLTableElement {
  const table = el('table', { class: 'chart-table numeric', attrs: { 'data-chart-table': spec.id } });
  if (spec.table.rows.length === 1) {
    // One row (a metric chart under a small chart) reads better turned on its side: column | value.
    const [row] = spec.table.rows;
    table.classList.add('transposed');
    table.append(el('caption', { text: spec.table.caption }), el('tbody', {}, ...spec.table.columns.map((c, i) => el('tr', {}, el('th', { text: c, attrs: { scope: 'row' } }), el('td', { text: row[i] ?? '' })))));
    return table;
  }
  table.append(el('caption', { text: spec.table.caption }), headRow(spec.table.columns));
  const body = el('tbody');
  for (const row of spec.table.rows) body.append(el('tr', {}, el('th', { text: row[0], attrs: { scope: 'row' } }), ...row.slice(1).map((c) => el('td', { text: c }))));
  table.append(body);
  return table;
}

/** The zs lines of /proc/slabinfo (SLUB: tunables and shared are 0, active_slabs = num_slabs). */
export function slabinfoTable(d: RunDetail): HTMLTableElement {
  const table = el('table', { class: 'source numeric', attrs: { 'data-source': 'slabinfo', 'data-variant': d.variant, 'data-source-scenario': d.scenario } });
  table.append(
    el('caption', { text: `${d.variant}: /proc/slabinfo zs lines at the end of ${d.scenario} (seed ${d.seed})` }),
    headRow(['name', 'active_objs', 'num_objs', 'objsize', 'objperslab', 'pagesperslab', 'limit', 'batchcount', 'sharedfactor', 'active_slabs', 'num_slabs', 'sharedavail']),
  );
  const body = el('tbody');
  for (const l of d.slab.lines) {
    body.append(el('tr', {}, el('th', { text: l.name, attrs: { scope: 'row' } }), ...[l.activeObjs, l.numObjs, l.objsize, l.objPerSlab, l.pagesPerSlab, 0, 0, 0, l.numSlabs, l.numSlabs, 0].map((v) => el('td', { text: String(v) }))));
  }
  table.append(body);
  return table;
}

/** The debugfs classes columns that matter here, summed over pools, with stored bytes and frag %. */
export function classesTable(d: RunDetail): HTMLTableElement {
  const table = el('table', { class: 'source numeric', attrs: { 'data-source': 'classes', 'data-variant': d.variant, 'data-source-scenario': d.scenario } });
  table.append(
    el('caption', { text: `${d.variant}: size classes holding pages at the end of ${d.scenario} (seed ${d.seed}, all pools summed; page size ${d.pageSize})` }),
    headRow(['size', 'obj_allocated', 'obj_used', 'pages_used', 'stored bytes', 'frag %']),
  );
  const frag = (pages: number, stored: number) => (pages === 0 ? '—' : rounded(100 * (1 - stored / (pages * d.pageSize))));
  const body = el('tbody');
  for (const c of d.classes) {
    body.append(el('tr', {}, el('th', { text: String(c.size), attrs: { scope: 'row' } }), ...[String(c.objAllocated), String(c.objUsed), String(c.pagesUsed), String(c.storedBytes), frag(c.pagesUsed, c.storedBytes)].map((v) => el('td', { text: v }))));
  }
  const sum = (f: (c: RunDetail['classes'][number]) => number) => d.classes.reduce((s, c) => s + f(c), 0);
  const pages = sum((c) => c.pagesUsed);
  const stored = sum((c) => c.storedBytes);
  const foot = el('tfoot', {}, el('tr', {}, el('th', { text: 'Total', attrs: { scope: 'row' } }), ...[String(sum((c) => c.objAllocated)), String(sum((c) => c.objUsed)), String(pages), String(stored), frag(pages, stored)].map((v) => el('td', { text: v }))));
  table.append(body, foot);
  return table;
}
