// What a workload drives: a user of zsmalloc (zswap, or one zram device) that stores pages in
// its pools and frees them again.
import type { ZsPool } from '../kernel/zsPool';
import type { Random } from '../workload/random';
import type { FreeOrder, LiveSet } from './liveSet';

export interface ZsUser {
  readonly name: string;
  readonly pools: readonly ZsPool[];
  readonly live: LiveSet;
  /** Stores one page; false if it took no zsmalloc object (same-filled, rejected). */
  store(cpu: number, rng: Random): boolean;
  /** Frees one live object chosen by `order` (swap-in or invalidate for zswap, discard for zram). */
  release(order: FreeOrder, cpu: number, rng: Random): boolean;
  /** The user's own counters (stored, same-filled, rejected, written back…). */
  counters(): Record<string, number>;
}

/** Frees the object `live` chooses; shared by the users. */
export function releaseFrom(pools: readonly ZsPool[], live: LiveSet, order: FreeOrder, cpu: number, rng: Random): boolean {
  const taken = live.take(order, rng);
  if (!taken) return false;
  pools[taken[0]].free(taken[1], cpu);
  return true;
}
