// The results panel: a webview beside the evaluated document, one per input. Strict CSP with a
// nonce, resources only from dist/ through asWebviewUri, the whole view model pushed on
// `ready`, and a serializer so that a window reload brings the panel back from its saved state
// (no retainContextWhenHidden: the webview keeps its own state with setState).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { subjectWithoutTags } from '../engine/patch/patch';
import type { DrawnChartFile } from './export';
import { PANEL_VIEW_TYPE, type FromWebview, type PanelState, type ToWebview, type ViewModel } from '../webview/protocol';

export type Rendered = Extract<FromWebview, { type: 'rendered' }>;

export interface PanelHandlers {
  rerun(panel: ResultsPanel, scenarios: readonly string[], seeds: number): void;
  cancel(panel: ResultsPanel): void;
  exportFrom(panel: ResultsPanel, format: 'csv' | 'markdown' | 'json' | 'text'): void;
  saveChart(panel: ResultsPanel, chartId: string, chart: DrawnChartFile): void;
  rendered(panel: ResultsPanel, r: Rendered): void;
}

export class ResultsPanel {
  private static readonly open = new Map<string, ResultsPanel>();
  private ready = false;
  private pending: ToWebview[] = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    distDir: vscode.Uri,
    public model: ViewModel | null,
    private readonly handlers: PanelHandlers,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: [distDir] };
    panel.webview.html = html(panel.webview, distDir);
    panel.iconPath = undefined;
    panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m));
    panel.onDidDispose(() => {
      for (const [k, p] of ResultsPanel.open) if (p === this) ResultsPanel.open.delete(k);
    });
    if (model?.source.uri) ResultsPanel.open.set(model.source.uri, this);
  }

  /** The panel for this input (updated), or a new one beside the active editor. */
  static show(model: ViewModel, distDir: vscode.Uri, handlers: PanelHandlers): ResultsPanel {
    const key = model.source.uri ?? model.title;
    const existing = ResultsPanel.open.get(key);
    if (existing) {
      existing.setModel(model);
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, panelTitle(model), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [distDir] });
    const p = new ResultsPanel(panel, distDir, model, handlers);
    ResultsPanel.open.set(key, p);
    return p;
  }

  /** A panel VS Code restores after a reload, with the model the webview saved. */
  static restore(panel: vscode.WebviewPanel, state: PanelState | undefined, distDir: vscode.Uri, handlers: PanelHandlers): ResultsPanel {
    const p = new ResultsPanel(panel, distDir, state?.model ?? null, handlers);
    if (p.model) panel.title = panelTitle(p.model);
    return p;
  }

  /** The open panel of the input at `uri`, if any. */
  static find(uri: string): ResultsPanel | undefined {
    return ResultsPanel.open.get(uri);
  }

  static count(): number {
    return new Set(ResultsPanel.open.values()).size;
  }

  setModel(model: ViewModel): void {
    this.model = model;
    this.panel.title = panelTitle(model);
    if (model.source.uri) ResultsPanel.open.set(model.source.uri, this);
    this.post({ type: 'setViewModel', model });
  }

  post(m: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.pending.push(m);
  }

  private receive(m: FromWebview): void {
    switch (m?.type) {
      case 'ready':
        this.ready = true;
        // A restored webview renders its saved state itself; push the model only if it has one to give.
        if (this.model) void this.panel.webview.postMessage({ type: 'setViewModel', model: this.model } satisfies ToWebview);
        for (const x of this.pending.splice(0)) if (x.type !== 'setViewModel') void this.panel.webview.postMessage(x);
        break;
      case 'revealLine':
        void this.revealLine(m.docLine);
        break;
      case 'rerun':
        this.handlers.rerun(this, m.scenarios, m.seeds);
        break;
      case 'cancel':
        this.handlers.cancel(this);
        break;
      case 'export':
        if (['csv', 'markdown', 'json', 'text'].includes(m.format)) this.handlers.exportFrom(this, m.format);
        break;
      case 'saveChart':
        if (typeof m.chartId !== 'string') break;
        if (m.format === 'png' && typeof m.dataUrl === 'string') this.handlers.saveChart(this, m.chartId, { format: 'png', dataUrl: m.dataUrl });
        else if (m.format === 'svg' && typeof m.svg === 'string') this.handlers.saveChart(this, m.chartId, { format: 'svg', svg: m.svg });
        break;
      case 'rendered':
        this.handlers.rendered(this, m);
        break;
    }
  }

  /** Shows line `docLine` of the evaluated document, in the column it is open in (or the first). */
  async revealLine(docLine: number): Promise<void> {
    const uri = this.model?.source.uri;
    if (!uri || !Number.isInteger(docLine) || docLine < 1) return;
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const line = Math.min(docLine, doc.lineCount) - 1;
      const shown = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
      const range = doc.lineAt(line).range;
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch {
      void vscode.window.showWarningMessage(`zsreview: ${this.model?.source.label ?? uri} is no longer available to show line ${docLine}`);
    }
  }
}

/** "zsreview: " and the subject without its "[PATCH v2 1/3]" tags, shortened for a tab. */
export function panelTitle(m: ViewModel): string {
  const subject = subjectWithoutTags(m.title) || m.title;
  const t = subject.length > 60 ? `${subject.slice(0, 57)}…` : subject;
  return `zsreview: ${t}`;
}

function html(webview: vscode.Webview, distDir: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(distDir, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(distDir, 'webview.css'));
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}" nonce="${nonce}">
<title>zsreview</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
