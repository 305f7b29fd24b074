// Scenario files: the bundled ones load, and every kind of mistake is one InputError naming the
// file, the line of the field and what it allows.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { inputErrorOf } from '../../test/inputErrorOf';
import { repoRoot } from '../../test/repoRoot';
import { readScenario } from './scenario';

const dir = join(repoRoot(), 'samples', 'scenarios');

describe('bundled scenarios', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  test('the four scenarios the issue names are there', () => {
    assert.deepEqual(files.sort(), ['g4-stress-ng.yaml', 'mixed-zram-zswap.yaml', 'zram-fs.yaml', 'zswap-churn.yaml']);
  });
  for (const f of files) {
    test(`${f} loads, its name matches the file, and it says what it approximates`, () => {
      const s = readScenario(readFileSync(join(dir, f), 'utf8'), join(dir, f));
      assert.equal(`${s.name}.yaml`, f);
      assert.ok(s.description.length > 80);
    });
  }
  test('g4-stress-ng is the seed machine: 32-bit, 2 CPUs, 2 GiB, no slab merging, 32 zswap pools', () => {
    const s = readScenario(readFileSync(join(dir, 'g4-stress-ng.yaml'), 'utf8'), 'g4');
    assert.deepEqual([s.machine.word_bits, s.machine.cpus, s.machine.ram_mib, s.slab.merge, s.zswap?.pools], [32, 2, 2048, false, 32]);
  });
});

const base = `name: t
description: test
machine: { cpus: 2, ram_mib: 1024 }
kernel: "6.12"
zram:
  - { name: zram0, sizes: { uniform: [100, 200] } }
phases:
  - { name: fill, user: zram0, store: 10 }
`;

const errorOf = (text: string) => inputErrorOf(() => readScenario(text, 'bad.yaml'));

describe('mistakes in a scenario', () => {
  test('the base scenario is valid', () => {
    assert.equal(readScenario(base, 'ok.yaml').phases.length, 1);
  });
  const cases: [string, string, number, RegExp][] = [
    ['a YAML error (a key given twice)', base.replace('kernel: "6.12"', 'kernel: "6.12"\nkernel: "6.1"'), 5, /is not valid YAML: Map keys must be unique; fix the YAML syntax/],
    ['an unknown kernel', base.replace('"6.12"', '"5.4"'), 4, /'kernel': .*6\.1.*6\.12/],
    ['an unknown field', base.replace('cpus: 2,', 'cpus: 2, gpus: 1,'), 3, /'machine': Unrecognized key.*gpus/],
    ['a negative RAM size', base.replace('ram_mib: 1024', 'ram_mib: -1'), 3, /'machine\.ram_mib'/],
    ['a size range upside down', base.replace('[100, 200]', '[300, 200]'), 6, /'zram\[0\]\.sizes\.uniform': the low end is above the high end/],
    ['a phase with two actions', base.replace('store: 10 }', 'store: 10, churn: 5 }'), 8, /'phases\[0\]': give exactly one of store, churn, free_pct, overwrite, compact/],
    ['a phase for an undefined user', base.replace('user: zram0', 'user: zram9'), 8, /phase 'fill' uses 'zram9', which is not defined; use one of: zram0/],
    ['a CPU the machine does not have', base.replace('store: 10 }', 'store: 10, cpus: [0, 2] }'), 8, /CPU 2 but the machine has 2; use CPUs 0\.\.1/],
    ['more operations than a run may do', base.replace('store: 10 }', 'store: 100000000 }\n  - { name: more, user: zram0, churn: 100000000 }\n  - { name: again, user: zram0, churn: 100000000 }'), 8, /plan 300000000 operations, more than the 200000000/],
    ['an lz4 size source that does not exist', base.replace('{ uniform: [100, 200] }', '{ lz4: { file: nope.bin } }'), 6, /cannot read 'nope\.bin'/],
    ['an overwrite on zswap', base.replace('zram:\n', 'zswap: { sizes: { uniform: [1, 2] } }\nzram:\n').replace('user: zram0, store: 10', 'user: zswap, overwrite: 10'), 9, /zswap has no overwrite/],
  ];
  for (const [what, text, line, message] of cases) {
    test(`${what}: reported at line ${line}`, () => {
      const e = errorOf(text);
      assert.equal(e.file, 'bad.yaml');
      assert.equal(e.line, line, e.message);
      assert.match(e.message, message);
    });
  }
});
