// Saving a report's tables: the format from a quick pick (or the panel's button), the file from
// the host's save dialog (webview downloads do not work in VS Code), written with workspace.fs
// so remote and virtual workspaces work too. Every format carries the reproduce line and the
// input's sha256 (a chart's PNG in a tEXt chunk). Tests replace the dialog through setSaveDialog.
import * as vscode from 'vscode';
import type { Report } from '../engine/evaluate';
import { subjectWithoutTags } from '../engine/patch/patch';
import { isPng, pngWithText } from '../engine/report/pngText';
import { provenanceLine, renderReport, type ReportFormat } from '../engine/report/render';

const FORMATS: readonly { format: ReportFormat; label: string; detail: string; ext: string }[] = [
  { format: 'csv', label: 'CSV', detail: 'one row per scenario and metric, a # reproduce footer', ext: 'csv' },
  { format: 'markdown', label: 'Markdown', detail: 'the tables for a bug or a review page', ext: 'md' },
  { format: 'json', label: 'JSON', detail: 'the whole report (the documented contract)', ext: 'json' },
  { format: 'text', label: 'Plain text', detail: 'the 80-column table for a mail reply', ext: 'txt' },
];

export type SaveDialog = (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;
let saveDialog: SaveDialog = (options) => vscode.window.showSaveDialog(options);

/** For tests: answer the save dialog (the real one cannot be driven from the extension host). */
export function setSaveDialog(dialog: SaveDialog | undefined): void {
  saveDialog = dialog ?? ((options) => vscode.window.showSaveDialog(options));
}

/** A file name from the subject: "mm-zsmalloc-one-pair-of-metadata-caches.zsreview.csv". */
export function exportFileName(report: Report, ext: string): string {
  const base = subjectWithoutTags(report.input.subject || report.input.file.split('/').pop() || 'report')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  const scenarios = report.scenarios.length === 1 ? `.${report.scenarios[0].name}` : '';
  return `${base || 'report'}${scenarios}.zsreview.${ext}`;
}

/** Asks for a format (unless given) and a file, and writes the report there; undefined if the user cancels. */
export async function exportReport(report: Report, near: vscode.Uri | undefined, format?: ReportFormat): Promise<vscode.Uri | undefined> {
  const choice = format ? FORMATS.find((f) => f.format === format) : await vscode.window.showQuickPick(FORMATS.map((f) => ({ ...f, description: `.${f.ext}` })), { placeHolder: 'Export the comparison tables as' });
  if (!choice) return undefined;
  const folder = near?.scheme === 'file' ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = exportFileName(report, choice.ext);
  const uri = await saveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { [choice.label]: [choice.ext] }, saveLabel: 'Export', title: `zsreview: export as ${choice.label}` });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderReport(report, choice.format)));
  void vscode.window.setStatusBarMessage(`zsreview: exported ${vscode.workspace.asRelativePath(uri)}`, 5000);
  return uri;
}

/** A chart as the panel drew it: PNG bytes as a data: URL, or SVG text. */
export type DrawnChartFile = { readonly format: 'png'; readonly dataUrl: string } | { readonly format: 'svg'; readonly svg: string };

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The file's bytes with the provenance: a PNG tEXt chunk, or an SVG <desc> first in the <svg>. */
function withProvenance(chart: DrawnChartFile, line: string): Uint8Array {
  if (chart.format === 'png') {
    const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(chart.dataUrl);
    const png = m ? Buffer.from(m[1], 'base64') : null;
    if (!png || !isPng(png)) throw new Error('the panel sent no PNG image');
    return pngWithText(png, 'Comment', line);
  }
  const open = /^(?:<\?xml[^>]*>\s*)?<svg\b[^>]*>/.exec(chart.svg);
  if (!open) throw new Error('the panel sent no SVG image');
  const at = open.index + open[0].length;
  return new TextEncoder().encode(`${chart.svg.slice(0, at)}<desc>${xmlEscape(line)}</desc>${chart.svg.slice(at)}`);
}

/** Saves a chart the panel drew, with the provenance in it; undefined if the dialog is cancelled. */
export async function exportChart(report: Report, chartId: string, chart: DrawnChartFile, near: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const bytes = withProvenance(chart, provenanceLine(report));
  const ext = chart.format;
  const folder = near?.scheme === 'file' ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = exportFileName(report, ext).replace(/\.zsreview\.\w+$/, `.${chartId.replace(/[^A-Za-z0-9._-]+/g, '-')}.zsreview.${ext}`);
  const uri = await saveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { [ext.toUpperCase()]: [ext] }, saveLabel: 'Save', title: `zsreview: save the chart as ${ext.toUpperCase()}` });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, bytes);
  void vscode.window.setStatusBarMessage(`zsreview: saved ${vscode.workspace.asRelativePath(uri)}`, 5000);
  return uri;
}
