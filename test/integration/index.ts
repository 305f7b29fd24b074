// Loaded by the VS Code extension host as extensionTestsPath (test/host/runIntegration.mjs, or
// test/host/runElectron.mjs with a desktop VS Code). It must export run(): the extension host
// exits 0 when the promise resolves and 1 when it rejects.
// esbuild --itest bundles every test/integration/*.ts to out/itest/*.js; this runs each
// *.itest.js bundle (not *.test.ts, which the unit-test build would take into `npm test`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.itest.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.itest.js in ${__dirname}`));
  for (const f of files) mocha.addFile(join(__dirname, f));
  console.log(`integration tests start: ${files.join(' ')}`); // runIntegration.mjs waits for this line
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const total = mocha.suite.total();
      console.log(`${total - failures} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
