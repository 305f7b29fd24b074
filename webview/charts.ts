// chart.js charts drawn from the pure chart specs (engine/report/chartSpecs.ts). Before and after
// differ by more than colour: before bars are solid and after bars hatched, before lines solid and
// after lines dashed with other point marks; the "waste" part of a bar (unused bytes) is lighter.
// Only the chart.js parts used here are registered.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration, type TooltipItem } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { byteAxis, formatTick, rounded, type ChartSeries, type ChartSpec } from '../engine/report/chartSpecs';
import { withAlpha, type Theme } from './theme';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, BarWithErrorBarsController, BarWithErrorBar);

/** Diagonal stripes of `color` over `background`, tiling seamlessly. */
function hatch(color: string, background: string): CanvasPattern | string {
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return background;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (const [x0, y0, x1, y1] of [[0, size, size, 0], [-size / 2, size / 2, size / 2, -size / 2], [size / 2, size * 1.5, size * 1.5, size / 2]]) {
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
  }
  ctx.stroke();
  return ctx.createPattern(canvas, 'repeat') ?? background;
}

function datasetStyle(s: ChartSeries, spec: ChartSpec, theme: Theme): Record<string, unknown> {
  const color = s.variant === 'before' ? theme.before : theme.after;
  const outline = theme.contrastBorder ?? color;
  if (spec.kind === 'line') {
    const after = s.variant === 'after';
    return {
      borderColor: color,
      backgroundColor: color,
      borderWidth: theme.highContrast ? 3 : 2,
      borderDash: after ? [7, 4] : [],
      pointStyle: after ? 'rectRot' : 'circle',
      pointRadius: spec.labels.length > 60 ? 0 : 3,
      pointHoverRadius: 5,
      pointBorderColor: outline,
      spanGaps: true,
      tension: 0,
      // chart.js draws lower orders on top: the dashed after line over the solid before line, so
      // equal runs show both (a solid line on top would hide the dashes).
      order: after ? 0 : 1,
    };
  }
  const waste = s.role === 'waste';
  const background =
    s.variant === 'before'
      ? withAlpha(color, waste ? 0.3 : 1)
      : hatch(withAlpha(color, waste ? 0.55 : 1), withAlpha(color, waste ? 0.08 : 0.3));
  return {
    skipNull: true,
    backgroundColor: background,
    borderColor: outline,
    // Dense bars (a hundred size classes) would be all outline: their fill pattern says enough.
    borderWidth: spec.labels.length > 30 ? 0 : theme.highContrast ? 2 : 1,
    errorBarColor: theme.foreground,
    errorBarWhiskerColor: theme.foreground,
    errorBarLineWidth: 1.5,
    errorBarWhiskerLineWidth: 1.5,
    errorBarWhiskerRatio: 0.3,
  };
}

function tooltipLabel(spec: ChartSpec) {
  return (item: TooltipItem<'bar' | 'line'>): string => {
    const s = spec.series[item.datasetIndex];
    const v = s?.values[item.dataIndex];
    const e = s?.errors?.[item.dataIndex];
    return `${s?.name ?? ''}: ${v === null || v === undefined ? '—' : rounded(v)}${e === undefined ? '' : ` ± ${rounded(e)}`} ${spec.unit}`;
  };
}

/** The largest value the value axis must show: bar tops with their whiskers, stacks summed. */
function valueMax(spec: ChartSpec): number {
  let max = 0;
  spec.labels.forEach((_, i) => {
    const stacks = new Map<string, number>();
    spec.series.forEach((s, j) => {
      const v = s.values[i];
      if (v === null) return;
      const top = v + (s.errors?.[i] ?? 0);
      const key = s.stack ?? `#${j}`;
      stacks.set(key, (s.stack !== undefined ? stacks.get(key) ?? 0 : 0) + top);
    });
    for (const v of stacks.values()) max = Math.max(max, v);
  });
  return max;
}

function options(spec: ChartSpec, theme: Theme): Record<string, unknown> {
  const horizontal = spec.kind === 'horizontalBar';
  const stacked = spec.series.some((s) => s.stack !== undefined);
  const font = { family: theme.fontFamily, size: Math.max(11, theme.fontSize - 1) };
  const title = (text: string) => ({ display: text !== '' && spec.group !== 'metric', text, color: theme.foreground, font });
  const max = valueMax(spec);
  // Bytes get round binary steps in one unit (0, 250, 500 KiB) rather than chart.js's decimal ones.
  const bytes = spec.unit === 'bytes' ? byteAxis(max) : null;
  const valueAxis = {
    beginAtZero: true,
    stacked,
    ...(bytes ? { max: bytes.max } : {}),
    title: title(horizontal ? spec.xTitle : spec.yTitle),
    ticks: { color: theme.foreground, font, ...(bytes ? { stepSize: bytes.step } : {}), ...(spec.unit === 'pages' || spec.unit === 'caches' ? { precision: 0 } : {}), callback: (value: number | string) => (bytes ? bytes.format(Number(value)) : formatTick(Number(value), spec.unit)) },
    grid: { color: theme.highContrast ? withAlpha(theme.grid, 0.5) : theme.grid },
    border: { color: theme.contrastBorder ?? theme.grid },
  };
  const indexAxis = {
    stacked,
    title: title(horizontal ? spec.yTitle : spec.xTitle),
    ticks: {
      color: theme.foreground,
      font,
      autoSkip: true,
      autoSkipPadding: 12,
      maxRotation: 0,
      display: spec.group !== 'metric',
      // Operation counts read better as 97.5k; class sizes and cache names as they are.
      ...(spec.kind === 'line' ? { callback: (value: number | string) => formatTick(Number(spec.labels[Number(value)]), spec.xTitle) } : {}),
    },
    grid: { display: false },
    border: { color: theme.contrastBorder ?? theme.grid },
  };
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    indexAxis: horizontal ? 'y' : 'x',
    interaction: { mode: 'index', intersect: false, axis: horizontal ? 'y' : 'x' },
    ...(spec.kind === 'bar' && spec.labels.length > 30 ? { datasets: { bar: { categoryPercentage: 0.9, barPercentage: 1 } } } : {}),
    plugins: {
      legend: { position: 'bottom', labels: { color: theme.foreground, font, boxWidth: 14, boxHeight: 10, sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
      tooltip: { callbacks: { label: tooltipLabel(spec) } },
    },
    scales: horizontal ? { x: valueAxis, y: indexAxis } : { x: indexAxis, y: valueAxis },
  };
}

function datasets(spec: ChartSpec, theme: Theme): Record<string, unknown>[] {
  return spec.series.map((s) => ({
    label: s.name,
    data: s.errors ? s.values.map((v, i) => (v === null ? null : { y: v, yMin: v - s.errors![i], yMax: v + s.errors![i] })) : [...s.values],
    ...(s.stack !== undefined ? { stack: s.stack } : {}),
    ...datasetStyle(s, spec, theme),
  }));
}

export interface DrawnChart {
  readonly spec: ChartSpec;
  readonly chart: Chart;
}

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, theme: Theme): DrawnChart {
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.color = theme.foreground;
  const type = spec.series.some((s) => s.errors) ? 'barWithErrorBars' : spec.kind === 'line' ? 'line' : 'bar';
  const config = { type, data: { labels: [...spec.labels], datasets: datasets(spec, theme) }, options: options(spec, theme) };
  const chart = new Chart(canvas, config as unknown as ChartConfiguration);
  return { spec, chart };
}

/** New colours after a theme change: the same data, restyled, redrawn without animation. */
export function restyleChart(d: DrawnChart, theme: Theme): void {
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.color = theme.foreground;
  d.spec.series.forEach((s, i) => Object.assign(d.chart.data.datasets[i] as object, datasetStyle(s, d.spec, theme)));
  d.chart.options = options(d.spec, theme) as typeof d.chart.options;
  d.chart.update('none');
}

/**
 * What chart.js holds for the chart in `[data-chart-id=id]`: labels and each dataset's label and
 * values. End-to-end tests read it from outside the webview (an iframe they can evaluate in), to
 * check the chart drew the report's numbers rather than only that a canvas exists.
 */
function chartData(id: string): { labels: unknown[]; datasets: { label: string; data: unknown[] }[] } | null {
  const canvas = [...document.querySelectorAll<HTMLElement>('[data-chart-id]')].find((e) => e.dataset.chartId === id)?.querySelector('canvas');
  const chart = canvas ? Chart.getChart(canvas) : undefined;
  if (!chart) return null;
  return { labels: [...(chart.data.labels ?? [])], datasets: chart.data.datasets.map((d) => ({ label: String(d.label ?? ''), data: [...d.data] })) };
}
Object.defineProperty(window, 'zsreviewChartData', { value: chartData });
