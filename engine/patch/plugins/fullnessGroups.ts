// How zspages are grouped by fullness: ZS_ALMOST_EMPTY / ZS_ALMOST_FULL (≤ v6.3) or the 10%
// ratio groups ZS_INUSE_RATIO_* (v6.4+), with the compaction that goes with each.
import { changes, evidenceOf, switchDirection, type PatchPlugin } from '../finding';

const ALMOST = /\bZS_ALMOST_(EMPTY|FULL)\b|fullness_threshold_frac/;
const RATIO = /\bZS_INUSE_RATIO_\d+\b/;

export const fullnessGroups: PatchPlugin = {
  id: 'fullness-groups',
  title: 'zspage fullness groups (almost_empty/almost_full vs 10% ratio groups)',
  detect(patch) {
    const { added, removed } = changes(patch, /(^|\/)mm\/zsmalloc\.c$/);
    const direction = switchDirection(removed, added, ALMOST, RATIO);
    if (!direction) return [];
    const toRatio = direction === 'a-to-b';
    return [
      {
        plugin: this.id,
        knob: 'fullness',
        before: toRatio ? 'almost' : 'ratio',
        after: toRatio ? 'ratio' : 'almost',
        summary: toRatio ? 'zspages grouped in 10% fullness steps instead of almost empty/almost full' : 'zspages grouped as almost empty/almost full instead of 10% fullness steps',
        evidence: evidenceOf([...removed, ...added].filter((l) => ALMOST.test(l.text) || RATIO.test(l.text)).sort((a, b) => a.docLine - b.docLine)),
      },
    ];
  },
};
