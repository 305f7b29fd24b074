// Helpers that drive the code-server workbench (VS Code 1.139) in Chromium, for test/e2e steps.
// The selectors are VS Code internals: one more reason the host's version is pinned (env.sh).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostRunDir, hostUrl } from '../host/browser.mjs';

export const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  editorLines: '.monaco-editor .view-lines',
  paletteInput: '.quick-input-widget input',
  paletteRow: '.quick-input-list .monaco-list-row',
  webviewOuter: 'iframe.webview.ready', // the workbench's frame around every webview
  webviewInner: 'iframe#active-frame', // the extension's HTML
};

/** Screenshots go here (relative to the working directory, which npm sets to the repo). */
export const outDir = process.env.E2E_OUT_DIR ?? 'out/e2e';

/** Loads the workbench on `folder` (absolute path on the host) and waits for its explorer. */
export async function openWorkbench(page, folder) {
  await page.goto(`${hostUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator(SEL.workbench).waitFor({ timeout: 60_000 });
  await page.locator(SEL.explorerRow).first().waitFor({ timeout: 60_000 });
}

/** Opens a file of the workspace's top level by clicking its explorer row; waits for its editor tab. */
export async function openFromExplorer(page, name) {
  await page.locator(SEL.explorerRow, { hasText: name }).first().click();
  await page.locator(SEL.activeTab, { hasText: name }).waitFor({ timeout: 30_000 });
  await page.locator(SEL.editorLines).first().waitFor({ timeout: 30_000 });
}

/** Labels the command palette shows for `query` (F1, `>query`), closing it again. Until one label
 *  contains the query it retries for `timeoutMs`: extension commands appear only once the
 *  extension host has started, seconds after the workbench shows. */
export async function paletteItems(page, query, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await page.locator(SEL.paletteInput).fill(`>${query}`);
    await page.locator(SEL.paletteRow).first().waitFor({ timeout: 10_000 }).catch(() => {});
    const labels = await page.locator(`${SEL.paletteRow} .label-name`).allInnerTexts();
    await page.keyboard.press('Escape');
    if (labels.some((l) => l.toLowerCase().includes(query.toLowerCase())) || Date.now() > end) return labels;
    await page.waitForTimeout(1000);
  }
}

/** Runs a command from the palette by its title as shown there, e.g. 'zsreview: Show zsmalloc Size Classes'. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator(SEL.paletteInput).fill(`>${title}`);
  await pickRow(page, title);
}

/** Accepts the open quick pick's row that contains `text`: Enter if it has the focus (the best
 *  match usually has), else a click, so a better-ranked neighbour never runs instead. */
async function pickRow(page, text) {
  const row = page.locator(SEL.paletteRow, { hasText: text }).first();
  await row.waitFor({ timeout: 10_000 });
  if (((await page.locator(`${SEL.paletteRow}.focused`).first().textContent().catch(() => '')) ?? '').includes(text)) await page.keyboard.press('Enter');
  else await row.click();
}

/** The extension's webview document (a FrameLocator): outer workbench frame, then #active-frame.
 *  `index` picks among several webviews in DOM order (default: the last one created). */
export function webviewFrame(page, index = -1) {
  const outer = page.locator(SEL.webviewOuter);
  return (index < 0 ? outer.last() : outer.nth(index)).contentFrame().locator(SEL.webviewInner).contentFrame();
}

/** Sets workbench.colorTheme with the workbench's own theme picker (palette 'Preferences: Color
 *  Theme', then the theme's label), which writes the user settings, and waits for the workbench to
 *  show it. (Editing settings.json on disk does not work: code-server's workbench did not notice
 *  the change within 40 s.) `kind` is the theme's base class. VS Code 1.139's labels: 'Light 2026'
 *  (the default), 'Light Modern', 'Light+' → 'vs'; 'Dark 2026', 'Dark Modern', 'Dark+' → 'vs-dark';
 *  'Dark High Contrast' → 'hc-black'; 'Light High Contrast' → 'hc-light'. */
export async function setColorTheme(page, label, kind) {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator(SEL.paletteInput).fill(label);
  await pickRow(page, label);
  await page.locator(`${SEL.workbench}.${kind}`).waitFor({ timeout: 15_000 });
}

/** The host's user settings (start-host.sh's settings.json, as the workbench has since written it).
 *  Retries a read that caught the workbench half-way through writing the file. */
export async function userSettings() {
  for (let i = 0; ; i++) {
    try {
      return JSON.parse(readFileSync(join(hostRunDir, 'ud/User/settings.json'), 'utf8'));
    } catch (e) {
      if (i === 20) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A full-window PNG in outDir; returns its path. */
export async function screenshot(page, name) {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
