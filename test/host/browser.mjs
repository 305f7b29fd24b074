// Debian's Chromium driven by playwright-core, which downloads no browser of its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// The same defaults as test/host/env.sh, which start-host.sh uses.
const port = process.env.VSCODE_HOST_PORT || '18080';
/** The test host's base URL (loopback only). */
export const hostUrl = `http://127.0.0.1:${port}`;
/** start-host.sh's run directory; the user settings are ud/User/settings.json in it. */
export const hostRunDir = process.env.VSCODE_HOST_RUN_DIR || join(process.env.TMPDIR || '/tmp', `zsreview-vscode-host-${port}`);

/** A headless Chromium with a fresh profile; returns the context (close it) and its first page. */
export async function launch() {
  // Playwright refuses --user-data-dir in args: a fresh profile goes through launchPersistentContext.
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'zsreview-chromium-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 900 },
    // No background traffic to Google services: the CI machine reaches only loopback and the
    // package archives, and the e2e run fails on any request that leaves loopback.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page };
}
