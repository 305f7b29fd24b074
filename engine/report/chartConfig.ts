// chart.js configuration of a chart spec (chartSpecs.ts), shared by the panel (webview/charts.ts,
// colours from the theme) and the command line's PNG/SVG export (engine/cli/chartFiles.ts, a fixed
// light palette), so that both draw the same chart. Before and after differ by more than colour:
// before bars are solid and after bars hatched, before lines solid and after lines dashed with
// other point marks; the "waste" part of a bar (unused bytes) is lighter. No DOM: patterns and
// colour arithmetic come from the caller's Paint.
import type { TooltipItem } from 'chart.js';
import { byteAxis, formatTick, rounded, type ChartSeries, type ChartSpec } from './chartSpecs';

export interface ChartStyle {
  readonly before: string;
  readonly after: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  /** The high-contrast outline colour, or null outside high-contrast themes. */
  readonly contrastBorder: string | null;
  readonly highContrast: boolean;
  readonly fontFamily: string;
  readonly fontSize: number;
}

/** The side of a hatch tile, in pixels. */
export const HATCH_TILE = 8;

/** The 2D-context calls a hatch tile needs (a browser canvas's and @napi-rs/canvas's both have them). */
interface TileContext {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
}

/** Draws diagonal stripes of `color` over `background` on a HATCH_TILE square that tiles seamlessly. */
export function drawHatchTile(ctx: TileContext, color: string, background: string): void {
  const size = HATCH_TILE;
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
}

/** What drawing needs from its surface: colour with alpha, and a hatch pattern (a canvas's). */
export interface Paint {
  withAlpha(color: string, alpha: number): string;
  hatch(color: string, background: string): unknown;
}

export function datasetStyle(s: ChartSeries, spec: ChartSpec, theme: ChartStyle, paint: Paint): Record<string, unknown> {
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
      ? paint.withAlpha(color, waste ? 0.3 : 1)
      : paint.hatch(paint.withAlpha(color, waste ? 0.55 : 1), paint.withAlpha(color, waste ? 0.08 : 0.3));
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

export function chartOptions(spec: ChartSpec, theme: ChartStyle, paint: Paint): Record<string, unknown> {
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
    grid: { color: theme.highContrast ? paint.withAlpha(theme.grid, 0.5) : theme.grid },
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

export function chartDatasets(spec: ChartSpec, theme: ChartStyle, paint: Paint): Record<string, unknown>[] {
  return spec.series.map((s) => ({
    label: s.name,
    data: s.errors ? s.values.map((v, i) => (v === null ? null : { y: v, yMin: v - s.errors![i], yMax: v + s.errors![i] })) : [...s.values],
    ...(s.stack !== undefined ? { stack: s.stack } : {}),
    ...datasetStyle(s, spec, theme, paint),
  }));
}

/** The chart.js type and config of a spec ('barWithErrorBars' needs chartjs-chart-error-bars registered). */
export function chartConfig(spec: ChartSpec, theme: ChartStyle, paint: Paint): { type: string; data: { labels: string[]; datasets: Record<string, unknown>[] }; options: Record<string, unknown> } {
  const type = spec.series.some((s) => s.errors) ? 'barWithErrorBars' : spec.kind === 'line' ? 'line' : 'bar';
  return { type, data: { labels: [...spec.labels], datasets: chartDatasets(spec, theme, paint) }, options: chartOptions(spec, theme, paint) };
}
