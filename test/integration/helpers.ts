// What the integration suites share: the extension's API, the settings they run with (the tiny
// scenario, 2 seeds: seconds, not minutes), and a throwaway kernel git tree with a patch applied.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'mocha';
import * as vscode from 'vscode';
import type { ZsreviewApi } from '../../extension/extension';

export const repo = resolve(__dirname, '../..'); // the bundles are out/itest/*.js
export const TINY = join(repo, 'test/fixtures/scenarios/tiny-zswap.yaml');

export async function api(): Promise<ZsreviewApi> {
  const ext = vscode.extensions.getExtension<ZsreviewApi>('zsreview.zsreview');
  assert.ok(ext);
  return ext.activate();
}

export const settings = () => vscode.workspace.getConfiguration('zsreview');

/** Hooks for a suite: the tiny scenario with 2 seeds while it runs; afterwards `also` reset too and every editor closed. */
export function withTinySettings(also: string[] = []): void {
  before(async () => {
    await settings().update('scenarios', [TINY], vscode.ConfigurationTarget.Global);
    await settings().update('seeds', 2, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const k of ['scenarios', 'seeds', ...also]) await settings().update(k, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('zsreview.clearAnnotations');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}

/**
 * A tiny "kernel tree" in a temporary folder: mm/zsmalloc.c holds the lines `patch` changes (its
 * hunks' pre-image), committed; then the patch is applied to the working tree with git apply.
 */
export function kernelTreeWith(patch: string): string {
  const tree = mkdtempSync(join(tmpdir(), 'zsreview-kernel-'));
  mkdirSync(join(tree, 'mm'));
  const hunkLines = readFileSync(patch, 'utf8').split('\n').filter((_, i, all) => all.slice(0, i).some((l) => l.startsWith('@@')));
  const preImage = hunkLines.filter((l) => !l.startsWith('@@') && !l.startsWith('+') && !l.startsWith('--')).map((l) => l.slice(1));
  writeFileSync(join(tree, 'mm/zsmalloc.c'), preImage.join('\n') + '\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: tree });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  git('apply', patch);
  return tree;
}
