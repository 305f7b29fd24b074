// VS Code entry point: the commands, the results panel's serializer, and (for the integration
// tests) a small API returned from activate().
import * as vscode from 'vscode';
import { KERNEL_VERSIONS, kernelParams, type KernelVersion } from '../engine/kernel/params';
import { buildSizeClassTable } from '../engine/kernel/sizeClasses';
import { PANEL_VIEW_TYPE, type PanelState, type ViewModel } from '../webview/protocol';
import type { Annotation } from '../engine/report/annotations';
import { Annotations } from './annotations';
import type { ReportFormat } from '../engine/report/render';
import { Evaluator, type EvaluateStatus } from './evaluate';
import { setSaveDialog, type SaveDialog } from './export';
import { resolveConfigSource, resolvePatchSource, SourceError, sourceFromUri, type EvaluationSource } from './input';
import { ResultsPanel, type Rendered } from './panel';
import { runningWorkers } from './runner';

/** What activate() returns: used by the integration tests, stable enough for other extensions. */
export interface ZsreviewApi {
  lastModel(): ViewModel | undefined;
  lastError(): string | undefined;
  lastRendered(): Rendered | undefined;
  readonly onRendered: vscode.Event<Rendered>;
  panelCount(): number;
  runningWorkers(): number;
  cancel(): void;
  /** The annotations on document `uri`, and the notes on a working-tree file's lines. */
  annotations(uri: vscode.Uri): readonly Annotation[];
  fileNotes(uri: vscode.Uri): readonly { line: number; note: string }[];
  /** Tests answer the export's save dialog with this (undefined: the real dialog again). */
  setSaveDialog(dialog: SaveDialog | undefined): void;
}

export function activate(context: vscode.ExtensionContext): ZsreviewApi {
  const distDir = vscode.Uri.joinPath(context.extensionUri, 'dist');
  const log = vscode.window.createOutputChannel('zsreview', { log: true });
  const annotations = new Annotations();
  const evaluator = new Evaluator(distDir, log, annotations);

  /** Runs the command's input through the evaluator; problems found before running become one message. */
  const evaluateFrom = async (resolve: () => Promise<EvaluationSource | undefined>): Promise<EvaluateStatus | undefined> => {
    let source: EvaluationSource | undefined;
    try {
      source = await resolve();
    } catch (e) {
      const message = e instanceof SourceError ? e.message : `cannot read the input: ${(e as Error).message}`;
      evaluator.showError(message);
      return { status: 'error', message };
    }
    return source ? evaluator.evaluate(source) : undefined;
  };

  context.subscriptions.push(
    log,
    evaluator.renderedEvent,
    vscode.commands.registerCommand('zsreview.evaluatePatch', (uri?: vscode.Uri) => evaluateFrom(() => (uri instanceof vscode.Uri ? sourceFromUri(uri) : resolvePatchSource()))),
    vscode.commands.registerCommand('zsreview.evaluateConfig', (uri?: vscode.Uri) => evaluateFrom(() => resolveConfigSource(uri instanceof vscode.Uri ? uri : undefined))),
    vscode.commands.registerCommand('zsreview.cancelEvaluation', () => evaluator.cancel()),
    annotations,
    vscode.commands.registerCommand('zsreview.clearAnnotations', () => annotations.clear()),
    vscode.commands.registerCommand('zsreview.copyTextReport', () => evaluator.copyTextReport()),
    vscode.commands.registerCommand('zsreview.saveChart', (chartId?: unknown, format?: unknown) => evaluator.saveChartFromPalette(typeof chartId === 'string' ? chartId : undefined, format === 'png' || format === 'svg' ? format : undefined)),
    vscode.commands.registerCommand('zsreview.exportReport', (format?: ReportFormat) => evaluator.export(undefined, typeof format === 'string' ? format : undefined)),
    vscode.commands.registerCommand('zsreview.showPanelAt', (uri: string, scenario?: string, metric?: string) => evaluator.showPanelAt(uri, scenario, metric)),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined) {
        ResultsPanel.restore(panel, state, distDir, evaluator);
      },
    }),
    vscode.commands.registerCommand('zsreview.showClasses', async () => {
      const version = await vscode.window.showQuickPick([...KERNEL_VERSIONS], { placeHolder: 'Kernel version' });
      if (!version) return;
      const table = buildSizeClassTable(kernelParams(version as KernelVersion));
      void vscode.window.showInformationMessage(`zsreview: kernel ${version}: ${table.classes.length} size classes, huge_class_size ${table.hugeClassSize}`);
    }),
  );

  return {
    lastModel: () => evaluator.lastModel,
    lastError: () => evaluator.lastError,
    lastRendered: () => evaluator.lastRendered,
    onRendered: evaluator.renderedEvent.event,
    panelCount: () => ResultsPanel.count(),
    runningWorkers,
    cancel: () => evaluator.cancel(),
    annotations: (uri) => annotations.get(uri),
    fileNotes: (uri) => annotations.fileNotes(uri),
    setSaveDialog,
  };
}

export function deactivate(): void {}
