// Evaluation configs (variants named directly) and kernel .config files as the base.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../engine/cli';
import { readEvaluateConfig } from '../engine/config/evaluateConfig';
import { readKernelConfig } from '../engine/config/kernelConfig';
import type { InputError } from '../engine/inputError';
import { inputErrorOf } from './inputErrorOf';
import { repoRoot } from './repoRoot';

process.chdir(repoRoot());
const scratch = mkdtempSync(join(tmpdir(), 'zsreview-config-'));

function errorOf(yaml: string): InputError {
  const file = join(scratch, 'c.yaml');
  writeFileSync(file, yaml);
  return inputErrorOf(() => readEvaluateConfig(yaml, file));
}

describe('kernel .config', () => {
  test('the version header picks the preset, page size, word size and chain size come from the options', () => {
    const c = readKernelConfig(readFileSync('test/fixtures/configs/arm64-16k.config', 'utf8'), 'arm64-16k.config');
    assert.deepEqual([c.params.version, c.params.pageSize, c.params.wordBits, c.params.chainSize], ['6.6', 16384, 64, 16]);
    assert.match(c.notes.join('; '), /kernel 6\.8 → preset 6\.6 \(line 3\).*CONFIG_ARM64_16K_PAGES=y \(line 7\).*CONFIG_ZSMALLOC_CHAIN_SIZE=16 \(line 9\)/);
  });
  test('impossible values and files that are no .config are refused with their line', () => {
    assert.throws(() => readKernelConfig('# Linux/x86 6.12.0 Kernel Configuration\nCONFIG_64BIT=y\nCONFIG_ZSMALLOC_CHAIN_SIZE=0\n', 'k'), /k:3: CONFIG_ZSMALLOC_CHAIN_SIZE=0 is outside 4\.\.16/);
    assert.throws(() => readKernelConfig('hello\n', 'k'), /k:1: is not a kernel \.config/);
  });
});

describe('evaluation config', () => {
  test('the variants are the knobs it names, on the .config base; the line of each value is the evidence', () => {
    const c = readEvaluateConfig(readFileSync('test/fixtures/configs/chain-16.yaml', 'utf8'), 'test/fixtures/configs/chain-16.yaml');
    assert.deepEqual(c.findings.map((f) => [f.knob, f.before, f.after, f.evidence[0].docLine]), [['chainSize', 16, 8, 4]]);
    assert.equal(c.base.pageSize, 16384);
  });
  const bad: [string, string, number, RegExp][] = [
    ['page size 3000', 'after: { pageSize: 3000 }\n', 1, /'after\.pageSize'/],
    ['chain size 0', 'before: { chainSize: 0 }\nafter: { chainSize: 8 }\n', 1, /'before\.chainSize': Too small/],
    ['negative zswap pools', 'after:\n  zswapPools: -3\n', 2, /'after\.zswapPools'/],
    ['an unknown knob', 'after: { cpus: 4 }\n', 1, /'after': Unrecognized key.*cpus/],
    ['no knob at all', 'kernel: "6.12"\n', 1, /before and after set no knob/],
    ['a missing .config', 'kernel_config: nope.config\nafter: { chainSize: 8 }\n', 1, /cannot read kernel_config 'nope\.config'/],
  ];
  for (const [what, yaml, line, message] of bad) {
    test(`${what}: refused at line ${line}`, () => {
      const e = errorOf(yaml);
      assert.equal(e.line, line, e.message);
      assert.match(e.message, message);
    });
  }
  test('zsreview evaluate CONFIG runs the variants: chain size 16 → 8 changes the pages used', () => {
    let out = '';
    const code = main(['evaluate', 'test/fixtures/configs/chain-16.yaml', '--scenario', 'test/fixtures/scenarios/tiny-zswap.yaml', '--seeds', '2', '--format', 'json'], { out: (t) => (out += t), err: () => {} }) as number;
    assert.equal(code, 0);
    const r = JSON.parse(out);
    assert.equal(r.input.format, 'config');
    assert.deepEqual(r.findings.map((f: { plugin: string; knob: string }) => [f.plugin, f.knob]), [['config', 'chainSize']]);
    assert.match(r.base.note, /arm64-16k\.config: kernel 6\.8 → preset 6\.6/);
    const pages = r.scenarios[0].metrics.find((m: { name: string }) => m.name === 'zs.pages_used');
    assert.notEqual(pages.before.mean, pages.after.mean);
  });
});
