// The README's "How close to the kernel" table and engine/report/fidelity.json are what the
// engine computes from the fixture set now: regenerated here and compared with the committed files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fidelityFile, fixtureRoots, README_BEGIN, README_END, readmeSection, withReadmeSection } from '../engine/verify/fidelityFiles';
import { fidelityOfRuns } from '../engine/verify/fidelitySummary';
import { readFixtureRuns } from '../engine/verify/fixtureRuns';
import { zswapComparisons } from '../engine/verify/zswapByCounters';
import { repoRoot } from './repoRoot';

const root = repoRoot();
const runs = fidelityOfRuns(readFixtureRuns(fixtureRoots(root)));
const zswap = zswapComparisons(fixtureRoots(root)[0]);

test('README.md fidelity section is up to date (npm run fidelity rewrites it)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(README_BEGIN), readme.indexOf(README_END) + README_END.length);
  assert.equal(section, readmeSection(runs, zswap));
  assert.equal(withReadmeSection(readme, readmeSection(runs, zswap)), readme);
});

test('engine/report/fidelity.json is up to date (npm run fidelity rewrites it)', () => {
  assert.deepEqual(JSON.parse(readFileSync(join(root, 'engine', 'report', 'fidelity.json'), 'utf8')), fidelityFile(runs, zswap));
});

test('withReadmeSection refuses a README without the markers', () => {
  assert.equal(withReadmeSection('# x\n', 'y'), null);
});
