// The project's rooms and manifest (DESIGN.md "Layout"): engine/ runs in Node, a worker and the
// CLI, so it must not reach for the editor or the browser; the manifest must stay installable
// in the VS Code the test host runs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { TOOL } from '../engine/version';
import { repoRoot } from './repoRoot';

const root = repoRoot();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

test('engine/ imports no vscode, nothing from extension/ or webview/, and uses no DOM globals', () => {
  const offenders: string[] = [];
  for (const file of sources(join(root, 'engine'))) {
    const text = readFileSync(file, 'utf8');
    const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    if (/from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(code)) offenders.push(`${relative(root, file)}: imports vscode`);
    if (/from\s+['"](\.\.\/)+(extension|webview)\//.test(code)) offenders.push(`${relative(root, file)}: imports extension/ or webview/`);
    if (/\b(document|window|HTMLElement|localStorage)\b\s*[.(]/.test(code)) offenders.push(`${relative(root, file)}: uses a DOM global`);
  }
  assert.deepEqual(offenders, []);
});

test('package.json: a VS Code manifest with the zsreview bin, the scripts the README names, and a version the reports print', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'zsreview');
  assert.equal(pkg.version, TOOL.version);
  assert.equal(pkg.bin.zsreview, 'dist/cli.js');
  assert.equal(pkg.main, './dist/extension.js');
  for (const script of ['build', 'typecheck', 'test', 'bench', 'start']) assert.ok(pkg.scripts[script], `script ${script}`);
  // @types/vscode must not be newer than the VS Code the manifest promises to run in.
  const engine = /^\^?(\d+)\.(\d+)/.exec(pkg.engines.vscode)!;
  const types = /^\^?(\d+)\.(\d+)/.exec(pkg.devDependencies['@types/vscode'])!;
  assert.ok(Number(types[1]) < Number(engine[1]) || (types[1] === engine[1] && Number(types[2]) <= Number(engine[2])), '@types/vscode is newer than engines.vscode');
  for (const cmd of pkg.contributes.commands) assert.match(cmd.command, /^zsreview\./);
});

test('.vscodeignore ships only the bundles, the manifest, README (and its screenshots), LICENSE and the samples the extension reads', () => {
  const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter(Boolean);
  assert.equal(lines[0], '**');
  // No source maps, sources, tests or node_modules: the bundles carry their dependencies.
  assert.deepEqual(lines.slice(1).sort(), ['!LICENSE', '!README.md', '!dist/*.css', '!dist/evaluateWorker.js', '!dist/extension.js', '!dist/webview.js', '!dist/worker.js', '!docs/*.png', '!package.json', '!samples/patches/**', '!samples/scenarios/*.yaml', '!samples/traces/*.trace']);
});

test('the VS Code test workspace holds the very sample patch and seed patch the unit tests read', () => {
  for (const [copy, original] of [['test/host/workspace/share-slab-caches.patch', 'samples/patches/share-slab-caches.patch'], ['test/host/workspace/01-zsmalloc-share-slab-caches-v1.patch', 'test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch']]) {
    assert.equal(readFileSync(join(root, copy), 'utf8'), readFileSync(join(root, original), 'utf8'), copy);
  }
  // The markup test patch is the sample with only its subject changed.
  const markup = readFileSync(join(root, 'test/host/workspace/markup-in-subject.patch'), 'utf8').split('\n');
  const sample = readFileSync(join(root, 'samples/patches/share-slab-caches.patch'), 'utf8').split('\n');
  assert.deepEqual(markup.filter((l, i) => l !== sample[i]), ['Subject: [PATCH] <img src=x onerror=alert(1)> mm: zsmalloc: <b>bold</b>']);
});
