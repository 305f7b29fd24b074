// Inline annotations in a real VS Code: lenses on the right lines of the seed patch and of the
// seed reply (a quoted mail), notes on the evidence lines, a hover with the table; an edit above
// moves them, an edit inside a hunk drops that hunk's; Clear removes them; the setting hides them.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { EvaluateStatus } from '../../extension/evaluate';
import { api, kernelTreeWith, repo, settings, withTinySettings } from './helpers';

const SEED = join(repo, 'test/host/workspace/01-zsmalloc-share-slab-caches-v1.patch');
const REPLY = join(repo, 'test/fixtures/patches/seed-reply.txt');

async function evaluate(file: string): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), vscode.ViewColumn.One);
  const status = await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch');
  assert.equal(status.status, 'done', JSON.stringify(status));
  return editor;
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).filter((l) => l.command?.title.startsWith('shared slab caches') || l.command?.title.startsWith('zsreview:'));
}

describe('annotations', function () {
  this.timeout(120_000);
  withTinySettings(['annotations.enabled']);

  for (const file of [SEED, REPLY]) {
    it(`${file.split('/').pop()}: a lens on each @@ line that carries the finding, notes on the evidence lines, a hover table`, async () => {
      const z = await api();
      const editor = await evaluate(file);
      const doc = editor.document;
      const found = await lenses(doc.uri);
      const mine = found.filter((l) => l.command!.title.startsWith('shared slab caches'));
      assert.ok(mine.length >= 3, found.map((l) => l.command!.title).join(' | '));
      for (const l of mine) {
        assert.match(doc.lineAt(l.range.start.line).text, /^(> ?)*@@ -\d+/, `lens on line ${l.range.start.line + 1}`);
        assert.match(l.command!.title, /^shared slab caches · slab\.\w+ [-+]\d+\.\d% \(p[<=][\d.]+\) · tiny-zswap · open chart$/);
        assert.equal(l.command!.command, 'zsreview.showPanelAt');
      }
      // The evidence lines are the finding's, and each shows as a line of the document.
      const model = z.lastModel()!;
      const evidence = z.annotations(doc.uri).flatMap((a) => (a.kind === 'finding' ? a.evidence.map((e) => e.docLine) : []));
      assert.deepEqual([...evidence].sort((a, b) => a - b), model.report.findings[0].evidence.map((e) => e.docLine).sort((a, b) => a - b));
      assert.ok(evidence.some((line) => /zs_handle_cache|handle_cachep/.test(doc.lineAt(line - 1).text)));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(evidence[0] - 1, 0));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
      assert.match(text, /\| slab\.caches \| 64 ± 0 \| 2 ± 0 \| -96\.9% \|/);
      assert.match(text, /command:zsreview\.showPanelAt/);
      assert.match(text, /command:zsreview\.exportReport/);
    });
  }

  it('an edit above the hunks moves the lenses; an edit inside a hunk drops that hunk\'s', async () => {
    const z = await api();
    const editor = await evaluate(SEED);
    const doc = editor.document;
    const before = z.annotations(doc.uri).map((a) => a.docLine);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'a reviewer\'s note\nand another\n'));
    assert.deepEqual(z.annotations(doc.uri).map((a) => a.docLine), before.map((l) => l + 2));
    const first = z.annotations(doc.uri)[0];
    await editor.edit((b) => b.insert(new vscode.Position(first.docLine, 0), '+\tint added_by_hand;\n'));
    assert.equal(z.annotations(doc.uri).length, before.length - 1);
    assert.ok(!z.annotations(doc.uri).some((a) => a.docLine === first.docLine));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the setting hides them and Clear Annotations removes them', async () => {
    const z = await api();
    const editor = await evaluate(SEED);
    assert.ok((await lenses(editor.document.uri)).length > 0);
    await settings().update('annotations.enabled', false, vscode.ConfigurationTarget.Global);
    assert.equal((await lenses(editor.document.uri)).length, 0);
    await settings().update('annotations.enabled', undefined, vscode.ConfigurationTarget.Global);
    assert.ok((await lenses(editor.document.uri)).length > 0);
    await vscode.commands.executeCommand('zsreview.clearAnnotations');
    assert.equal((await lenses(editor.document.uri)).length, 0);
    assert.equal(z.annotations(editor.document.uri).length, 0);
  });

  it('"open chart" opens the panel again after it was closed', async () => {
    const z = await api();
    const editor = await evaluate(SEED);
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    const panels = z.panelCount();
    const lens = (await lenses(editor.document.uri)).find((l) => l.command!.command === 'zsreview.showPanelAt')!;
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    assert.equal(z.panelCount(), panels + 1);
  });

  it('a kernel tree\'s git diff: notes on the changed lines of the real file', async () => {
    const tree = kernelTreeWith(join(repo, 'samples/patches/share-slab-caches.patch'));
    try {
      const z = await api();
      await evaluate(join(tree, 'mm/zsmalloc.c'));
      const file = vscode.Uri.file(join(tree, 'mm/zsmalloc.c'));
      const notes = z.fileNotes(file);
      const text = readFileSync(file.fsPath, 'utf8').split('\n');
      assert.ok(notes.length > 0);
      assert.ok(notes.some((n) => /zs_handle_cache/.test(text[n.line])), notes.map((n) => text[n.line]).join(' | '));
      assert.ok(notes.every((n) => /^zsreview: slab\./.test(n.note)));
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
