// What a run (a trace replay or a scenario) returns, and how a snapshot of it is taken.
import { kernelParams, machineKnobs, type KernelParams, type KernelVersion } from '../kernel/params';
import { classesTable, mmStat, type ClassesTable, type MmStat } from '../kernel/poolStats';
import type { ZsPool } from '../kernel/zsPool';
import type { CacheSharing, SlabinfoLine, ZsSlabCaches } from '../kernel/zsSlabCaches';
import { measure, type MetricValues } from '../metrics';
import type { TraceMachine } from './trace';

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

export function snapshotPool(pool: ZsPool): PoolSnapshot {
  return { pool: pool.name, mmStat: mmStat(pool), classes: classesTable(pool) };
}

/** Every statistic of every pool and cache now, under `label`. */
export function takeSnapshot(label: string, line: number, pools: readonly ZsPool[], caches: ZsSlabCaches): Snapshot {
  return { label, line, pools: pools.map(snapshotPool), slab: { merged: caches.merge, lines: caches.slabinfo() }, metrics: measure(pools, caches) };
}

/** Parameters for a trace's machine on a kernel preset (32-bit machines get 32-bit physical addresses). */
export function paramsForMachine(kernel: KernelVersion, machine: TraceMachine): KernelParams {
  const p = kernelParams(kernel, machineKnobs(machine.pageSize, machine.wordBits));
  // The machine is not a change to the kernel: the preset's name stays.
  return { ...p, version: kernel };
}
