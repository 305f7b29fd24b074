// Replays a trace through the model: one ZsPool per `pool` line, statistics at every snapshot.
import { InputError } from '../inputError';
import { compactPool } from '../kernel/compact';
import { machineKnobs, type KernelParams, type KernelVersion } from '../kernel/params';
import { buildSizeClassTable, type SizeClassTable } from '../kernel/sizeClasses';
import { ZsPool } from '../kernel/zsPool';
import { ZsSlabCaches, type CacheSharing } from '../kernel/zsSlabCaches';
import { HandleMap } from './handleMap';
import { paramsForMachine, takeSnapshot, type RunResult, type Snapshot } from './runResult';
import { readTrace, type TraceMachine } from './trace';


export interface ReplayOptions {
  /** Run the trace on this kernel's preset instead of the one its `kernel` line names. */
  readonly kernel?: KernelVersion;
  /**
   * Run on these parameters (a patch's before or after variant) instead of a preset; the trace's
   * machine still sets page and word size.
   */
  readonly params?: KernelParams;
  /**
   * Every pool gets caches this way, whatever its `pool` line says: a real kernel decides it
   * (per-pool caches unless it carries a shared-caches change), not the trace.
   */
  readonly caches?: CacheSharing;
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
      params = options.params ? { ...options.params, ...machineKnobs(m.pageSize, m.wordBits) } : paramsForMachine(options.kernel ?? kernel, m);
      table = buildSizeClassTable(params);
      slabMerge = merge;
      caches = new ZsSlabCaches(params, m.cpus, merge);
    },
    pool(name, declared) {
      const sharing = options.caches ?? declared;
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
    compact(name, cpu) {
      compactPool(pools.get(name)!.pool, cpu);
      operations++;
    },
    snapshot(label, line) {
      snapshots.push(takeSnapshot(label, line, [...pools.values()].map((p) => p.pool), caches));
    },
  });
  return { file, machine, requestedKernel, params, slabMerge, pools: poolDecls, operations, snapshots };
}
