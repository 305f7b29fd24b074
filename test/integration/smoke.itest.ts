// Smoke test in the real extension host: the extension under development (this repository, which
// overrides an installed VSIX of the same id) is found, activates, and registers its command.
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'zsreview.zsreview'; // package.json publisher.name
const repo = resolve(__dirname, '../..'); // this bundle is out/itest/smoke.itest.js

async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} not found`);
  await ext.activate();
  return ext;
}

describe('zsreview in a real VS Code extension host', () => {
  it('is loaded from this checkout and activates', async () => {
    const ext = await activated();
    assert.equal(ext.isActive, true);
    assert.equal(realpathSync(ext.extensionPath), realpathSync(repo), 'not the extension under development');
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, extension at ${ext.extensionPath})`);
  });

  it('registers zsreview.showClasses', async () => {
    await activated();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('zsreview.showClasses'), 'zsreview.showClasses is not registered');
  });
});
