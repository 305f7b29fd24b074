// Renders a whole view model into the page, keeps the drawn charts (to restyle them on a theme
// change and destroy them on the next render), and reports what was drawn to the host.
import type { ChartSpec } from '../engine/report/chartSpecs';
import { pointCount } from '../engine/report/chartSpecs';
import { chartSvg, drawChart, restyleChart, type DrawnChart } from './charts';
import { controlsSection } from './controls';
import { el } from './dom';
import { findingsSection } from './findings';
import { headerSection } from './header';
import type { ViewModel } from './protocol';
import { perPatchSections, scenarioSection, type ChartHost } from './scenario';
import { isOpen, post, setOpen } from './state';
import { applyRunning } from './status';
import { readTheme, type Theme } from './theme';

const drawn = new Map<HTMLCanvasElement, DrawnChart>();
const seriesChoices = new Map<string, string>();
const cspViolations: string[] = [];
let theme: Theme | null = null;

export function recordCspViolation(text: string): void {
  cspViolations.push(text);
}

function draw(canvas: HTMLCanvasElement, spec: ChartSpec): void {
  drawn.get(canvas)?.chart.destroy();
  drawn.set(canvas, drawChart(canvas, spec, (theme ??= readTheme())));
}

function details(key: string, summary: string, ...content: Node[]): HTMLDetailsElement {
  const d = el('details', { attrs: { 'data-key': key } }, el('summary', { text: summary }), ...content);
  d.open = isOpen(key);
  d.addEventListener('toggle', () => setOpen(key, d.open));
  return d;
}

/** Tells the host what is on the page: every chart with its point count, tables, CSP violations. */
export function reportRendered(): void {
  const charts = [...drawn.values()].map((d) => ({ id: d.spec.id, points: pointCount(d.spec) }));
  post({ type: 'rendered', charts, tables: document.querySelectorAll('table').length, cspViolations: [...cspViolations] });
}

/** Sends the host what `canvas` shows, as a PNG or an SVG, to save. */
function saveChart(canvas: HTMLCanvasElement, format: 'png' | 'svg'): void {
  const d = drawn.get(canvas);
  if (!d) return;
  if (format === 'png') post({ type: 'saveChart', chartId: d.spec.id, format, dataUrl: d.chart.toBase64Image('image/png', 1) });
  else post({ type: 'saveChart', chartId: d.spec.id, format, svg: chartSvg(d.spec, (theme ??= readTheme()), canvas.clientWidth, canvas.clientHeight) });
}

/** The host's "save chart" from the palette: the chart drawn under that id, if it is on the page. */
export function saveChartById(chartId: string, format: 'png' | 'svg'): boolean {
  const entry = [...drawn].find(([, d]) => d.spec.id === chartId);
  if (entry) saveChart(entry[0], format);
  return entry !== undefined;
}

/** Replaces the page content with `model`: charts are drawn after the DOM is in place. */
export function renderModel(content: HTMLElement, model: ViewModel): void {
  document.body.dataset.ready = 'false';
  for (const d of drawn.values()) d.chart.destroy();
  drawn.clear();
  theme = readTheme();
  const pending: [HTMLCanvasElement, ChartSpec][] = [];
  const host: ChartHost = {
    saveChart,
    draw: (canvas, spec) => pending.push([canvas, spec]),
    redraw: (canvas, spec) => {
      draw(canvas, spec);
      reportRendered();
    },
    details,
    seriesChoice: (s) => seriesChoices.get(s),
    setSeriesChoice: (s, m) => seriesChoices.set(s, m),
  };
  const reveal = (docLine: number) => post({ type: 'revealLine', docLine });
  content.replaceChildren(
    headerSection(model),
    findingsSection(model, reveal),
    controlsSection(model, post),
    ...model.report.scenarios.map((s) => scenarioSection(model, s, host)),
    ...perPatchSections(model, details),
  );
  applyRunning();
  for (const [canvas, spec] of pending) draw(canvas, spec);
  document.body.dataset.ready = 'true';
  reportRendered();
}

/** The page before any model arrives. */
export function renderWaiting(content: HTMLElement): void {
  content.replaceChildren(el('p', { class: 'muted waiting', text: 'Waiting for the evaluation…' }));
  document.body.dataset.ready = 'true';
}

/** Reads the theme again and restyles every chart (VS Code switched theme). */
export function restyleCharts(): void {
  theme = readTheme();
  for (const d of drawn.values()) restyleChart(d, theme);
}
