// The chart colours, read from VS Code's --vscode-* variables (chart.js needs concrete colour
// strings), and a watch that reads them again when the theme changes: VS Code swaps the body's
// vscode-light / vscode-dark / vscode-high-contrast(-light) class and rewrites the variables on
// <html>'s style.
import type { ChartStyle } from '../engine/report/chartConfig';

/** The chart style, read from the theme. */
export type Theme = ChartStyle;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
}

export function readTheme(): Theme {
  const body = document.body.classList;
  const highContrast = body.contains('vscode-high-contrast') || body.contains('vscode-high-contrast-light');
  // Outside VS Code (no variables) the text colour stands in; before and after still differ by pattern.
  const foreground = cssVar('--vscode-editor-foreground') || cssVar('--vscode-foreground') || getComputedStyle(document.body).color;
  const contrast = cssVar('--vscode-contrastBorder');
  return {
    before: cssVar('--vscode-charts-blue') || foreground,
    after: cssVar('--vscode-charts-orange') || foreground,
    foreground,
    muted: cssVar('--vscode-descriptionForeground') || foreground,
    grid: cssVar('--vscode-panel-border') || cssVar('--vscode-widget-border') || withAlpha(foreground, 0.2),
    contrastBorder: highContrast ? contrast || foreground : null,
    highContrast,
    fontFamily: cssVar('--vscode-font-family') || getComputedStyle(document.body).fontFamily,
    fontSize: parseFloat(cssVar('--vscode-font-size')) || 13,
  };
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour with its alpha multiplied by `alpha`, as rgba() (the canvas normalises the input). */
export function withAlpha(color: string, alpha: number): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000';
  probe.fillStyle = color;
  const c = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)(?:,([^)]+))?\)$/.exec(c);
  if (rgba) return `rgba(${rgba[1].trim()}, ${rgba[2].trim()}, ${rgba[3].trim()}, ${(rgba[4] === undefined ? 1 : parseFloat(rgba[4])) * alpha})`;
  return c;
}

/** Calls `onChange` when the body's theme class or the variables on <html> change (records of one task come in one call). */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
