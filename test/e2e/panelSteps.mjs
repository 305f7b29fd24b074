// End-to-end steps for the results panel: "zsreview: Evaluate Patch" from the palette on the open
// seed-shaped patch, the panel beside it, its numbers (table and chart.js's own data), reveal of
// an evidence line, and screenshots in light, dark and high-contrast themes.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEL, runCommand, screenshot, setColorTheme, webviewFrame } from './workbench.mjs';

const workspaceDir = resolve(process.env.ZSREVIEW_TEST_WORKSPACE ?? resolve(dirname(fileURLToPath(import.meta.url)), '../host/workspace'));
const SUBJECT = 'mm: zsmalloc: one pair of metadata caches for all pools';
const SCENARIO = 'zswap-churn';

/** The panel's document once it has rendered a model. */
async function panel(page) {
  const frame = webviewFrame(page);
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: 180_000 });
  return frame;
}

/** Opens a workspace file with Quick Open (Ctrl+P) in the active editor group. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator(SEL.paletteInput).fill(name);
  await page.locator(SEL.paletteRow, { hasText: name }).first().click();
  await page.locator(SEL.activeTab, { hasText: name }).waitFor({ timeout: 10_000 });
}

/** Export files are named after the subject. */
const BASE = 'mm-zsmalloc-one-pair-of-metadata-caches-for-all-pools';
const CHART = `figure:has([data-chart-id="${SCENARIO}/metric/slab.unused_bytes"])`;

/**
 * Clicks `button` in the panel, accepts the host's save dialog as offered (it must offer
 * `name`), and returns the file written into the workspace (then deleted).
 */
async function saveFromPanel(page, button, name) {
  const file = join(workspaceDir, name);
  rmSync(file, { force: true });
  await (await panel(page)).locator(button).click();
  await page.waitForFunction((n) => document.querySelector('.quick-input-widget input')?.value.endsWith(n), name, { timeout: 15_000 });
  await page.locator(SEL.paletteInput).press('Enter');
  for (let i = 0; !existsSync(file); i++) {
    if (i === 100) throw new Error(`${file} was not written`);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(200); // let the write finish
  const bytes = readFileSync(file);
  rmSync(file);
  return bytes;
}

/** Text of one cell of a scenario's comparison table. */
const cell = (frame, metric, column) => frame.locator(`table.comparison[data-scenario="${SCENARIO}"] tr[data-metric="${metric}"] td.${column}`).innerText();

/** Waits for the webview to follow the workbench's theme (its body class), then screenshots. */
async function themed(page, label, kind, bodyClass, shot) {
  await setColorTheme(page, label, kind);
  const frame = await panel(page);
  await frame.locator(`body.${bodyClass}`).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500); // charts restyle on the class change
  return screenshot(page, shot);
}

export const panelSteps = [
  { name: 'zsreview: Evaluate Patch from the palette (F1) opens the panel beside the patch', run: async (page) => {
    await runCommand(page, 'zsreview: Evaluate Patch');
    await page.locator('.tabs-container .tab', { hasText: `zsreview: ${SUBJECT}` }).waitFor({ timeout: 180_000 });
    await panel(page);
    const groups = await page.locator('.editor-group-container').count();
    if (groups < 2) throw new Error(`the panel is not beside the patch (${groups} editor group)`);
  } },
  { name: 'the patch carries the lenses: the finding with its headline delta, on its hunks', run: async (page) => {
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'shared slab caches ·' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const text = await lens.innerText();
    if (!/shared slab caches · slab\.\w+ [-+]\d+\.\d% \(p[<=][\d.]+\) · \S+ · open chart/.test(text)) throw new Error(`lens: ${text}`);
    return text;
  } },
  { name: 'the comparison table and the chart show the shared caches: slab.caches 64 → 2', run: async (page) => {
    const frame = await panel(page);
    const [before, after, change] = await Promise.all(['before', 'after', 'change'].map((c) => cell(frame, 'slab.caches', c)));
    if (!/^64 ± 0/.test(before) || !/^2 ± 0/.test(after) || !/^-96\.9%/.test(change)) throw new Error(`table row slab.caches: ${before} | ${after} | ${change}`);
    const data = await frame.locator('body').evaluate((_, id) => window.zsreviewChartData(id), `${SCENARIO}/metric/slab.caches`);
    const values = data?.datasets.map((d) => d.data.map((v) => (typeof v === 'object' && v ? v.y : v)));
    if (JSON.stringify(values) !== '[[64],[2]]') throw new Error(`chart.js data of ${SCENARIO}/metric/slab.caches: ${JSON.stringify(data)}`);
    const unused = await cell(frame, 'slab.unused_bytes', 'before');
    // The report's fidelity note for the metric: its kind in the cell, the statement as the tooltip.
    const fidelity = frame.locator(`table.comparison[data-scenario="${SCENARIO}"] tr[data-metric="slab.unused_bytes"] td.fidelity`);
    const [kind, title] = [await fidelity.innerText(), await fidelity.getAttribute('title')];
    if (kind !== 'exact' || !/^exact, as Linux 6\.1, 6\.12 in \d+ of \d+ reference snapshots$/.test(title ?? '')) throw new Error(`fidelity cell of slab.unused_bytes: ${kind} | ${title}`);
    return `slab.caches ${before} → ${after} (${change}); slab.unused_bytes before ${unused}, vs kernel: ${title}`;
  } },
  { name: 'a finding\'s line link reveals that line of the patch', run: async (page) => {
    const frame = await panel(page);
    const link = frame.locator('button[data-doc-line]').first();
    const line = Number(await link.getAttribute('data-doc-line'));
    await link.click();
    // The patch editor's cursor line (its line number is marked active), whatever has the focus.
    await page.locator('.monaco-editor .line-numbers.active-line-number', { hasText: new RegExp(`^${line}$`) }).first().waitFor({ timeout: 10_000 });
    return `line ${line}`;
  } },
  { name: 'screenshots of the panel in light, dark and high-contrast themes', run: async (page) => {
    // More room for the panel, scrolled to one scenario's table and first charts.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    const frame = await panel(page);
    await frame.locator(`table.comparison[data-scenario="${SCENARIO}"]`).evaluate((t) => t.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    const shots = [await screenshot(page, '3-panel-light')];
    shots.push(await themed(page, 'Dark 2026', 'vs-dark', 'vscode-dark', '4-panel-dark'));
    shots.push(await themed(page, 'Dark High Contrast', 'hc-black', 'vscode-high-contrast', '5-panel-high-contrast'));
    await setColorTheme(page, 'Light 2026', 'vs');
    return shots.join(' ');
  } },
  { name: 'the panel re-runs from its own controls: one scenario, 2 seeds', run: async (page) => {
    const frame = await panel(page);
    for (const box of await frame.locator('input[name="scenario"]').all()) {
      if ((await box.isChecked()) !== ((await box.getAttribute('value')) === SCENARIO)) await box.click();
    }
    await frame.locator('#seeds').fill('2');
    await frame.locator('#rerun').click();
    await frame.locator('table.comparison').nth(1).waitFor({ state: 'detached', timeout: 120_000 });
    await frame.locator(`table.comparison[data-scenario="${SCENARIO}"] caption`, { hasText: 'over 2 seeds' }).waitFor({ timeout: 120_000 });
    return `${await frame.locator('table.comparison').count()} scenario table, ${await frame.locator(`table.comparison[data-scenario="${SCENARIO}"] caption`).innerText()}`;
  } },
  { name: 'the panel\'s CSV button saves through the host\'s save dialog (accepted as offered)', run: async (page) => {
    const csv = (await saveFromPanel(page, 'button[data-export="csv"]', `${BASE}.${SCENARIO}.zsreview.csv`)).toString('utf8');
    if (!csv.startsWith('patch,scenario,metric,') || !/\n# reproduce: zsreview .* \(input sha256 [0-9a-f]{64}\)\n$/.test(csv)) throw new Error(`csv: ${csv.slice(0, 200)}`);
    return `${csv.trim().split('\n').length} lines`;
  } },
  { name: 'a chart\'s Save PNG writes the chart as drawn, with the reproduce line in its PNG text', run: async (page) => {
    const png = await saveFromPanel(page, `${CHART} button[data-save-chart="png"]`, `${BASE}.${SCENARIO}.${SCENARIO}-metric-slab.unused_bytes.zsreview.png`);
    const text = png.toString('latin1');
    if (!text.startsWith('\x89PNG') || !/tEXtComment\0zsreview 0\.1\.0 evaluate .* · input sha256 [0-9a-f]{64}/.test(text)) throw new Error(`not a tagged PNG (${png.length} bytes)`);
    return `${png.length} bytes, ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`;
  } },
  { name: 'a chart\'s Save SVG writes an SVG that parses, with its text as text and the reproduce line in <desc>', run: async (page) => {
    const svg = (await saveFromPanel(page, `${CHART} button[data-save-chart="svg"]`, `${BASE}.${SCENARIO}.${SCENARIO}-metric-slab.unused_bytes.zsreview.svg`)).toString('utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: root.nodeName, desc: root.querySelector('desc')?.textContent ?? '', text: [...root.querySelectorAll('text')].map((t) => t.textContent).join(' ') };
    }, svg);
    if (parsed.error || parsed.root !== 'svg') throw new Error(`does not parse: ${parsed.error ?? parsed.root}`);
    if (!/^zsreview 0\.1\.0 evaluate .* · input sha256 [0-9a-f]{64}$/.test(parsed.desc)) throw new Error(`desc: ${parsed.desc}`);
    if (!/before/.test(parsed.text) || !/KiB/.test(parsed.text)) throw new Error(`text: ${parsed.text.slice(0, 200)}`);
    return `${svg.length} characters, text: ${parsed.text.slice(0, 60)}…`;
  } },
  { name: 'hidden behind another editor and shown again, the panel shows the same numbers', run: async (page) => {
    const tab = page.locator('.tabs-container .tab', { hasText: `zsreview: ${SUBJECT}` });
    await tab.click();
    await quickOpen(page, '01-zsmalloc-share-slab-caches-v1.patch');
    await tab.click();
    const frame = await panel(page);
    const before = await cell(frame, 'slab.caches', 'before');
    if (!/^64 ± 0/.test(before) || (await frame.locator('table.comparison').count()) !== 1) throw new Error(`after showing again: slab.caches ${before}, ${await frame.locator('table.comparison').count()} tables`);
  } },
  { name: 'after a window reload the panel comes back from its saved state', run: async (page) => {
    await page.reload();
    await page.locator(SEL.workbench).waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: `zsreview: ${SUBJECT}` }).click({ timeout: 60_000 });
    const frame = await panel(page);
    const [before, after] = await Promise.all(['before', 'after'].map((c) => cell(frame, 'slab.caches', c)));
    if (!/^64 ± 0/.test(before) || !/^2 ± 0/.test(after)) throw new Error(`restored table: ${before} → ${after}`);
    await frame.locator(`table.comparison[data-scenario="${SCENARIO}"] caption`, { hasText: 'over 2 seeds' }).waitFor({ timeout: 5_000 });
    return `slab.caches ${before} → ${after}`;
  } },
  { name: 'markup in a subject shows as text in the tab and the panel, and runs nothing', run: async (page) => {
    const subject = '<img src=x onerror=alert(1)> mm: zsmalloc: <b>bold</b>';
    await quickOpen(page, 'markup-in-subject.patch');
    await page.locator(SEL.editorLines, { hasText: 'onerror' }).first().waitFor({ timeout: 10_000 });
    await runCommand(page, 'zsreview: Evaluate Patch');
    await page.locator('.tabs-container .tab', { hasText: `zsreview: ${subject}` }).waitFor({ timeout: 180_000 });
    const frame = await panel(page);
    await frame.locator('#title', { hasText: subject }).waitFor({ timeout: 180_000 });
    const injected = await frame.locator('body').evaluate(() => document.querySelectorAll('img, b, [onerror]').length);
    if (injected) throw new Error(`${injected} elements made from the subject's markup`);
  } },
];
