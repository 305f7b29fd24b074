// Runs a scenario: builds the kernel (pools, slab caches) and its users, plays the phases with a
// seeded random stream, and records every statistic at the end of each phase plus a time
// series of the metrics.
import { compactPool } from '../kernel/compact';
import type { ZsPool } from '../kernel/zsPool';
import { ZsSlabCaches } from '../kernel/zsSlabCaches';
import { measure } from '../metrics';
import type { ZsUser } from '../users/zsUser';
import { ZramDevice } from '../users/zram';
import { Zswap } from '../users/zswap';
import { Random } from './random';
import { paramsForMachine, takeSnapshot, type RunResult, type SeriesPoint, type Snapshot } from './runResult';
import type { Scenario, ScenarioPhase } from './scenario';
import { sizeSampler } from './sizes';
import type { TraceRecorder } from './traceRecorder';
import { machineKnobs, type KernelParams, type KernelVersion } from '../kernel/params';

export interface ScenarioOptions {
  readonly seed: number;
  /** Run on this kernel's preset instead of the scenario's. */
  readonly kernel?: KernelVersion;
  /** Run on these parameters (a patch's before or after variant); the scenario's machine still sets page and word size. */
  readonly params?: KernelParams;
  /** Write every zs_malloc / zs_free / zs_compact of the run, and each snapshot, to this trace. */
  readonly record?: TraceRecorder;
}

export function runScenario(s: Scenario, file: string, options: ScenarioOptions): RunResult {
  const machine = { pageSize: s.machine.page_size, wordBits: s.machine.word_bits, cpus: s.machine.cpus } as const;
  const params = options.params
    ? { ...options.params, ...machineKnobs(machine.pageSize, machine.wordBits) }
    : paramsForMachine(options.kernel ?? s.kernel, machine);
  const caches = new ZsSlabCaches(params, machine.cpus, s.slab.merge);
  const users = new Map<string, ZsUser>();
  const poolDecls: { name: string; caches: 'own' | 'shared' }[] = [];
  if (s.zswap) {
    const z = s.zswap;
    const zswap = new Zswap(
      {
        pools: z.pools ?? params.zswapPools,
        caches: z.caches,
        maxPoolPercent: z.max_pool_percent,
        acceptThresholdPercent: z.accept_threshold_percent,
        sameFilledPct: z.same_filled_pct,
        sizes: sizeSampler(z.sizes, params.pageSize),
        totalRamPages: Math.floor((s.machine.ram_mib * 1024 * 1024) / params.pageSize),
      },
      params,
      caches,
    );
    users.set('zswap', zswap);
    for (const p of zswap.pools) poolDecls.push({ name: p.name, caches: z.caches });
  }
  for (const d of s.zram ?? []) {
    users.set(d.name, new ZramDevice({ name: d.name, sameFilledPct: d.same_filled_pct, sizes: sizeSampler(d.sizes, params.pageSize) }, params, caches.forPool(d.name, d.caches)));
    poolDecls.push({ name: d.name, caches: d.caches });
  }
  const allPools: ZsPool[] = [...users.values()].flatMap((u) => [...u.pools]);
  const record = options.record;
  record?.start(machine, params.version === 'custom' ? s.kernel : params.version, s.slab.merge, allPools.map((pool, i) => ({ pool, caches: poolDecls[i].caches })));

  const rng = new Random(options.seed);
  const plannedOps = s.phases.reduce((n, p) => n + (p.store ?? p.churn ?? p.overwrite ?? 0), 0);
  const sampleEvery = s.sample_every ?? Math.max(1, Math.ceil(plannedOps / 200));
  const series: SeriesPoint[] = [];
  const snapshots: Snapshot[] = [];
  let ops = 0;
  let nextSample = sampleEvery;
  const tick = () => {
    if (++ops === nextSample) {
      series.push({ op: ops, metrics: measure(allPools, caches) });
      nextSample += sampleEvery;
    }
  };

  for (const phase of s.phases) {
    playPhase(phase, users.get(phase.user)!, rng, cpuPicker(phase, machine.cpus, rng), tick, record);
    record?.snapshot(phase.name);
    snapshots.push(takeSnapshot(phase.name, 0, allPools, caches));
  }
  return {
    file,
    scenario: { name: s.name, description: s.description, seed: options.seed },
    machine,
    requestedKernel: s.kernel,
    params,
    slabMerge: s.slab.merge,
    pools: poolDecls,
    operations: ops,
    snapshots,
    series,
    users: Object.fromEntries([...users].map(([name, u]) => [name, u.counters()])),
  };
}

/** Which CPU does the next operation: one of the phase's CPUs (all of the machine's by default), at random. */
function cpuPicker(phase: ScenarioPhase, machineCpus: number, rng: Random): () => number {
  const cpus = phase.cpus ?? Array.from({ length: machineCpus }, (_, i) => i);
  return cpus.length === 1 ? () => cpus[0] : () => cpus[rng.int(0, cpus.length - 1)];
}

function playPhase(phase: ScenarioPhase, user: ZsUser, rng: Random, cpu: () => number, tick: () => void, record?: TraceRecorder): void {
  if (phase.store !== undefined) {
    for (let i = 0; i < phase.store; i++, tick()) user.store(cpu(), rng);
  } else if (phase.churn !== undefined) {
    const { churn, store_pct: storePct, free, access } = phase;
    const live = user.live;
    for (let i = 0; i < churn; i++, tick()) {
      if (live.size === 0 || rng.percent(storePct)) user.store(cpu(), rng);
      else user.release(free, cpu(), rng, access);
    }
  } else if (phase.free_pct !== undefined) {
    const n = Math.round((user.live.size * phase.free_pct) / 100);
    // Unmapping or discarding frees the entries whatever the access (the swap slots go away).
    for (let i = 0; i < n; i++, tick()) user.release(phase.free, cpu(), rng);
  } else if (phase.overwrite !== undefined) {
    const zram = user as ZramDevice;
    for (let i = 0; i < phase.overwrite; i++, tick()) zram.overwrite(phase.free, cpu(), rng);
  } else {
    for (const p of user.pools) {
      const on = cpu();
      record?.compact(p, on);
      compactPool(p, on);
    }
  }
}
