// End-to-end run: drives the workbench of a host already started with the packaged extension
//   bash test/host/start-host.sh --install-vsix dist/zsreview.vsix && node test/e2e/run.mjs
// Steps run in order; once one fails the rest are reported failed without running (they build
// on it), except those marked `always`. Prints `N passed, M failed`; exit 1 on any failure.
// Screenshots land in out/e2e/. env: VSCODE_HOST_PORT, ZSREVIEW_TEST_WORKSPACE, E2E_OUT_DIR.
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../host/browser.mjs';
import { panelSteps } from './panelSteps.mjs';
import { SEL, openFromExplorer, openWorkbench, outDir, paletteItems, screenshot, setColorTheme, userSettings } from './workbench.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = resolve(process.env.ZSREVIEW_TEST_WORKSPACE ?? resolve(repo, 'test/host/workspace'));
const PATCH = 'share-slab-caches.patch';

// Every response that did not come from loopback. The webview's
// https://*.vscode-resource.vscode-cdn.net URLs are answered by the webview's service worker from
// the extension host (fromServiceWorker() is true): they never leave the machine, so they pass.
const offLoopback = new Set();
const viaServiceWorker = new Set();
const isLoopback = (u) => { const url = new URL(u);
  return !/^(https?|wss?):$/.test(url.protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname); };

/** @type {{ name: string, always?: boolean, run: (page: import('playwright-core').Page) => Promise<string | void> }[]} */
const steps = [
  { name: 'the workbench opens the test workspace', run: async (page) => {
    await openWorkbench(page, workspace);
    await page.locator(SEL.explorerRow, { hasText: PATCH }).waitFor({ timeout: 30_000 });
  } },
  { name: 'the installed VSIX contributes its commands to the palette', run: async (page) => {
    const labels = await paletteItems(page, 'zsreview:');
    if (!labels.some((l) => l.startsWith('zsreview:'))) throw new Error(`no zsreview command in the palette (${JSON.stringify(labels)}); was the host started with --install-vsix?`);
    return labels.join(', ');
  } },
  { name: `${PATCH} opens from the explorer`, run: async (page) => {
    await openFromExplorer(page, PATCH);
    await page.locator(SEL.editorLines, { hasText: 'Subject: [PATCH] mm: zsmalloc' }).waitFor({ timeout: 10_000 });
    return await screenshot(page, '1-patch-open');
  } },
  { name: 'the colour theme switches through settings', run: async (page) => {
    // the host starts in the default light theme (test/host/settings.json sets none): dark, then back
    await setColorTheme(page, 'Dark 2026', 'vs-dark');
    const shot = await screenshot(page, '2-patch-open-dark');
    // the workbench writes the setting a moment later (and drops it again at the default theme)
    for (let i = 0, saved; (saved = (await userSettings())['workbench.colorTheme']) !== 'Dark 2026'; i++) {
      if (i === 50) throw new Error(`user settings say workbench.colorTheme ${JSON.stringify(saved)}`);
      await page.waitForTimeout(100);
    }
    await setColorTheme(page, 'Light 2026', 'vs');
    return shot;
  } },
  ...panelSteps,
  { name: 'no response came from off loopback', always: true, run: async () => {
    if (offLoopback.size) throw new Error([...offLoopback].join(' '));
    return viaServiceWorker.size ? `served by the webview service worker: ${[...viaServiceWorker].join(' ')}` : undefined;
  } },
];

rmSync(outDir, { recursive: true, force: true }); // no screenshot of an earlier run left to mislead
const t0 = Date.now();
const { ctx, page } = await launch();
ctx.on('response', (r) => { if (!isLoopback(r.url())) (r.fromServiceWorker() ? viaServiceWorker : offLoopback).add(new URL(r.url()).origin); });
ctx.on('requestfailed', (r) => { if (!isLoopback(r.url())) offLoopback.add(`${new URL(r.url()).origin} (failed: ${r.failure()?.errorText})`); });
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
let passed = 0, failed = 0;
try {
  for (const step of steps) {
    const at = `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
    if (failed && !step.always) { failed++; console.log(`FAIL ${step.name} (not run: an earlier step failed)`); continue; }
    try {
      const detail = await step.run(page);
      passed++; console.log(`ok   ${step.name} [${at}]${detail ? ` ${detail}` : ''}`);
    } catch (e) {
      failed++; console.log(`FAIL ${step.name} [${at}] ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      await screenshot(page, `failed-step-${passed + failed}`).then((p) => console.log(`     screenshot: ${p}`), () => {});
    }
  }
} finally {
  await ctx.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
