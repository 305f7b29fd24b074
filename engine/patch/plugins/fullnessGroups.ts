// How zspages are grouped by fullness: ZS_ALMOST_EMPTY / ZS_ALMOST_FULL (≤ v6.3) or the 10%
// ratio groups ZS_INUSE_RATIO_* (v6.4+), with the compaction that goes with each.
import { shapeSwitchFinding, type PatchPlugin } from '../finding';

const ALMOST = /\bZS_ALMOST_(EMPTY|FULL)\b|fullness_threshold_frac/;
const RATIO = /\bZS_INUSE_RATIO_\d+\b/;

export const fullnessGroups: PatchPlugin = {
  id: 'fullness-groups',
  title: 'zspage fullness groups (almost_empty/almost_full vs 10% ratio groups)',
  detect(patch) {
    return shapeSwitchFinding(
      this.id,
      patch,
      'fullness',
      { lines: ALMOST, value: 'almost', summary: 'zspages grouped as almost empty/almost full instead of 10% fullness steps' },
      { lines: RATIO, value: 'ratio', summary: 'zspages grouped in 10% fullness steps instead of almost empty/almost full' },
      new RegExp(`${ALMOST.source}|${RATIO.source}`),
    );
  },
};
