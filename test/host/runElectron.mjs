// The integration tests (out/itest/index.js) in a desktop VS Code, for people who have one:
//   npm run test:electron -- /path/to/code     (or VSCODE_EXECUTABLE=/path/to/code)
// @vscode/test-electron would otherwise download VS Code, which the CI machine cannot, so the
// executable is required. Not run in CI (there is no desktop VS Code there): CI uses code-server.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || process.argv[2];
if (!vscodeExecutablePath) { console.error('usage: npm run test:electron -- /path/to/code (or VSCODE_EXECUTABLE)'); process.exit(2); }
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await runTests({ vscodeExecutablePath, extensionDevelopmentPath: repo, extensionTestsPath: resolve(repo, 'out/itest/index.js'),
    launchArgs: [resolve(repo, 'test/host/workspace'), '--disable-extensions', '--disable-workspace-trust'] });
} catch (e) {
  console.error(`integration tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
