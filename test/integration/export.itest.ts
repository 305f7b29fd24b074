// Exports through the host's save dialog (answered by a test hook): each format holds what the
// CLI prints for the same input and seeds, with the reproduce line and the input's sha256;
// cancelling the dialog writes nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { EvaluateStatus } from '../../extension/evaluate';
import { api, repo, TINY, withTinySettings } from './helpers';

const PATCH = join(repo, 'test/host/workspace/share-slab-caches.patch');

describe('export', function () {
  this.timeout(120_000);
  withTinySettings();
  const dir = mkdtempSync(join(tmpdir(), 'zsreview-export-'));
  after(async () => {
    (await api()).setSaveDialog(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('CSV, Markdown, JSON and plain text: the CLI\'s output for the same input, named after the subject', async () => {
    const z = await api();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(PATCH), vscode.ViewColumn.One);
    assert.equal((await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch')).status, 'done');
    const cli = (format: string) => execFileSync(process.execPath, [join(repo, 'dist/cli.js'), 'evaluate', PATCH, '--scenario', TINY, '--seeds', '2', '--kernel', '6.10', '--format', format], { encoding: 'utf8' });
    for (const [format, ext] of [['csv', 'csv'], ['markdown', 'md'], ['json', 'json'], ['text', 'txt']]) {
      let offered: vscode.Uri | undefined;
      z.setSaveDialog(async (options) => {
        offered = options.defaultUri;
        return vscode.Uri.file(join(dir, `out.${ext}`));
      });
      const written = await vscode.commands.executeCommand<vscode.Uri>('zsreview.exportReport', format);
      assert.equal(written?.fsPath, join(dir, `out.${ext}`));
      assert.equal(offered?.path.split('/').pop(), `mm-zsmalloc-one-pair-of-metadata-caches-for-all-pools.tiny-zswap.zsreview.${ext}`);
      const content = readFileSync(join(dir, `out.${ext}`), 'utf8');
      assert.equal(content, cli(format), format);
      assert.match(content, /419345d24f226a3c|"sha256"/, 'the input hash is in the file');
    }
  });

  it('cancelling the save dialog writes nothing', async () => {
    const z = await api();
    z.setSaveDialog(async () => undefined);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('zsreview.exportReport', 'csv');
    assert.equal(written, undefined);
    assert.ok(!existsSync(join(dir, 'cancelled.csv')));
  });
});
