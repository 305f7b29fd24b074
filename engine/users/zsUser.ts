// What a workload drives: a user of zsmalloc (zswap, or one zram device) that stores pages in
// its pools and frees them again.
import type { ZsPool } from '../kernel/zsPool';
import type { Random } from '../workload/random';
import type { FreeOrder, LiveSet } from './liveSet';

/** How a swapped-in page is used: written (its swap slot, and so the zswap entry, is freed) or only read. */
export type PageAccess = 'write' | 'read';

export interface ZsUser {
  readonly name: string;
  readonly pools: readonly ZsPool[];
  readonly live: LiveSet;
  /** Stores one page; false if it took no zsmalloc object (same-filled, rejected). */
  store(cpu: number, rng: Random): boolean;
  /**
   * Gives back one stored page chosen by `order`: a swap-in for zswap (which frees the entry
   * unless the page is only read on a kernel before v6.9), a discard for zram.
   */
  release(order: FreeOrder, cpu: number, rng: Random, access?: PageAccess): boolean;
  /** The user's own counters (stored, same-filled, rejected, written back…). */
  counters(): Record<string, number>;
}

/** Frees the object `live` chooses; shared by the users. */
export function releaseFrom(pools: readonly ZsPool[], live: LiveSet, order: FreeOrder, cpu: number, rng: Random): boolean {
  if (!live.take(order, rng)) return false;
  pools[live.takenPool].free(live.takenHandle, cpu);
  return true;
}
