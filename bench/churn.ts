// npm run bench: simulated zs_malloc + zs_free per second on one core, and the model's memory
// per live object, on a 10 M-operation churn (half allocations, half frees of a random live
// object) at 100 k and 1 M live objects. First line: ops/s.
import { kernelParams } from '../engine/kernel/params';
import { ZsSlabCaches } from '../engine/kernel/zsSlabCaches';
import { ZsPool } from '../engine/kernel/zsPool';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledScenarios } from '../engine/cli/scenarioFiles';
import { runScenario } from '../engine/workload/runScenario';
import { readScenario, type Scenario } from '../engine/workload/scenario';

const OPS = 10_000_000;
const REPEATS = 5;
/** Pairs of (core, through zswap) runs for the ratio: its median steadies with more. */
const PAIRS = 12;

/** xorshift32: the harness's own cheap random stream (not the engine's), same for every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** zram-like sizes: 1..4095 bytes compressed, one page in ten stored whole (incompressible). */
function size(r: number): number {
  return r % 10 === 0 ? 4096 : 1 + ((r >>> 4) % 4095);
}

interface Result {
  opsPerSec: number;
  bytesPerLive: number;
  live: number;
}

/**
 * The churn loop with the pool calls taken out (random numbers and live-array upkeep only):
 * printed so that a run on a busy or slow machine can be told from a slower model.
 */
function loopAlone(liveTarget: number, seed: number): number {
  const next = rng(seed);
  const live = new Int32Array(liveTarget * 2);
  let n = liveTarget;
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) {
    const r = next();
    if ((r & 1) === 0 || n === 0) {
      if (n === live.length) continue;
      live[n++] = size(r >>> 1);
    } else {
      const k = (r >>> 1) % n;
      sink ^= live[k];
      live[k] = live[--n];
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return sink === 0.5 ? 0 : OPS / seconds;
}

function churn(liveTarget: number, seed: number, ops = OPS, withSlub = false): Result {
  const params = kernelParams('6.12');
  // With SLUB on, the pool's zs_handle and zspage objects also go through the slab model (1 CPU).
  const caches = withSlub ? new ZsSlabCaches(params, 1, false).forPool('bench', 'own') : null;
  const pool = new ZsPool('bench', params, undefined, caches);
  const next = rng(seed);
  const live = new Int32Array(liveTarget * 2);
  let n = 0;
  for (; n < liveTarget; n++) live[n] = pool.alloc(size(next()));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) {
    const r = next();
    if ((r & 1) === 0 || n === 0) {
      if (n === live.length) continue;
      live[n++] = pool.alloc(size(r >>> 1));
    } else {
      const k = (r >>> 1) % n;
      pool.free(live[k]);
      live[k] = live[--n];
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { opsPerSec: ops / seconds, bytesPerLive: pool.memoryBytes() / pool.liveObjects, live: pool.liveObjects };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const sizes = [100_000, 1_000_000];
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const m = (x: number) => (x / 1e6).toFixed(2);

function measureAt(liveTarget: number, withSlub: boolean) {
  const runs = Array.from({ length: REPEATS }, (_, i) => churn(liveTarget, 0x9e3779b9 + i, OPS, withSlub));
  const ops = runs.map((r) => r.opsPerSec);
  return { liveTarget, ops: median(ops), min: Math.min(...ops), max: Math.max(...ops), bytes: median(runs.map((r) => r.bytesPerLive)) };
}

/** Operations per second of one seeded scenario run, setup and sampling included. */
function scenarioOpsPerSec(s: Scenario, file: string, seed: number): number {
  const t0 = process.hrtime.bigint();
  const run = runScenario(s, file, { seed });
  return run.operations / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** Everything on: the zswap-churn scenario (zswap with 32 pools, 64 SLUB caches, 8 CPUs, metrics sampled). */
function scenarioRuns(): number {
  const scenario = bundledScenarios().find((x) => x.name === 'zswap-churn')!;
  const parsed = readScenario(readFileSync(scenario.file, 'utf8'), scenario.file);
  return median(Array.from({ length: 3 }, (_, i) => scenarioOpsPerSec(parsed, scenario.file, i + 1)));
}

/**
 * The core churn again, through zswap (one pool, its SLUB caches, the scenario's seeded random
 * stream) instead of straight into one pool: same live counts, same 50/50 mix. The sizes are
 * uniform in 1..4095: zswap refuses a page that does not compress, so the core's 10% whole pages
 * have no place here; the core run of each pair is the core's own benchmark, whole pages
 * included (on these uniform sizes alone the core runs about 5% faster). Twelve pairs of
 * runs, 2 M ops each, the two of a pair back to back (which goes first alternates), so that both
 * see the same state of this noisy machine; the ratio printed is the median of the pairs' ratios.
 */
function viaZswap(live: number) {
  const ops = 2_000_000;
  const s = readScenario(
    `name: bench\ndescription: churn through zswap\nmachine: { cpus: 1, ram_mib: 1048576 }\nkernel: "6.10"\n` +
      `zswap: { pools: 1, sizes: { uniform: [1, 4095] } }\n` +
      `phases:\n  - { name: fill, user: zswap, store: ${live} }\n  - { name: churn, user: zswap, churn: ${ops}, store_pct: 50 }\n`,
    'bench.yaml',
  );
  const users: number[] = [];
  const ratios: number[] = [];
  for (let seed = 1; seed <= PAIRS; seed++) {
    let core: number;
    let viaUsers: number;
    if (seed % 2) {
      core = churn(live, seed, ops).opsPerSec;
      viaUsers = scenarioOpsPerSec(s, 'bench.yaml', seed);
    } else {
      viaUsers = scenarioOpsPerSec(s, 'bench.yaml', seed);
      core = churn(live, seed, ops).opsPerSec;
    }
    users.push(viaUsers);
    ratios.push(core / viaUsers);
  }
  return { ops: median(users), ratio: median(ratios), minRatio: Math.min(...ratios), maxRatio: Math.max(...ratios) };
}

const parts = {
  core: () => sizes.map((n) => ({ ...measureAt(n, false), loop: loopAlone(n, 1) })),
  slub: () => sizes.map((n) => measureAt(n, true)),
  scenario: scenarioRuns,
  viaZswap: () => sizes.map(viaZswap),
};
type Parts = { [K in keyof typeof parts]: ReturnType<(typeof parts)[K]> };

const part = process.argv[2] as keyof typeof parts | undefined;
if (part) {
  // Let V8 optimise the hot path before anything is timed.
  churn(50_000, 1, 2_000_000, part !== 'core');
  process.stdout.write(JSON.stringify(parts[part]()));
} else {
  // Each part in a process of its own: V8 specialises the hot code for the types it has seen,
  // so a part run after another would be timed on code made for both (one pool with its own
  // handle records, another whose handles are zs_handle objects of a SLUB cache).
  const run = <K extends keyof Parts>(k: K): Parts[K] =>
    JSON.parse(execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), k], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  const results = run('core');
  const withSlub = run('slub');
  console.log(`ops/s: ${results.map((r) => `${label(r.liveTarget)} live ${m(r.ops)} M`).join(', ')}`);
  console.log(`bytes per live object (model arrays): ${results.map((r) => `${label(r.liveTarget)} live ${r.bytes.toFixed(1)}`).join(', ')}`);
  console.log(`ops/s with the SLUB model of the zs_handle/zspage caches: ${withSlub.map((r) => `${label(r.liveTarget)} live ${m(r.ops)} M (${r.bytes.toFixed(1)} B/object)`).join(', ')}`);
  console.log(`ops/s with SLUB and zswap (scenario zswap-churn, 1.4 M ops, 32 pools, 8 CPUs; median of 3): ${m(run('scenario'))} M`);
  const via = run('viaZswap');
  console.log(`ops/s through zswap (1 pool, SLUB, seeded scenario stream; median of ${PAIRS}, each paired with a core run): ${via.map((x, i) => `${label(sizes[i])} live ${m(x.ops)} M (${x.ratio.toFixed(2)}x the core's time, pairs ${x.minRatio.toFixed(2)}..${x.maxRatio.toFixed(2)})`).join(', ')}`);
  // End to end, as a reviewer runs it: the CLI (built by `npm run bench` first) on the sample patch with its default scenarios and seeds, on worker threads.
  const evaluateSeconds = median(
    Array.from({ length: 3 }, () => {
      const t0 = process.hrtime.bigint();
      execFileSync(process.execPath, ['dist/cli.js', 'evaluate', 'samples/patches/share-slab-caches.patch'], { stdio: 'ignore' });
      return Number(process.hrtime.bigint() - t0) / 1e9;
    }),
  );
  console.log(`zsreview evaluate samples/patches/share-slab-caches.patch (default scenarios and seeds, worker threads), end to end: ${evaluateSeconds.toFixed(1)} s (median of 3)`);
  console.log(`# the loop alone, without the model: ${results.map((r) => `${label(r.liveTarget)} ${m(r.loop)} M`).join(', ')} ops/s`);
  console.log(`# spread of ops/s over ${REPEATS} runs: ${[...results, ...withSlub].map((r, i) => `${label(r.liveTarget)}${i >= results.length ? '+slub' : ''} ${m(r.min)}..${m(r.max)} M`).join(', ')}`);
  console.log(`# ${OPS / 1e6} M ops each (50% zs_malloc, 50% zs_free of a random live object), sizes 1..4095 B plus 10% whole pages, kernel 6.12 rules, median of ${REPEATS}, each part in its own process, node ${process.version}`);
}
