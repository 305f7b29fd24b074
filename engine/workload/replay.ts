// Replays a trace through the model: one ZsPool per `pool` line, statistics at every snapshot.
import { compactPool } from '../kernel/compact';
import { kernelParams, type KernelParams, type KernelVersion } from '../kernel/params';
import { classesTable, mmStat, type ClassesTable, type MmStat } from '../kernel/poolStats';
import { buildSizeClassTable, type SizeClassTable } from '../kernel/sizeClasses';
import { ZsPool } from '../kernel/zsPool';
import { InputError } from '../inputError';
import { measure, type MetricValues } from '../metrics';
import { HandleMap } from './handleMap';
import { ZsSlabCaches, type CacheSharing, type SlabinfoLine } from '../kernel/zsSlabCaches';
import { readTrace, type TraceMachine } from './trace';

export interface PoolSnapshot {
  readonly pool: string;
  readonly mmStat: MmStat;
  readonly classes: ClassesTable;
}

export interface SlabSnapshot {
  /** Slab merging was on: the zs caches are aliases of other caches and /proc/slabinfo has no line for them. */
  readonly merged: boolean;
  /** The zs_handle / zspage lines of /proc/slabinfo, newest cache first. */
  readonly lines: readonly SlabinfoLine[];
}

export interface Snapshot {
  readonly label: string;
  /** Line of the `snapshot` directive in the trace. */
  readonly line: number;
  readonly pools: readonly PoolSnapshot[];
  readonly slab: SlabSnapshot;
  /** The stable metrics (DESIGN.md) over all pools and caches. */
  readonly metrics: MetricValues;
}

export interface SeriesPoint {
  /** Operations done so far. */
  readonly op: number;
  readonly metrics: MetricValues;
}

/** What a run of a trace or a scenario returns. */
export interface RunResult {
  readonly file: string;
  /** Set when a scenario (not a trace) ran. */
  readonly scenario?: { readonly name: string; readonly description: string; readonly seed: number };
  readonly machine: TraceMachine;
  /** The kernel the input names; `params.version` is what ran (differs with a --kernel override). */
  readonly requestedKernel: KernelVersion;
  readonly params: KernelParams;
  readonly slabMerge: boolean;
  readonly pools: readonly { readonly name: string; readonly caches: CacheSharing }[];
  readonly operations: number;
  readonly snapshots: readonly Snapshot[];
  /** Metrics sampled during a scenario run. */
  readonly series?: readonly SeriesPoint[];
  /** Each user's own counters at the end of a scenario run. */
  readonly users?: Readonly<Record<string, Record<string, number>>>;
}

export interface ReplayOptions {
  /** Run the trace on this kernel's preset instead of the one its `kernel` line names. */
  readonly kernel?: KernelVersion;
}

export function snapshotPool(pool: ZsPool): PoolSnapshot {
  return { pool: pool.name, mmStat: mmStat(pool), classes: classesTable(pool) };
}

/** Every statistic of every pool and cache now, under `label`. */
export function takeSnapshot(label: string, line: number, pools: readonly ZsPool[], caches: ZsSlabCaches): Snapshot {
  return { label, line, pools: pools.map(snapshotPool), slab: { merged: caches.merge, lines: caches.slabinfo() }, metrics: measure(pools, caches) };
}

/** Parameters for a trace's machine on a kernel preset (32-bit machines get 32-bit physical addresses). */
export function paramsForMachine(kernel: KernelVersion, machine: TraceMachine): KernelParams {
  const p = kernelParams(kernel, { pageSize: machine.pageSize, wordBits: machine.wordBits, ...(machine.wordBits === 32 ? { physAddrBits: 32 } : {}) });
  // The machine is not a change to the kernel: the preset's name stays.
  return { ...p, version: kernel };
}

export function replayTrace(text: string, file: string, options: ReplayOptions = {}): RunResult {
  let machine!: TraceMachine;
  let requestedKernel!: KernelVersion;
  let params!: KernelParams;
  let table!: SizeClassTable;
  let slabMerge = true;
  let caches!: ZsSlabCaches;
  const poolDecls: { name: string; caches: CacheSharing }[] = [];
  const pools = new Map<string, { pool: ZsPool; handles: HandleMap }>();
  const snapshots: Snapshot[] = [];
  let operations = 0;

  readTrace(text, file, {
    header(m, kernel, merge) {
      machine = m;
      requestedKernel = kernel;
      params = paramsForMachine(options.kernel ?? kernel, m);
      table = buildSizeClassTable(params);
      slabMerge = merge;
      caches = new ZsSlabCaches(params, m.cpus, merge);
    },
    pool(name, sharing) {
      poolDecls.push({ name, caches: sharing });
      pools.set(name, { pool: new ZsPool(name, params, table, caches.forPool(name, sharing)), handles: new HandleMap() });
    },
    alloc(name, handle, size, cpu, line) {
      const p = pools.get(name)!;
      if (p.handles.get(handle) >= 0) throw new InputError(file, line, `handle ${handle} of pool ${name} is still live (allocated at line ${p.handles.lineOf(handle)})`, 'free it first or use a new handle number');
      const h = p.pool.alloc(size, cpu);
      if (h < 0) throw new InputError(file, line, `zs_malloc(${size}) fails in the kernel`, `sizes must be 1..${params.pageSize} (PAGE_SIZE)`);
      p.handles.set(handle, h, line);
      operations++;
    },
    free(name, handle, cpu, line) {
      const p = pools.get(name)!;
      const h = p.handles.get(handle);
      if (h < 0) throw new InputError(file, line, `handle ${handle} of pool ${name} is not live`, 'free only handles allocated earlier and not yet freed');
      p.pool.free(h, cpu);
      p.handles.delete(handle);
      operations++;
    },
    compact(name) {
      compactPool(pools.get(name)!.pool); // the trace does not say which CPU: CPU 0
      operations++;
    },
    snapshot(label, line) {
      snapshots.push(takeSnapshot(label, line, [...pools.values()].map((p) => p.pool), caches));
    },
  });
  return { file, machine, requestedKernel, params, slabMerge, pools: poolDecls, operations, snapshots };
}
