// One scenario's part of the panel: the comparison table, the charts (each with its data table,
// from the same spec), and the source tables of the seed-1 runs.
import type { ScenarioResult } from '../engine/evaluate';
import { chartSpecsForScenario, type ChartSpec } from '../engine/report/chartSpecs';
import type { RunDetail } from '../engine/runDetail';
import { button, el } from './dom';
import type { ViewModel } from './protocol';
import { classesTable, comparisonTable, scrollBox, slabinfoTable, specTable } from './tables';

export interface ChartHost {
  /** Draws `spec` on `canvas` once the section is in the page. */
  draw(canvas: HTMLCanvasElement, spec: ChartSpec): void;
  /** Replaces what `canvas` shows with `spec` now. */
  redraw(canvas: HTMLCanvasElement, spec: ChartSpec): void;
  /** A <details> whose open state is remembered under `key`. */
  details(key: string, summary: string, ...content: Node[]): HTMLDetailsElement;
  seriesChoice(scenario: string): string | undefined;
  /** Asks the host to save what `canvas` shows as a PNG or an SVG (the host opens the save dialog). */
  saveChart(canvas: HTMLCanvasElement, format: 'png' | 'svg'): void;
  setSeriesChoice(scenario: string, metric: string): void;
}

export const SLAB_MERGED_NOTE = 'slab merging on: the zs caches are merged into other caches and /proc/slabinfo shows no zs lines';

function chartBox(spec: ChartSpec, canvas: HTMLCanvasElement): HTMLDivElement {
  const box = el('div', { class: `chart-box chart-box-${spec.group}`, attrs: { 'data-chart-id': spec.id } }, canvas);
  // A horizontal bar chart grows with its rows (setting a style property from script is allowed by the CSP).
  if (spec.kind === 'horizontalBar') box.style.height = `${Math.max(140, 80 + spec.labels.length * (12 + 13 * spec.series.length))}px`;
  return box;
}

function canvasFor(spec: ChartSpec): HTMLCanvasElement {
  return el('canvas', { attrs: { role: 'img', 'aria-label': spec.summary } });
}

/** "Save PNG" and "Save SVG" under a chart. */
function saveButton(canvas: HTMLCanvasElement, host: ChartHost, title: () => string): HTMLElement {
  const buttons = (['png', 'svg'] as const).map((format) => {
    const b = button(`Save ${format.toUpperCase()}`, () => host.saveChart(canvas, format), 'secondary');
    b.dataset.saveChart = format;
    b.setAttribute('aria-label', `Save the chart ${title()} as ${format.toUpperCase()} (a save dialog opens)`);
    return b;
  });
  return el('div', { class: 'chart-actions' }, ...buttons);
}

function figure(spec: ChartSpec, host: ChartHost, dataKey = `data:${spec.id}`): HTMLElement {
  const canvas = canvasFor(spec);
  const fig = el(
    'figure',
    { class: `chart chart-${spec.group}`, attrs: { 'data-chart-group': spec.group } },
    el('figcaption', { text: spec.title }),
    chartBox(spec, canvas),
    saveButton(canvas, host, () => spec.title),
    host.details(dataKey, `Data: ${spec.title}`, scrollBox(specTable(spec))),
  );
  host.draw(canvas, spec);
  return fig;
}

/** The time series: one chart, the metric picked with a <select>. */
function seriesFigure(scenario: ScenarioResult, specs: readonly ChartSpec[], host: ChartHost): HTMLElement {
  const significant = scenario.metrics.find((m) => m.significant && m.changePct !== 0)?.name;
  const wanted = host.seriesChoice(scenario.name) ?? significant;
  let spec = specs.find((s) => s.metric === wanted) ?? specs[0];
  const selectId = `series-${scenario.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const select = el('select', { attrs: { id: selectId, 'data-series-select': scenario.name } });
  for (const s of specs) {
    const option = el('option', { text: s.metric ?? s.id, attrs: { value: s.id } });
    option.selected = s === spec;
    select.append(option);
  }
  const canvas = canvasFor(spec);
  const box = chartBox(spec, canvas);
  const caption = el('figcaption', { text: spec.title });
  const data = host.details(`data:${scenario.name}/series`, 'Data: the series', scrollBox(specTable(spec)));
  select.addEventListener('change', () => {
    const next = specs.find((s) => s.id === select.value);
    if (!next) return;
    spec = next;
    host.setSeriesChoice(scenario.name, next.metric ?? '');
    box.dataset.chartId = next.id;
    canvas.setAttribute('aria-label', next.summary);
    caption.textContent = next.title;
    const table = specTable(next);
    data.querySelector('table')?.replaceWith(table);
    data.querySelector('.table-scroll')?.setAttribute('aria-label', next.table.caption);
    host.redraw(canvas, next);
  });
  host.draw(canvas, spec);
  return el(
    'figure',
    { class: 'chart chart-series', attrs: { 'data-chart-group': 'series' } },
    caption,
    el('div', { class: 'series-pick' }, el('label', { text: 'Metric ', attrs: { for: selectId } }), select),
    box,
    saveButton(canvas, host, () => caption.textContent ?? ''),
    data,
  );
}

function mergedNote(runs: readonly RunDetail[]): HTMLElement | null {
  const merged = runs.filter((d) => d.slab.merged).map((d) => d.variant);
  if (merged.length === 0) return null;
  return el('p', { class: 'note slab-merged', attrs: { 'data-slab-merged': merged.join(' ') }, text: merged.length === runs.length ? SLAB_MERGED_NOTE : `${merged.join(', ')}: ${SLAB_MERGED_NOTE}` });
}

export function scenarioSection(model: ViewModel, s: ScenarioResult, host: ChartHost): HTMLElement {
  const specs = chartSpecsForScenario(model.report, s.name, model.details);
  const runs = model.details.filter((d) => d.scenario === s.name).sort((a, b) => (a.variant === b.variant ? 0 : a.variant === 'before' ? -1 : 1));
  const of = (g: ChartSpec['group']) => specs.filter((x) => x.group === g);
  const headingId = `scenario-h-${s.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const section = el(
    'section',
    { class: 'scenario', attrs: { 'aria-labelledby': headingId, 'data-scenario-section': s.name } },
    el('h2', { attrs: { id: headingId } }, el('span', { class: 'muted', text: 'Scenario ' }), s.name),
    el('p', { class: 'muted', text: s.description }),
    scrollBox(comparisonTable(s, undefined, model.report.fidelity ?? [])),
    el('p', { class: 'legend muted' }, el('span', { class: 'mark', text: '?' }), ' after a change, and a dimmed row: not significant (Welch’s t-test, p ≥ 0.05).'),
  );
  const metrics = of('metric');
  if (metrics.length > 0) {
    section.append(
      el('h3', { text: `Before and after, mean ± sd over ${s.seeds.length} seed${s.seeds.length === 1 ? '' : 's'}` }),
      el('p', { class: 'muted chart-legend', text: 'Before: solid bars, solid lines. After: hatched bars, dashed lines. Whiskers: ± one standard deviation. Lighter parts: unused bytes.' }),
      el('div', { class: 'metric-grid' }, ...metrics.map((m) => figure(m, host))),
    );
  }
  if (runs.length > 0) {
    const seed = runs[0].seed;
    section.append(el('h3', { text: `Where the memory is (the seed-${seed} run)` }));
    for (const spec of of('classes')) section.append(figure(spec, host));
    if (of('classes').length === 0) section.append(el('p', { class: 'note', text: 'No size class holds pages at the end of the run.' }));
    const note = mergedNote(runs);
    if (note) section.append(note);
    for (const spec of of('slab')) section.append(figure(spec, host));
    if (of('slab').length === 0 && !note) section.append(el('p', { class: 'note', text: 'No zs cache lines in /proc/slabinfo at the end of the run.' }));
    const series = of('series');
    if (series.length > 0) section.append(el('h3', { text: `Over the run (the seed-${seed} run)` }), seriesFigure(s, series, host));
    const slab = runs.flatMap((d) => (d.slab.merged ? [el('p', { class: 'note', text: `${d.variant}: ${SLAB_MERGED_NOTE}` })] : [scrollBox(slabinfoTable(d))]));
    section.append(
      el('h3', { text: 'Source tables' }),
      host.details(`slabinfo:${s.name}`, '/proc/slabinfo: the zs caches', ...slab),
      host.details(`classes:${s.name}`, 'Size classes (debugfs classes columns, stored bytes, frag %)', ...runs.map((d) => scrollBox(classesTable(d)))),
    );
  }
  return section;
}

/** A series evaluated patch by patch: each patch alone on the base, its comparison tables (closed by default). */
export function perPatchSections(model: ViewModel, details: ChartHost['details']): HTMLElement[] {
  const patches = (model.report.perPatch ?? []).map((p, i) => ({ p, i })).filter(({ p }) => (p.scenarios ?? []).length > 0);
  if (patches.length === 0) return [];
  return [
    el(
      'section',
      { class: 'per-patch-results', attrs: { 'aria-labelledby': 'per-patch-h', 'data-section': 'per-patch' } },
      el('h2', { text: 'Each patch alone', attrs: { id: 'per-patch-h' } }),
      ...patches.map(({ p, i }) => details(`patch:${i + 1}`, `Patch ${i + 1}: ${p.subject || '(no subject)'}`, ...(p.scenarios ?? []).map((s) => scrollBox(comparisonTable(s, i, model.report.fidelity ?? []))))),
    ),
  ];
}
