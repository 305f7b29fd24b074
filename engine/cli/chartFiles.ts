// `zsreview evaluate … --out DIR --chart png,svg`: the panel's charts as files, drawn headless by
// chart.js on @napi-rs/canvas (command line only; the extension never loads it) from the same
// chart specs and configuration the panel uses, in VS Code's light colours, each with the
// reproduce line and the input's sha256 as a footer (text in the SVG stays text).
import { createCanvas, GlobalFonts, SvgExportFlag, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Title, type ChartConfiguration, type Plugin } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../evaluate';
import { pngWithText } from '../report/pngText';
import { provenanceLine } from '../report/render';
import { chartConfig, drawHatchTile, HATCH_TILE, type ChartStyle, type Paint } from '../report/chartConfig';
import { chartSpecsForScenario, type ChartSpec } from '../report/chartSpecs';
import type { RunDetail } from '../runDetail';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Title, BarWithErrorBarsController, BarWithErrorBar);

export const CHART_FORMATS = ['png', 'svg'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

// Debian's DejaVu (fonts-dejavu-core), when the system has it: chart text must render in CI.
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FAMILY = existsSync(FONT) && GlobalFonts.registerFromPath(FONT, 'DejaVu Sans') ? 'DejaVu Sans' : 'sans-serif';

/** VS Code's default light theme: charts.blue, charts.orange, editor foreground. */
const LIGHT: ChartStyle = { before: '#1a85ff', after: '#d18616', foreground: '#3b3b3b', muted: '#717171', grid: '#e5e5e5', contrastBorder: null, highContrast: false, fontFamily: FAMILY, fontSize: 13 };

function rgb(color: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return hex ? [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)] : null;
}

const paint: Paint = {
  withAlpha: (color, alpha) => {
    const c = rgb(color);
    return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})` : color;
  },
  hatch: (color, background) => {
    const tile = createCanvas(HATCH_TILE, HATCH_TILE);
    const ctx = tile.getContext('2d');
    drawHatchTile(ctx, color, background);
    return ctx.createPattern(tile, 'repeat');
  },
};

/** A white page behind the chart and the reproduce line under it. */
function page(footer: string): Plugin {
  return {
    id: 'zsreviewPage',
    beforeDraw: (chart) => {
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
    afterDraw: (chart) => {
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = LIGHT.muted;
      ctx.font = `10px ${FAMILY}`;
      ctx.fillText(footer, 8, chart.height - 6, chart.width - 16);
      ctx.restore();
    },
  };
}

function size(spec: ChartSpec): [number, number] {
  return spec.group === 'metric' ? [640, 400] : [1000, 520];
}

/** Draws one spec on a canvas of that format; returns the file's bytes. */
export function renderChart(spec: ChartSpec, format: ChartFormat, footer: string): Buffer {
  const [w, h] = size(spec);
  const canvas: Canvas = format === 'svg' ? (createCanvas(w, h, SvgExportFlag.RelativePathEncoding) as unknown as Canvas) : createCanvas(w, h);
  const config = chartConfig(spec, LIGHT, paint);
  const options = { ...config.options, responsive: false, animation: false, devicePixelRatio: 1, layout: { padding: { top: 8, right: 12, bottom: 22, left: 8 } } } as Record<string, unknown>;
  const plugins = { ...(options.plugins as object), title: { display: true, text: `${spec.scenario}: ${spec.title}`, color: LIGHT.foreground, font: { family: FAMILY, size: 14 } } };
  const chart = new Chart(canvas.getContext('2d') as unknown as SKRSContext2D & CanvasRenderingContext2D, { ...config, options: { ...options, plugins }, plugins: [page(footer)] } as unknown as ChartConfiguration);
  const bytes = format === 'svg' ? (canvas as unknown as { getContent(): Buffer }).getContent() : canvas.toBuffer('image/png');
  chart.destroy();
  return bytes;
}

/** Writes every chart of every scenario to DIR/charts/; returns the files written. */
export function writeChartFiles(report: Report, details: readonly RunDetail[], formats: readonly ChartFormat[], dir: string): string[] {
  const out = join(dir, 'charts');
  mkdirSync(out, { recursive: true });
  const footer = `${report.reproduce}${report.input.sha256 ? ` · input sha256 ${report.input.sha256.slice(0, 16)}…` : ''}`;
  const provenance = provenanceLine(report);
  const written: string[] = [];
  for (const s of report.scenarios) {
    for (const spec of chartSpecsForScenario(report, s.name, details)) {
      for (const format of formats) {
        const file = join(out, `${spec.id.replace(/[^A-Za-z0-9._-]+/g, '-')}.${format}`);
        const bytes = renderChart(spec, format, footer);
        writeFileSync(file, format === 'png' ? pngWithText(bytes, 'Comment', provenance) : bytes);
        written.push(file);
      }
    }
  }
  return written;
}
