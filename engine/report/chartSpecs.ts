// What the results panel (and, later, a CLI chart export) draws for one scenario, as pure data:
// labels, one series per variant (and per measure), and the data table that goes with each
// chart, built from the same numbers. No DOM, no chart library, no simulator: the webview
// bundles it. Numbers are written by numbers.ts, as in the text report.
import type { MetricRow, Report, ScenarioResult } from '../evaluate';
import type { RunDetail } from '../runDetail';
import type { SlabinfoLine } from '../kernel/zsSlabCaches';

export type Variant = 'before' | 'after';
export const VARIANTS: readonly Variant[] = ['before', 'after'];

/** metric: one end-of-run metric over seeds; classes: per size class; slab: per cache; series: a metric over the run. */
export type ChartGroup = 'metric' | 'classes' | 'slab' | 'series';

export interface ChartSeries {
  /** Legend and table column text, e.g. "before: stored bytes". */
  readonly name: string;
  readonly variant: Variant;
  /** One value per label; null where the variant has nothing there (a cache only one variant has). */
  readonly values: readonly (number | null)[];
  /** ± one standard deviation per label (metric charts). */
  readonly errors?: readonly number[];
  /** Series with the same stack are drawn stacked (segments of one bar). */
  readonly stack?: string;
  /** 'waste' marks the part a reviewer wants small (unused slab objects, unused zspage bytes); drawn lighter. */
  readonly role: 'value' | 'waste';
}

export interface ChartTable {
  readonly caption: string;
  /** The label column, then per series its values (and "± sd" when it has errors), then any derived columns. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ChartSpec {
  /** Stable: `${scenario}/metric/${metric}`, `${scenario}/classes`, `${scenario}/slab`, `${scenario}/series/${metric}`. */
  readonly id: string;
  readonly scenario: string;
  readonly group: ChartGroup;
  /** The metric of a metric or series chart. */
  readonly metric?: string;
  readonly title: string;
  /** One or two sentences for a screen reader (the canvas's aria-label). */
  readonly summary: string;
  readonly kind: 'bar' | 'line' | 'horizontalBar';
  readonly xTitle: string;
  readonly yTitle: string;
  /** Unit of the values, for axis ticks: 'bytes', 'pages', '%', 'caches'. */
  readonly unit: string;
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly table: ChartTable;
}

// Numbers are written as the text report writes them (numbers.ts).
import { formatChangePct, num, rounded } from './numbers';
export { formatChangePct, num, rounded };

/** The text report's "?" after a change: not significant, and not simply unchanged. */
export function isInsignificant(row: Pick<MetricRow, 'significant' | 'changePct'>): boolean {
  return !row.significant && row.changePct !== 0;
}

export function formatMeanSd(s: { readonly mean: number; readonly stddev: number }): string {
  return `${rounded(s.mean)} ± ${rounded(s.stddev)}`;
}

/** Welch's p-value: three decimals, "<0.001" below that, "n/a" with too few seeds. */
export function formatP(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Axis ticks: bytes in KiB/MiB/GiB, other units with k/M above 10 000. */
export function formatTick(value: number, unit: string): string {
  const a = Math.abs(value);
  const trim = (x: number) => String(Number(x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)));
  if (unit === 'bytes') {
    if (a >= 2 ** 30) return `${trim(value / 2 ** 30)} GiB`;
    if (a >= 2 ** 20) return `${trim(value / 2 ** 20)} MiB`;
    if (a >= 2 ** 10) return `${trim(value / 2 ** 10)} KiB`;
    return `${trim(value)} B`;
  }
  if (a >= 1e6) return `${trim(value / 1e6)}M`;
  if (a >= 1e4) return `${trim(value / 1e3)}k`;
  return trim(value);
}

/** A byte axis from 0 past `max`: one unit for every tick (B, KiB, MiB, GiB) and a round step in it. */
export function byteAxis(max: number): { max: number; step: number; unit: string; divisor: number; format: (v: number) => string } {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  const top = Math.max(max, 1);
  const k = Math.min(units.length - 1, Math.floor(Math.log2(top) / 10));
  const divisor = 2 ** (10 * k);
  const raw = top / divisor / 5;
  const steps = k === 0 ? [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500] : [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500];
  const step = (steps.find((s) => s >= raw) ?? 1000) * divisor;
  const unit = units[k];
  return { max: Math.ceil(top / step) * step, step, unit, divisor, format: (v) => `${Number((v / divisor).toFixed(2))} ${unit}` };
}

/** A table cell for a value of a series: the report's rounding, a dash where there is no value. */
export function cell(v: number | null): string {
  return v === null ? '—' : rounded(v);
}

// ---- the comparison table (shared by the panel and any other renderer) ----

export interface ComparisonRow {
  readonly metric: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly before: string;
  readonly after: string;
  readonly change: string;
  readonly p: string;
  readonly insignificant: boolean;
}

export function comparisonRows(s: ScenarioResult): ComparisonRow[] {
  return s.metrics.map((m) => ({
    metric: m.name,
    unit: m.unit,
    better: m.better,
    before: formatMeanSd(m.before),
    after: formatMeanSd(m.after),
    change: formatChangePct(m.changePct) + (isInsignificant(m) ? '?' : ''),
    p: formatP(m.pValue),
    insignificant: isInsignificant(m),
  }));
}

// ---- the charts ----

/** Caches shown by name in the slab chart; the rest are summed into one "others" row. */
export const SLAB_TOP_CACHES = 10;

/** The table of a spec: label, then each series' value (and ± sd), then `extra` derived columns. */
function tableOf(caption: string, labelColumn: string, labels: readonly string[], series: readonly ChartSeries[], extra: readonly { name: string; cells: readonly string[] }[] = []): ChartTable {
  const columns = [labelColumn, ...series.flatMap((s) => (s.errors ? [s.name, `${s.name} ± sd`] : [s.name])), ...extra.map((e) => e.name)];
  const rows = labels.map((label, i) => [label, ...series.flatMap((s) => (s.errors ? [cell(s.values[i]), rounded(s.errors[i])] : [cell(s.values[i])])), ...extra.map((e) => e.cells[i])]);
  return { caption, columns, rows };
}

function metricSpec(scenario: string, m: MetricRow): ChartSpec {
  const series: ChartSeries[] = VARIANTS.map((v) => ({ name: v, variant: v, values: [m[v].mean], errors: [m[v].stddev], role: 'value' }));
  const change = formatChangePct(m.changePct) + (isInsignificant(m) ? ' (not significant)' : '');
  return {
    id: `${scenario}/metric/${m.name}`,
    scenario,
    group: 'metric',
    metric: m.name,
    title: m.name,
    summary: `Bar chart of ${m.name} in ${scenario}: before ${formatMeanSd(m.before)} ${m.unit}, after ${formatMeanSd(m.after)} ${m.unit}, change ${change}; ${m.better} is better.`,
    kind: 'bar',
    xTitle: 'metric',
    yTitle: m.unit,
    unit: m.unit,
    labels: [m.name],
    series,
    table: tableOf(`${m.name} (${m.unit}), mean and sample standard deviation over seeds, ${scenario}`, 'metric', [m.name], series),
  };
}

function detailOf(details: readonly RunDetail[], scenario: string, v: Variant): RunDetail | undefined {
  return details.find((d) => d.scenario === scenario && d.variant === v);
}

function classesSpec(scenario: string, runs: Partial<Record<Variant, RunDetail>>): ChartSpec {
  const present = VARIANTS.filter((v) => runs[v]);
  const sizes = [...new Set(present.flatMap((v) => runs[v]!.classes.map((c) => c.size)))].sort((a, b) => a - b);
  const series: ChartSeries[] = [];
  const extra: { name: string; cells: string[] }[] = [];
  const totals: string[] = [];
  for (const v of present) {
    const run = runs[v]!;
    const bySize = new Map(run.classes.map((c) => [c.size, c]));
    const stored = sizes.map((s) => bySize.get(s)?.storedBytes ?? null);
    const held = sizes.map((s) => {
      const c = bySize.get(s);
      return c ? c.pagesUsed * run.pageSize : null;
    });
    series.push({ name: `${v}: stored bytes`, variant: v, values: stored, stack: v, role: 'value' });
    series.push({ name: `${v}: unused bytes of its pages`, variant: v, values: held.map((h, i) => (h === null ? null : h - stored[i]!)), stack: v, role: 'waste' });
    extra.push({ name: `${v}: pages used × page size`, cells: held.map(cell) });
    extra.push({ name: `${v}: frag %`, cells: held.map((h, i) => (h === null || h === 0 ? '—' : rounded(100 * (1 - stored[i]! / h)))) });
    const sumHeld = held.reduce<number>((a, h) => a + (h ?? 0), 0);
    const sumStored = stored.reduce<number>((a, s) => a + (s ?? 0), 0);
    totals.push(`${v}: ${run.classes.length} classes, ${formatTick(sumHeld, 'bytes')} in pages holding ${formatTick(sumStored, 'bytes')} stored (${sumHeld === 0 ? 0 : rounded(100 * (1 - sumStored / sumHeld))}% unused)`);
  }
  const seeds = present.map((v) => runs[v]!.seed);
  return {
    id: `${scenario}/classes`,
    scenario,
    group: 'classes',
    title: 'Fragmentation per size class',
    summary: `Stacked bar chart per zsmalloc size class, ${scenario}, seed ${seeds[0] ?? '—'}: stored bytes and the unused rest of the pages each class holds (pages used × page size). ${totals.join('; ')}.`,
    kind: 'bar',
    xTitle: 'size class (bytes)',
    yTitle: 'bytes',
    unit: 'bytes',
    labels: sizes.map(String),
    series,
    table: tableOf(`Bytes per size class at the end of ${scenario} (seed ${seeds[0] ?? '—'}, all pools summed)`, 'size', sizes.map(String), series, extra),
  };
}

/** Pages a cache holds, in bytes: num_slabs × pagesperslab × page size. */
export function slabBytes(l: SlabinfoLine, pageSize: number): number {
  return l.numSlabs * l.pagesPerSlab * pageSize;
}

/** What /proc/slabinfo shows as unused: (num_objs − active_objs) × objsize. */
export function slabUnusedBytes(l: SlabinfoLine): number {
  return (l.numObjs - l.activeObjs) * l.objsize;
}

interface CacheSum {
  readonly caches: number;
  readonly bytes: number;
  readonly unused: number;
}

function addCache(a: CacheSum | undefined, bytes: number, unused: number): CacheSum {
  return { caches: (a?.caches ?? 0) + 1, bytes: (a?.bytes ?? 0) + bytes, unused: (a?.unused ?? 0) + unused };
}

/**
 * Slab bytes and unused bytes per cache name. Kernels before 6.12 give every pool's caches the
 * same two names (32 zswap pools: 32 lines "zs_handle", 32 "zspage"), so lines of one name are
 * summed into one row whose label says how many caches it holds; from 6.12 names carry the pool
 * (zs_handle-zswap3), and past SLAB_TOP_CACHES rows the smaller ones are summed as "others".
 */
function slabSpec(scenario: string, runs: Partial<Record<Variant, RunDetail>>): ChartSpec {
  const present = VARIANTS.filter((v) => runs[v] && !runs[v]!.slab.merged);
  type Row = Partial<Record<Variant, CacheSum>>;
  const byName = new Map<string, Row>();
  for (const v of present) {
    for (const l of runs[v]!.slab.lines) {
      const row = byName.get(l.name) ?? {};
      row[v] = addCache(row[v], slabBytes(l, runs[v]!.pageSize), slabUnusedBytes(l));
      byName.set(l.name, row);
    }
  }
  const largest = (r: Row) => Math.max(r.before?.bytes ?? 0, r.after?.bytes ?? 0);
  const names = [...byName.keys()].sort((a, b) => largest(byName.get(b)!) - largest(byName.get(a)!) || a.localeCompare(b));
  // With exactly SLAB_TOP_CACHES + 1 names all are shown: an "others" row of one cache says less than its name.
  const shown = names.length <= SLAB_TOP_CACHES + 1 ? names : names.slice(0, SLAB_TOP_CACHES);
  const rest = names.slice(shown.length);
  const counts = (r: Row) => present.map((v) => `${r[v]?.caches ?? 0} ${v}`).join(', ');
  const labels = shown.map((n) => {
    const r = byName.get(n)!;
    return present.every((v) => (r[v]?.caches ?? 0) <= 1) ? n : `${n} (${counts(r)})`;
  });
  const rows = shown.map((n) => byName.get(n)!);
  if (rest.length > 0) {
    const others: Record<string, CacheSum> = {};
    for (const n of rest) {
      for (const v of present) {
        const c = byName.get(n)![v];
        if (c) others[v] = { caches: (others[v]?.caches ?? 0) + c.caches, bytes: (others[v]?.bytes ?? 0) + c.bytes, unused: (others[v]?.unused ?? 0) + c.unused };
      }
    }
    labels.push(`others (${counts(others)})`);
    rows.push(others);
  }
  const series: ChartSeries[] = present.flatMap((v): ChartSeries[] => [
    { name: `${v}: slab bytes`, variant: v, values: rows.map((r) => r[v]?.bytes ?? null), role: 'value' },
    { name: `${v}: unused bytes`, variant: v, values: rows.map((r) => r[v]?.unused ?? null), role: 'waste' },
  ]);
  const totals = present.map((v) => {
    const lines = runs[v]!.slab.lines;
    return `${v}: ${lines.length} caches, ${formatTick(lines.reduce((s, l) => s + slabBytes(l, runs[v]!.pageSize), 0), 'bytes')} of slabs, ${formatTick(lines.reduce((s, l) => s + slabUnusedBytes(l), 0), 'bytes')} unused`;
  });
  const merged = VARIANTS.filter((v) => runs[v]?.slab.merged).map((v) => `${v}: slab merging on, no zs lines`);
  return {
    id: `${scenario}/slab`,
    scenario,
    group: 'slab',
    title: 'Slab memory per zs cache',
    summary: `Horizontal bar chart of the zs_handle and zspage caches in ${scenario}, caches of one name summed${rest.length > 0 ? `, the ${SLAB_TOP_CACHES} largest names shown and the rest summed as others` : ''}: slab bytes (num_slabs × pagesperslab × page size) and unused bytes ((num_objs − active_objs) × objsize). ${[...totals, ...merged].join('; ')}.`,
    kind: 'horizontalBar',
    xTitle: 'bytes',
    yTitle: 'cache',
    unit: 'bytes',
    labels,
    series,
    table: tableOf(`Slab bytes and unused bytes per cache name at the end of ${scenario}${rest.length > 0 ? `; ${rest.length} smaller names summed as others` : ''}`, 'cache', labels, series),
  };
}

function seriesSpec(scenario: string, m: Pick<MetricRow, 'name' | 'unit'>, runs: Partial<Record<Variant, RunDetail>>): ChartSpec {
  const present = VARIANTS.filter((v) => runs[v]);
  const ops = [...new Set(present.flatMap((v) => runs[v]!.series.map((p) => p.op)))].sort((a, b) => a - b);
  const key = m.name as keyof RunDetail['series'][number]['metrics'];
  const series: ChartSeries[] = present.map((v) => {
    const at = new Map(runs[v]!.series.map((p) => [p.op, p.metrics[key] ?? null]));
    return { name: v, variant: v, values: ops.map((op) => at.get(op) ?? null), role: 'value' };
  });
  const ends = series.map((s) => {
    const last = [...s.values].reverse().find((x) => x !== null);
    return `${s.variant} ends at ${last === undefined || last === null ? '—' : rounded(last)} ${m.unit}`;
  });
  return {
    id: `${scenario}/series/${m.name}`,
    scenario,
    group: 'series',
    metric: m.name,
    title: `${m.name} over the run`,
    summary: `Line chart of ${m.name} (${m.unit}) over ${ops.length > 0 ? ops[ops.length - 1] : 0} operations of ${scenario}, one line per variant, ${ops.length} samples: ${ends.join(', ')}.`,
    kind: 'line',
    xTitle: 'operations',
    yTitle: m.unit,
    unit: m.unit,
    labels: ops.map(String),
    series,
    table: tableOf(`${m.name} (${m.unit}) sampled during ${scenario}, seed ${runs[present[0]]?.seed ?? '—'}`, 'operations', ops.map(String), series),
  };
}

/**
 * Every chart of one scenario: one bar chart per metric (before and after, ± sd), then, when
 * the run details of the scenario are there, fragmentation per size class, slab memory per
 * cache (not when slab merging hides the caches) and one time series per metric. Every chart
 * has at least one point.
 */
export function chartSpecsForScenario(report: Report, scenarioName: string, details: readonly RunDetail[]): ChartSpec[] {
  const s = report.scenarios.find((x) => x.name === scenarioName);
  if (!s) return [];
  const specs = s.metrics.map((m) => metricSpec(s.name, m));
  const runs: Partial<Record<Variant, RunDetail>> = {};
  for (const v of VARIANTS) {
    const d = detailOf(details, s.name, v);
    if (d) runs[v] = d;
  }
  if (!runs.before && !runs.after) return specs;
  // A chart with nothing to draw is left out (the panel says why): no class holds pages, no zs
  // cache line (slab merging), no samples.
  if (VARIANTS.some((v) => (runs[v]?.classes.length ?? 0) > 0)) specs.push(classesSpec(s.name, runs));
  if (VARIANTS.some((v) => runs[v] && !runs[v]!.slab.merged && runs[v]!.slab.lines.length > 0)) specs.push(slabSpec(s.name, runs));
  const withSeries = VARIANTS.some((v) => (runs[v]?.series.length ?? 0) > 0);
  if (withSeries) for (const m of s.metrics) specs.push(seriesSpec(s.name, m, runs));
  return specs;
}

/** Data points a spec draws (non-null values over all series). */
export function pointCount(spec: ChartSpec): number {
  return spec.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
}
