// "Evaluate Patch" / "Evaluate Config" and re-runs from the panel: build the engine request from
// the source and the settings, run it on the worker with a cancellable progress notification,
// and show the result beside the input (panel and annotations), or one clear message (with "Show
// details" when the fault is ours, not the input's). Also what the palette does with the last
// evaluation: copy, export tables, save a chart.
import * as vscode from 'vscode';
import { bundledScenarios } from '../engine/cli/scenarioFiles';
import type { EvaluateRequest } from '../engine/evaluateRequest';
import { DEFAULT_KERNEL, MAX_SEEDS } from '../engine/evaluateLimits';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import type { ScenarioChoice, ViewModel } from '../webview/protocol';
import { annotationsFor, type Annotation } from '../engine/report/annotations';
import { chartSpecsForScenario } from '../engine/report/chartSpecs';
import { renderReport, type ReportFormat } from '../engine/report/render';
import { exportChart, exportReport, type DrawnChartFile } from './export';
import type { Annotations, FileNote } from './annotations';
import { sourceFromUri, type EvaluationSource } from './input';
import { ResultsPanel, type PanelHandlers, type Rendered } from './panel';
import { startRun, type Run, type RunOutcome } from './runner';
import { readSettings } from './settings';

export type EvaluateStatus = { readonly status: 'done'; readonly model: ViewModel } | { readonly status: 'cancelled' } | { readonly status: 'error'; readonly message: string };

export class Evaluator implements PanelHandlers {
  private running: { run: Run; panel: ResultsPanel | null } | null = null;
  private scenarioChoices: ScenarioChoice[] | null = null;
  lastModel: ViewModel | undefined;
  lastError: string | undefined;
  lastRendered: Rendered | undefined;
  readonly renderedEvent = new vscode.EventEmitter<Rendered>();

  /** The last model of each evaluated document, so that a closed panel can be opened again from its annotations. */
  private readonly models = new Map<string, ViewModel>();

  constructor(
    private readonly distDir: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly annotations: Annotations,
  ) {}

  /** Evaluates `source`; a panel's re-run passes its panel and the scenarios and seeds chosen there. */
  async evaluate(source: EvaluationSource, panel: ResultsPanel | null = null, chosen?: { scenarios: readonly string[]; seeds: number }): Promise<EvaluateStatus> {
    const settings = readSettings();
    const request: EvaluateRequest = {
      file: source.file,
      text: source.text,
      scenarios: chosen?.scenarios ?? settings.scenarios,
      seeds: chosen?.seeds ?? settings.seeds,
      kernel: settings.kernel,
      cpus: settings.cpus,
      isConfig: source.isConfig,
    };
    this.running?.run.cancel(); // one evaluation at a time: a new one replaces the old
    let mine: Run | null = null;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `zsreview: evaluating ${source.label}`, cancellable: true },
      (progress, token) => {
        let reported = 0;
        const run = startRun(this.distDir.fsPath, request, (done, total) => {
          const pct = (100 * done) / total;
          progress.report({ message: `${done}/${total} runs`, increment: pct - reported });
          reported = pct;
          panel?.post({ type: 'running', text: `${done}/${total} runs` });
        });
        mine = run;
        this.running = { run, panel };
        void vscode.commands.executeCommand('setContext', 'zsreview.running', true);
        panel?.post({ type: 'running', text: 'starting…' });
        token.onCancellationRequested(() => run.cancel());
        return run.outcome;
      },
    );
    if (this.running?.run === mine) {
      this.running = null;
      void vscode.commands.executeCommand('setContext', 'zsreview.running', false);
    }
    panel?.post({ type: 'running', text: null });
    return this.finish(source, outcome, panel, request);
  }

  /** Shows the panel of the document at `uri` (opening it again from the last model if it was closed), at a chart. */
  showPanelAt(uri: string, scenario?: string, metric?: string): void {
    let panel = ResultsPanel.find(uri);
    const model = panel?.model ?? this.models.get(uri);
    if (!model) {
      this.showError('no evaluation of this document to show; run zsreview: Evaluate Patch');
      return;
    }
    if (panel) panel.panel.reveal(vscode.ViewColumn.Beside, true);
    else panel = ResultsPanel.show(model, this.distDir, this);
    if (scenario && metric) panel.post({ type: 'focus', chartId: `${scenario}/metric/${metric}` });
  }

  /** The model of the active document if it was evaluated, else the last one (for commands run from the palette). */
  private activeModel(): ViewModel | undefined {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return (active && this.models.get(active)) || this.lastModel;
  }

  /**
   * "Save Chart…" from the palette: pick one of the active evaluation's charts and a format; the
   * panel (opened again if closed) draws it and sends it back to be saved like its own button does.
   */
  async saveChartFromPalette(chartId?: string, format?: 'png' | 'svg'): Promise<void> {
    const model = this.activeModel();
    if (!model) {
      this.showError('nothing evaluated yet to save a chart of; run zsreview: Evaluate Patch first');
      return;
    }
    const specs = model.report.scenarios.flatMap((s) => chartSpecsForScenario(model.report, s.name, model.details));
    // Arguments (a chart id and a format) skip the pickers: for keybindings and tests.
    const id = specs.some((s) => s.id === chartId) ? chartId : (await vscode.window.showQuickPick(specs.map((s) => ({ label: `${s.scenario}: ${s.title}`, description: s.id, id: s.id })), { placeHolder: 'Which chart?', matchOnDescription: true }))?.id;
    if (!id) return;
    const picked = format ?? (await vscode.window.showQuickPick(['png', 'svg'], { placeHolder: 'Save as' }));
    const as = picked === 'png' || picked === 'svg' ? picked : undefined;
    if (!as || !model.source.uri) return;
    this.showPanelAt(model.source.uri);
    const panel = ResultsPanel.find(model.source.uri);
    panel?.post({ type: 'focus', chartId: id });
    panel?.post({ type: 'requestChart', chartId: id, format: as });
  }

  /** Exports a model's tables (the panel's, or the active document's). */
  async export(model: ViewModel | undefined = this.activeModel(), format?: ReportFormat): Promise<vscode.Uri | undefined> {
    if (!model) {
      this.showError('nothing evaluated yet to export; run zsreview: Evaluate Patch first');
      return undefined;
    }
    try {
      return await exportReport(model.report, model.source.uri ? vscode.Uri.parse(model.source.uri) : undefined, format);
    } catch (e) {
      this.showError(`could not write the export: ${(e as Error).message}`);
      return undefined;
    }
  }

  /**
   * The last evaluation's 80-column text report (the one `zsreview evaluate` prints) on the
   * clipboard, for a mail reply: of the active document if it was evaluated, else the last one.
   */
  async copyTextReport(): Promise<string | undefined> {
    const model = this.activeModel();
    if (!model) {
      this.showError('nothing evaluated yet to copy; run zsreview: Evaluate Patch first');
      return undefined;
    }
    const text = renderReport(model.report, 'text');
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`zsreview: copied the ${text.split('\n').length}-line report of ${model.source.label}`, 5000);
    return text;
  }

  /** Cancels the running evaluation (the notification's Cancel does the same). */
  cancel(): void {
    this.running?.run.cancel();
  }

  rerun(panel: ResultsPanel, scenarios: readonly string[], seeds: number): void {
    const uri = panel.model?.source.uri;
    if (!uri) return;
    const config = panel.model?.report.input.format === 'config';
    void sourceFromUri(vscode.Uri.parse(uri)).then(
      (source) => this.evaluate({ ...source, isConfig: config }, panel, { scenarios, seeds: Math.min(MAX_SEEDS, Math.max(1, Math.round(seeds))) }),
      (e: Error) => {
        panel.post({ type: 'error', message: e.message });
        this.showError(e.message);
      },
    );
  }

  exportFrom(panel: ResultsPanel, format: ReportFormat): void {
    void this.export(panel.model ?? undefined, format);
  }

  saveChart(panel: ResultsPanel, chartId: string, chart: DrawnChartFile): void {
    const model = panel.model;
    if (!model) return;
    exportChart(model.report, chartId, chart, model.source.uri ? vscode.Uri.parse(model.source.uri) : undefined).catch((e: Error) => this.showError(`could not save the chart: ${e.message}`));
  }

  rendered(_panel: ResultsPanel, r: Rendered): void {
    this.lastRendered = r;
    if (r.cspViolations.length > 0) this.log.warn(`webview CSP violations: ${r.cspViolations.join('; ')}`);
    this.renderedEvent.fire(r);
  }

  private finish(source: EvaluationSource, outcome: RunOutcome, panel: ResultsPanel | null, request: EvaluateRequest): EvaluateStatus {
    if (outcome.type === 'cancelled') {
      void vscode.window.setStatusBarMessage('zsreview: evaluation cancelled', 5000);
      return { status: 'cancelled' };
    }
    if (outcome.type === 'error') {
      panel?.post({ type: 'error', message: outcome.message });
      if (outcome.detail) this.log.error(`${outcome.message}\n${outcome.detail}`);
      this.showError(outcome.expected ? outcome.message : `evaluation failed: ${outcome.message}`, outcome.detail !== null);
      return { status: 'error', message: outcome.message };
    }
    const report = outcome.report;
    const model: ViewModel = {
      title: report.input.subject || source.label,
      source: { uri: source.uri.toString(), label: source.label },
      report,
      details: outcome.details,
      controls: {
        scenarios: request.scenarios && request.scenarios.length > 0 ? [...request.scenarios] : this.choices().map((c) => c.name),
        available: this.choices(),
        seeds: request.seeds ?? 5,
        maxSeeds: MAX_SEEDS,
        kernel: request.kernel ?? DEFAULT_KERNEL,
      },
    };
    this.lastModel = model;
    this.lastError = undefined;
    this.models.set(model.source.uri!, model);
    if (panel) panel.setModel(model);
    else ResultsPanel.show(model, this.distDir, this);
    const annotations = annotationsFor(report, outcome.hunks);
    this.annotations.set(source.uri, annotations, source.tree ? treeNotes(source, annotations) : []);
    this.log.info(`evaluated ${source.label}: ${report.findings.length} findings, ${report.scenarios.length} scenarios; ${report.reproduce}`);
    return { status: 'done', model };
  }

  showError(message: string, details = false): void {
    this.lastError = message;
    const text = `zsreview: ${message}`;
    if (!details) {
      void vscode.window.showErrorMessage(text);
      return;
    }
    void vscode.window.showErrorMessage(text, 'Show details').then((pick) => {
      if (pick) this.log.show(true);
    });
  }

  /** The bundled scenarios with their descriptions (small YAML files, read once; validated by the worker when run). */
  private choices(): ScenarioChoice[] {
    if (!this.scenarioChoices) {
      this.scenarioChoices = bundledScenarios().map(({ name, file }) => {
        try {
          // Only the description: the worker validates the whole scenario when it runs.
          const doc = parseYaml(readFileSync(file, 'utf8')) as { description?: unknown } | null;
          return { name, description: typeof doc?.description === 'string' ? doc.description.trim() : '' };
        } catch {
          return { name, description: '' };
        }
      });
    }
    return this.scenarioChoices;
  }
}

/** For a kernel tree's git diff: the headline note on each added evidence line of the real files. */
function treeNotes(source: EvaluationSource, annotations: readonly Annotation[]): FileNote[] {
  const lines = source.text.split('\n');
  return annotations.flatMap((a) =>
    a.kind !== 'finding' ? [] : a.evidence.filter((e) => lines[e.docLine - 1]?.startsWith('+')).map((e) => ({ uri: vscode.Uri.joinPath(source.tree!, e.file), line: e.newLine - 1, note: a.note })),
  );
}
