// `npm run fidelity`: replays the fidelity fixture set and rewrites the README's "How close to
// the kernel" table and engine/report/fidelity.json from what the engine computes now.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fidelityFile, fixtureRoots, readmeSection, withReadmeSection } from '../engine/verify/fidelityFiles';
import { fidelityOfRuns } from '../engine/verify/fidelitySummary';
import { readFixtureRuns } from '../engine/verify/fixtureRuns';
import { zswapComparisons } from '../engine/verify/zswapByCounters';

const root = process.cwd();
const runs = fidelityOfRuns(readFixtureRuns(fixtureRoots(root)));
const zswap = zswapComparisons(fixtureRoots(root)[0]);
const readmePath = join(root, 'README.md');
const readme = withReadmeSection(readFileSync(readmePath, 'utf8'), readmeSection(runs, zswap));
if (readme === null) {
  process.stderr.write('README.md has no fidelity markers; add the lines of README_BEGIN / README_END (engine/verify/fidelityFiles.ts)\n');
  process.exit(2);
}
writeFileSync(readmePath, readme);
writeFileSync(join(root, 'engine', 'report', 'fidelity.json'), JSON.stringify(fidelityFile(runs, zswap), null, 2) + '\n');
const bad = runs.flatMap((r) => r.snapshots.flatMap((s) => s.rows.filter((x) => !x.ok).map((x) => `${r.name} ${s.label} ${x.metric}`)));
process.stdout.write(`fidelity: ${runs.length} runs; README.md and engine/report/fidelity.json rewritten${bad.length ? `; ${bad.length} quantities differ: ${bad.slice(0, 5).join(', ')}` : '; every quantity identical'}\n`);
