// "zsreview: Evaluate Patch" in a real VS Code: the command is contributed and runs on a patch
// editor; the panel opens beside it, titled after the subject; its view model carries what the
// CLI prints for the same input and seeds; the webview draws without CSP violations; Cancel
// stops the worker; bad input gives one error message and no panel; an evaluation config runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { EvaluateStatus } from '../../extension/evaluate';
import { api, kernelTreeWith, repo, settings, TINY, withTinySettings } from './helpers';

const PATCH = join(repo, 'test/host/workspace/share-slab-caches.patch');
const SUBJECT = 'mm: zsmalloc: one pair of metadata caches for all pools'; // without its [PATCH] tag

async function waitFor<T>(get: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const webviewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ t, column: g.viewColumn }))).filter(({ t }) => t.input instanceof vscode.TabInputWebview);

describe('Evaluate Patch', function () {
  this.timeout(120_000);
  withTinySettings();

  it('contributes its commands', async () => {
    await api();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['zsreview.evaluatePatch', 'zsreview.evaluateConfig', 'zsreview.cancelEvaluation']) assert.ok(commands.includes(c), c);
  });

  it('on a patch editor: a panel beside it, titled after the subject, with the CLI\'s numbers, drawn without CSP violations', async () => {
    const z = await api();
    const doc = await vscode.workspace.openTextDocument(PATCH);
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const rendered = new Promise((r) => z.onRendered(r));
    const status = await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch');
    assert.equal(status.status, 'done', JSON.stringify(status));
    const tab = await waitFor(() => webviewTabs().find(({ t }) => t.label === `zsreview: ${SUBJECT}`), `a panel titled after the subject (tabs: ${webviewTabs().map(({ t }) => t.label)})`);
    assert.ok(tab.column > (editor.viewColumn ?? 1), 'the panel is beside the patch');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, doc.uri.fsPath, 'focus stays on the patch');

    const model = z.lastModel()!;
    assert.deepEqual(model.report.findings.map((f) => f.plugin), ['shared-slab-caches']);
    // The same input and seeds through the command line (the bundled CLI, with the host's node).
    const cli = JSON.parse(execFileSync(process.execPath, [join(repo, 'dist/cli.js'), 'evaluate', PATCH, '--scenario', TINY, '--seeds', '2', '--kernel', '6.10', '--format', 'json'], { encoding: 'utf8' }));
    assert.deepEqual(model.report, cli);
    assert.deepEqual(model.details.map((d) => d.variant), ['before', 'after']);

    await rendered;
    const r = z.lastRendered()!;
    assert.deepEqual(r.cspViolations, []);
    assert.ok(r.charts.length >= 4 && r.charts.every((c) => c.points > 0), JSON.stringify(r.charts));
    assert.ok(r.tables >= r.charts.length, 'a table beside every chart');
  });

  it('Copy Report as Plain-Text Table puts the CLI\'s 80-column text report on the clipboard', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(PATCH), vscode.ViewColumn.One);
    const copied = await vscode.commands.executeCommand<string>('zsreview.copyTextReport');
    const cli = execFileSync(process.execPath, [join(repo, 'dist/cli.js'), 'evaluate', PATCH, '--scenario', TINY, '--seeds', '2', '--kernel', '6.10'], { encoding: 'utf8' });
    assert.equal(copied, cli);
    assert.equal(await vscode.env.clipboard.readText(), cli);
    assert.ok(cli.split('\n').every((l) => l.length <= 80 || /^\S+$/.test(l)), 'lines fit a mail (a single word, a long path, may not)');
  });

  it('Cancel stops the worker and leaves no panel update', async () => {
    const z = await api();
    await settings().update('scenarios', ['g4-stress-ng'], vscode.ConfigurationTarget.Global);
    await settings().update('seeds', 50, vscode.ConfigurationTarget.Global);
    const modelBefore = z.lastModel();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(PATCH), vscode.ViewColumn.One);
    const pending = vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch');
    await waitFor(() => z.runningWorkers() === 1, 'the evaluation worker to start');
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('zsreview.cancelEvaluation');
    const status = await pending;
    assert.equal(status.status, 'cancelled');
    assert.equal(z.runningWorkers(), 0);
    assert.equal(z.lastModel(), modelBefore);
    await settings().update('scenarios', [TINY], vscode.ConfigurationTarget.Global);
    await settings().update('seeds', 2, vscode.ConfigurationTarget.Global);
  });

  it('bad input (a pasted reply without a diff): one error message naming the buffer, no panel', async () => {
    const z = await api();
    const panels = z.panelCount();
    const doc = await vscode.workspace.openTextDocument({ content: 'Thanks, but what about zram?\n\n> some quoted prose\n' });
    await vscode.window.showTextDocument(doc);
    const status = await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch');
    assert.equal(status.status, 'error');
    assert.match(z.lastError()!, /Untitled-\d+: contains no diff .*; give a patch, an mbox/);
    assert.equal(z.panelCount(), panels);
    // Close the scratch buffer without the "save changes?" dialog.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('an explorer file that is not there: one error message', async () => {
    const z = await api();
    const status = await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch', vscode.Uri.file(join(repo, 'test/host/workspace/missing.patch')));
    assert.equal(status.status, 'error');
    assert.match(z.lastError()!, /missing\.patch: cannot be read/);
  });

  it('in a kernel checkout: the working tree\'s git diff, opened beside as a diff document', async () => {
    const z = await api();
    const tree = kernelTreeWith(PATCH);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(join(tree, 'mm/zsmalloc.c')), vscode.ViewColumn.One);
      const status = await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch');
      assert.equal(status.status, 'done', JSON.stringify(status));
      assert.match(z.lastModel()!.source.label, /^git diff HEAD \(zsreview-kernel-/);
      assert.deepEqual(z.lastModel()!.report.findings.map((f) => f.plugin), ['shared-slab-caches']);
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'diff', 'the diff is shown');
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('Evaluate Config on an evaluation config file picked in the explorer', async () => {
    const z = await api();
    const status = await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluateConfig', vscode.Uri.file(join(repo, 'test/fixtures/configs/chain-16.yaml')));
    assert.equal(status.status, 'done', JSON.stringify(status));
    assert.equal(z.lastModel()!.report.input.format, 'config');
    assert.deepEqual(z.lastModel()!.report.findings.map((f) => f.knob), ['chainSize']);
  });
});
