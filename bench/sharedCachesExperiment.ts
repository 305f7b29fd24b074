// npm run experiment: the seed's question on a bundled scenario: slab.unused_bytes at the end of
// the run with per-pool zs_handle/zspage caches (as released) and with one shared pair (the June
// 2024 patch), over several seeds. Usage: npm run experiment [-- SCENARIO [SEEDS]]
import { readFileSync } from 'node:fs';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { bundledScenarios } from '../engine/cli/scenarioFiles';
import type { MetricName } from '../engine/metrics';
import { runScenario } from '../engine/workload/runScenario';
import { readScenario, type Scenario } from '../engine/workload/scenario';

const name = process.argv[2] ?? 'g4-stress-ng';
const seeds = Number(process.argv[3] ?? 8);
const found = bundledScenarios().find((s) => s.name === name);
if (!found) throw new Error(`no bundled scenario ${name}`);
const base = readScenario(readFileSync(found.file, 'utf8'), found.file);

function withCaches(s: Scenario, caches: 'own' | 'shared'): Scenario {
  return { ...s, zswap: s.zswap && { ...s.zswap, caches }, zram: s.zram?.map((d) => ({ ...d, caches })) };
}

const metrics: MetricName[] = ['slab.unused_bytes', 'slab.free_bytes', 'slab.bytes', 'slab.caches', 'zs.pages_used'];
const results = (['own', 'shared'] as const).map((caches) => {
  const runs = Array.from({ length: seeds }, (_, i) => runScenario(withCaches(base, caches), found.file, { seed: i + 1 }));
  return { caches, runs };
});
const cell = (xs: number[]) => `${mean(xs).toFixed(0)} ± ${sampleStandardDeviation(xs).toFixed(0)}`.padStart(22);
const change = (a: number[], b: number[]) => `${((100 * (mean(b) - mean(a))) / mean(a)).toFixed(1).padStart(7)}%`;
const at = (caches: 0 | 1, phase: number, m: MetricName) => results[caches].runs.map((r) => r.snapshots[phase].metrics[m] ?? NaN);
const last = base.phases.length - 1;

console.log(`scenario ${name}, ${seeds} seeds (1..${seeds}); mean ± standard deviation`);
console.log(`\nat the end of the run (phase ${base.phases[last].name}):`);
console.log(`${'metric'.padEnd(18)} ${'per-pool caches'.padStart(22)} ${'shared caches'.padStart(22)} ${'change'.padStart(8)}`);
for (const m of metrics) console.log(`${m.padEnd(18)} ${cell(at(0, last, m))} ${cell(at(1, last, m))} ${change(at(0, last, m), at(1, last, m))}`);
console.log(`\nslab.unused_bytes (the seed's metric) at the end of each phase:`);
console.log(`${'phase'.padEnd(18)} ${'per-pool caches'.padStart(22)} ${'shared caches'.padStart(22)} ${'change'.padStart(8)}`);
base.phases.forEach((p, i) => {
  const [own, shared] = [at(0, i, 'slab.unused_bytes'), at(1, i, 'slab.unused_bytes')];
  console.log(`${p.name.padEnd(18)} ${cell(own)} ${cell(shared)} ${mean(own) === 0 ? '       -' : change(own, shared)}`);
});
