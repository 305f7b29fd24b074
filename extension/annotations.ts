// The numbers on the lines that cause them: a CodeLens over each hunk that carries a finding
// (and a muted one over each hunk nothing models), an end-of-line note on the evidence lines, a
// hover with the comparison table. For a kernel tree's git diff the notes also go on the
// changed lines of the real files (and so on the diff editor's right side). Annotations move
// with edits above them and are dropped when an edit touches their hunk; a setting and
// "zsreview: Clear Annotations" switch them off.
import * as vscode from 'vscode';
import type { Annotation, FindingAnnotation } from '../engine/report/annotations';

/** Notes on lines of other files (a git diff's changed lines in the working tree), 0-based. */
export interface FileNote {
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly note: string;
}

interface DocAnnotations {
  annotations: Annotation[];
  fileNotes: FileNote[];
}

const SETTING = 'annotations.enabled';

export class Annotations implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly byDoc = new Map<string, DocAnnotations>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly note = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      this.changed,
      this.note,
      vscode.languages.registerCodeLensProvider({ scheme: '*' }, this),
      vscode.languages.registerHoverProvider({ scheme: '*' }, this),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`zsreview.${SETTING}`)) this.refresh();
      }),
    );
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration('zsreview').get<boolean>(SETTING, true);
  }

  /** Annotates document `uri` (replacing what it had). */
  set(uri: vscode.Uri, annotations: Annotation[], fileNotes: FileNote[] = []): void {
    this.byDoc.set(uri.toString(), { annotations, fileNotes });
    this.refresh();
  }

  clear(): void {
    this.byDoc.clear();
    this.refresh();
  }

  /** What document `uri` carries now (for tests and the hover). */
  get(uri: vscode.Uri): readonly Annotation[] {
    return this.enabled ? (this.byDoc.get(uri.toString())?.annotations ?? []) : [];
  }

  /** Notes on other files' lines (a git diff's working tree). */
  fileNotes(uri: vscode.Uri): readonly FileNote[] {
    if (!this.enabled) return [];
    return [...this.byDoc.values()].flatMap((d) => d.fileNotes.filter((n) => n.uri.toString() === uri.toString()));
  }

  private refresh(): void {
    const any = this.enabled && [...this.byDoc.values()].some((d) => d.annotations.length > 0 || d.fileNotes.length > 0);
    void vscode.commands.executeCommand('setContext', 'zsreview.hasAnnotations', any);
    this.changed.fire();
    this.decorate();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return this.get(doc.uri)
      .filter((a) => a.docLine <= doc.lineCount)
      .map((a) => {
        const range = doc.lineAt(a.docLine - 1).range;
        if (a.kind === 'unmodelled') return new vscode.CodeLens(range, { title: a.lens, command: '' });
        return new vscode.CodeLens(range, { title: `${a.lens} · open chart`, command: 'zsreview.showPanelAt', arguments: [doc.uri.toString(), a.headline?.scenario, a.headline?.metric], tooltip: 'Open the zsreview panel at this chart' });
      });
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const line = pos.line + 1;
    const a = this.get(doc.uri).find((x): x is FindingAnnotation => x.kind === 'finding' && (x.docLine === line || x.evidence.some((e) => e.docLine === line)));
    if (!a) return undefined;
    const args = encodeURIComponent(JSON.stringify([doc.uri.toString(), a.headline?.scenario, a.headline?.metric]));
    const md = new vscode.MarkdownString(`${a.hover}\n\n[Open panel at this finding](command:zsreview.showPanelAt?${args}) · [Export tables…](command:zsreview.exportReport) · [Copy as plain text](command:zsreview.copyTextReport) · [Clear annotations](command:zsreview.clearAnnotations)`);
    // Only our own commands may run from this hover's links.
    md.isTrusted = { enabledCommands: ['zsreview.showPanelAt', 'zsreview.exportReport', 'zsreview.copyTextReport', 'zsreview.clearAnnotations'] };
    return new vscode.Hover(md);
  }

  private decorate(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      const notes: vscode.DecorationOptions[] = [];
      for (const a of this.get(doc.uri)) {
        if (a.kind !== 'finding') continue;
        for (const e of a.evidence) if (e.docLine <= doc.lineCount) notes.push(noteAt(doc, e.docLine - 1, a.note));
      }
      for (const n of this.fileNotes(doc.uri)) if (n.line < doc.lineCount) notes.push(noteAt(doc, n.line, n.note));
      editor.setDecorations(this.note, notes);
    }
  }

  /** Moves annotations below an edit by the lines it adds or removes; drops those whose hunk it touches. */
  private follow(e: vscode.TextDocumentChangeEvent): void {
    const d = this.byDoc.get(e.document.uri.toString());
    if (!d || e.contentChanges.length === 0) return;
    let annotations = d.annotations;
    for (const c of e.contentChanges) {
      const first = c.range.start.line + 1; // 1-based, as docLine
      const last = c.range.end.line + 1;
      const delta = c.text.split('\n').length - 1 - (c.range.end.line - c.range.start.line);
      annotations = annotations.flatMap((a): Annotation[] => {
        if (last < a.docLine) return [shift(a, delta)];
        if (first > a.lastDocLine) return [a];
        return []; // the edit touched the hunk: its numbers no longer describe the text
      });
    }
    d.annotations = annotations;
    this.refresh();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function noteAt(doc: vscode.TextDocument, line: number, note: string): vscode.DecorationOptions {
  const end = doc.lineAt(line).range.end;
  return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: `  ${note}` } } };
}

function shift(a: Annotation, delta: number): Annotation {
  if (delta === 0) return a;
  if (a.kind === 'unmodelled') return { ...a, docLine: a.docLine + delta, lastDocLine: a.lastDocLine + delta };
  return { ...a, docLine: a.docLine + delta, lastDocLine: a.lastDocLine + delta, evidence: a.evidence.map((e) => ({ ...e, docLine: e.docLine + delta })) };
}
