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

  it('Save Chart from the palette: the panel draws it, the save dialog names it, PNG sized as drawn, SVG with text, both with the reproduce line', async () => {
    const z = await api();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(PATCH), vscode.ViewColumn.One);
    assert.equal((await vscode.commands.executeCommand<EvaluateStatus>('zsreview.evaluatePatch')).status, 'done');
    for (const format of ['png', 'svg']) {
      const file = join(dir, `chart.${format}`);
      let offered = '';
      z.setSaveDialog(async (options) => {
        offered = options.defaultUri?.path.split('/').pop() ?? '';
        return vscode.Uri.file(file);
      });
      await vscode.commands.executeCommand('zsreview.saveChart', 'tiny-zswap/metric/slab.unused_bytes', format);
      for (let i = 0; !existsSync(file); i++) {
        if (i === 200) throw new Error(`no ${format} saved`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(offered, `mm-zsmalloc-one-pair-of-metadata-caches-for-all-pools.tiny-zswap.tiny-zswap-metric-slab.unused_bytes.zsreview.${format}`);
      const bytes = readFileSync(file);
      if (format === 'png') {
        assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
        assert.ok(bytes.readUInt32BE(16) > 100 && bytes.readUInt32BE(20) > 50, `${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)}`);
        assert.match(bytes.toString('latin1'), /tEXtComment\0zsreview 0\.1\.0 evaluate .* · input sha256 [0-9a-f]{64}/);
      } else {
        const svg = bytes.toString('utf8');
        assert.match(svg, /^(<\?xml[^>]*>\s*)?<svg\b[^>]*><desc>zsreview 0\.1\.0 evaluate [^<]* · input sha256 [0-9a-f]{64}<\/desc>/);
        assert.match(svg, /<text\b[^>]*>[^<]*KiB/);
        assert.equal((svg.match(/<svg\b/g) ?? []).length, (svg.match(/<\/svg>/g) ?? []).length, 'balanced');
      }
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
