// Fullness groups of zspages within a class (mm/zsmalloc.c get_fullness_group), per scheme.
import type { FullnessScheme } from './params';

export interface FullnessRules {
  /** Number of groups (lists per class). */
  readonly groupCount: number;
  /** Group of a zspage with no object in use (only a zspage about to be freed is there). */
  readonly emptyGroup: number;
  /** Group of a completely used zspage: never a candidate for zs_malloc or compaction. */
  readonly fullGroup: number;
  /** The groups debugfs `classes` prints as columns, in column order, with their headers. */
  readonly columns: readonly { readonly group: number; readonly header: string }[];
  /** Group of a zspage with `inuse` of `objs` objects in use (inuse in 0..objs). */
  group(inuse: number, objs: number): number;
}

/**
 * ≤ v6.3: ZS_EMPTY 0, ZS_ALMOST_EMPTY 1, ZS_ALMOST_FULL 2, ZS_FULL 3, with
 * fullness_threshold_frac = 4: almost empty while inuse ≤ 3·objs/4 (integer division).
 */
const ALMOST_EMPTY = 1;
const ALMOST_FULL = 2;
export const almostRules: FullnessRules = {
  groupCount: 4,
  emptyGroup: 0,
  fullGroup: 3,
  columns: [
    { group: ALMOST_FULL, header: 'almost_full' },
    { group: ALMOST_EMPTY, header: 'almost_empty' },
  ],
  group(inuse, objs) {
    if (inuse === 0) return 0;
    if (inuse === objs) return 3;
    return inuse <= Math.floor((3 * objs) / 4) ? ALMOST_EMPTY : ALMOST_FULL;
  },
};

/**
 * ≥ v6.4: ZS_INUSE_RATIO_0 (0), _10 (1) … _99 (10), _100 (11); a partly used zspage is in
 * group floor(100·inuse/objs)/10 + 1 (integer math, so exactly 10% lands in group 2).
 */
export const ratioRules: FullnessRules = {
  groupCount: 12,
  emptyGroup: 0,
  fullGroup: 11,
  columns: ['10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '99%', '100%'].map((header, i) => ({ group: i + 1, header })),
  group(inuse, objs) {
    if (inuse === 0) return 0;
    if (inuse === objs) return 11;
    return Math.floor(Math.floor((100 * inuse) / objs) / 10) + 1;
  },
};

export function fullnessRules(scheme: FullnessScheme): FullnessRules {
  return scheme === 'almost' ? almostRules : ratioRules;
}
