// One build script for every runtime (the vscode-hexeditor layout):
//   node esbuild.mjs               extension (node, cjs), engine workers (node), webview (browser), cli (node)
//   node esbuild.mjs --production  the same, minified, no source maps (vscode:prepublish)
//   node esbuild.mjs --tests       every engine/**/*.test.ts and test/**/*.test.ts → out/test/*.test.mjs
//   node esbuild.mjs --bench       bench/*.ts → out/bench/*.mjs
//   node esbuild.mjs --scripts     scripts/*.ts → out/scripts/*.mjs (npm run fidelity)
//   node esbuild.mjs --itest       test/integration/*.ts → out/itest/*.js (run in the VS Code extension host)
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const prod = args.has('--production');
const common = { bundle: true, sourcemap: !prod, minify: prod, logLevel: 'warning', target: 'node20' };

/** Files under `dir` whose name ends with `suffix`, skipping node_modules. */
function findFiles(dir, suffix) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findFiles(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

// Tests and benchmarks run straight from out/ and load their npm dependencies at run time.
const nodeEsm = { ...common, platform: 'node', format: 'esm', outExtension: { '.js': '.mjs' }, packages: 'external' };

if (args.has('--tests')) {
  const entryPoints = [...findFiles('engine', '.test.ts'), ...findFiles('test', '.test.ts')];
  rmSync('out/test', { recursive: true, force: true }); // a deleted test must not run from a stale build
  await Promise.all([
    esbuild.build({ ...nodeEsm, entryPoints, outdir: 'out/test', outbase: '.' }),
    // The worker-pool test starts real worker threads on this bundle.
    esbuild.build({ ...common, entryPoints: ['engine/worker.ts'], outfile: 'out/test/worker.js', platform: 'node', format: 'cjs' }),
    esbuild.build({ ...common, entryPoints: ['engine/evaluateWorker.ts'], outfile: 'out/test/evaluateWorker.js', platform: 'node', format: 'cjs' }),
  ]);
} else if (args.has('--itest')) {
  // Loaded by the extension host with require(): cjs; vscode is the host's, and mocha must be the
  // one instance that index.js runs and the *.itest.js files take describe/it from.
  const entryPoints = readdirSync('test/integration').filter((f) => f.endsWith('.ts')).map((f) => join('test/integration', f));
  rmSync('out/itest', { recursive: true, force: true }); // a deleted test must not run from a stale build
  await esbuild.build({ ...common, entryPoints, outdir: 'out/itest', platform: 'node', format: 'cjs', external: ['vscode', 'mocha'] });
} else if (args.has('--scripts')) {
  await esbuild.build({ ...nodeEsm, entryPoints: findFiles('scripts', '.ts'), outdir: 'out/scripts', sourcemap: false });
} else if (args.has('--bench')) {
  await esbuild.build({ ...nodeEsm, entryPoints: findFiles('bench', '.ts'), outdir: 'out/bench', sourcemap: false });
} else {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['engine/worker.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs' }),
    esbuild.build({ ...common, entryPoints: ['engine/evaluateWorker.ts'], outfile: 'dist/evaluateWorker.js', platform: 'node', format: 'cjs' }),
    esbuild.build({ ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' }),
    // @napi-rs/canvas is a native module (its per-platform binary comes as an npm dependency): loaded at run time, never bundled.
    esbuild.build({ ...common, entryPoints: ['engine/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, external: ['@napi-rs/canvas'] }),
  ]);
}
