// chart.js charts drawn from the pure chart specs (engine/report/chartSpecs.ts) with the shared
// configuration (engine/report/chartConfig.ts) in the theme's colours. Only the chart.js parts
// used here are registered.
import { BarController, BarElement, BasicPlatform, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { Context as SvgContext } from 'svgcanvas';
import { chartConfig, chartOptions, datasetStyle, drawHatchTile, HATCH_TILE, type Paint } from '../engine/report/chartConfig';
import type { ChartSpec } from '../engine/report/chartSpecs';
import { withAlpha, type Theme } from './theme';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, BarWithErrorBarsController, BarWithErrorBar);

/** An 8×8 tile of diagonal stripes of `color` over `background` (null without a 2D context). */
function hatchTile(color: string, background: string): HTMLCanvasElement | null {
  const canvas = document.createElement('canvas');
  canvas.width = HATCH_TILE;
  canvas.height = HATCH_TILE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  drawHatchTile(ctx, color, background);
  return canvas;
}

/** Diagonal stripes of `color` over `background`, tiling seamlessly. */
function hatch(color: string, background: string): CanvasPattern | string {
  const tile = hatchTile(color, background);
  return (tile && tile.getContext('2d')?.createPattern(tile, 'repeat')) ?? background;
}

export interface DrawnChart {
  readonly spec: ChartSpec;
  readonly chart: Chart;
}

/** The browser's paint: the canvas normalises colours, and patterns are drawn on a small canvas. */
const paint: Paint = { withAlpha, hatch };

export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, theme: Theme): DrawnChart {
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.color = theme.foreground;
  const chart = new Chart(canvas, chartConfig(spec, theme, paint) as unknown as ChartConfiguration);
  return { spec, chart };
}

/** New colours after a theme change: the same data, restyled, redrawn without animation. */
export function restyleChart(d: DrawnChart, theme: Theme): void {
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.color = theme.foreground;
  d.spec.series.forEach((s, i) => Object.assign(d.chart.data.datasets[i] as object, datasetStyle(s, d.spec, theme, paint)));
  d.chart.options = chartOptions(d.spec, theme, paint) as typeof d.chart.options;
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

/**
 * The chart drawn again on svgcanvas's SVG context (text stays <text>), at the size it has on
 * the page, for "Save SVG". chart.js takes the context as its canvas (svgcanvas points
 * ctx.canvas at itself); the basic platform needs no DOM events.
 */
export function chartSvg(spec: ChartSpec, theme: Theme, width: number, height: number): string {
  const ctx = new SvgContext({ width, height }) as unknown as CanvasRenderingContext2D & { getContext?: () => unknown; getSerializedSvg(): string };
  ctx.getContext = () => ctx;
  const svgPaint: Paint = { withAlpha, hatch: (color, background) => {
    const tile = hatchTile(color, background);
    return (tile && ctx.createPattern(tile, 'repeat')) ?? background;
  } };
  const config = chartConfig(spec, theme, svgPaint);
  const chart = new Chart(ctx, { ...config, platform: BasicPlatform, options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 } } as unknown as ChartConfiguration);
  const svg = ctx.getSerializedSvg();
  chart.destroy();
  return svg;
}
