// Runs the mocha integration tests (out/itest/index.js) inside the real extension host of the
// running code-server (start-host.sh), with this repository as the extension under development.
// The web workbench reads extensionDevelopmentPath/extensionTestsPath from its `payload` URL
// parameter (only when the server runs with enable-smoke-test-driver); when the tests' run()
// settles, the workbench calls window.codeAutomationExit(code) and logs go to codeAutomationLog.
// Exit status: the tests' (0 pass, 1 fail); 124 if they did not start within 60 s (nothing else
// reports that) or did not finish within TEST_TIMEOUT_S.
// env: VSCODE_HOST_PORT, ZSREVIEW_TEST_WORKSPACE (folder to open; default test/host/workspace),
//      TEST_TIMEOUT_S (default 600), VERBOSE=1 (also the workbench's own log lines)
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { hostUrl, launch } from './browser.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tests = resolve(repo, 'out/itest/index.js');
const workspace = resolve(process.env.ZSREVIEW_TEST_WORKSPACE ?? resolve(repo, 'test/host/workspace'));
const timeoutMs = Number(process.env.TEST_TIMEOUT_S ?? 600) * 1000;
const startTimeoutMs = Math.min(60_000, timeoutMs);
mkdirSync(workspace, { recursive: true });

// Server paths are vscode-remote://<page host>/<abs path>: the client puts location.host where
// the HTML config says "remote", and any other authority is silently not found.
const remote = (p) => `vscode-remote://${new URL(hostUrl).host}${p}`;
const payload = [['extensionDevelopmentPath', remote(repo)], ['extensionTestsPath', remote(tests)]];
const url = `${hostUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

// Workbench chatter that arrives through the same log channel as the tests' output.
const noise = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional|\[AgentHost|\[AccountPolicyGate\]|\[Service Worker\]|\[reconnection-grace-time\]|Updating additional builtin)/;
const { ctx, page } = await launch();
let code = 1;
try {
  let onExit, started = false;
  const exited = new Promise((res) => { onExit = res; });
  await page.exposeFunction('codeAutomationExit', (c) => onExit(Number(c)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // printf-style arguments (mocha's '  %d passing (%s)'), with ANSI colours
    const text = format(...(Array.isArray(args) ? args : [args])).replace(/\x1b\[[0-9;]*m/g, '');
    if (text.startsWith('integration tests start:')) started = true; // test/integration/index.ts
    if (process.env.VERBOSE || !noise.test(text)) (type === 'error' ? console.error : console.log)(text);
  });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  console.log(`integration: ${hostUrl}, extension ${repo}, workspace ${workspace}`);
  await page.goto(url);
  let timer, startTimer;
  const timedOut = new Promise((res) => {
    timer = setTimeout(() => res(`the tests did not finish within ${timeoutMs / 1000}s`), timeoutMs);
    startTimer = setTimeout(() => started || res(`the tests did not start within ${startTimeoutMs / 1000}s (host started without enable-smoke-test-driver? see VERBOSE=1)`), startTimeoutMs);
  });
  const r = await Promise.race([exited, timedOut]);
  clearTimeout(timer); clearTimeout(startTimer);
  if (typeof r === 'string') {
    console.log(`integration: ${r}`);
    code = 124;
  } else {
    code = r;
    console.log(`integration: extension host exit code ${code}`);
  }
} finally {
  await ctx.close();
}
process.exit(code);
