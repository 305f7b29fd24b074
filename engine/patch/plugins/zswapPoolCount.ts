// zsmalloc pools per zswap pool: ZSWAP_NR_ZPOOLS (32 in v6.6–v6.10) added, changed or removed.
import { changes, evidenceOf, type PatchPlugin } from '../finding';

const DEFINE = /^#define\s+ZSWAP_NR_ZPOOLS\s+(\d+)\b/;
/** Code that only exists with several zpools: the array, the loop over it, the pool picker. */
const MULTI = /\bZSWAP_NR_ZPOOLS\b|\bzpools\[|zswap_find_zpool|hash_ptr\(entry|->pool->zpool\b|^\s*struct zpool \*zpool;|zpool_\w+\(zpool\b/;

export const zswapPoolCount: PatchPlugin = {
  id: 'zswap-pool-count',
  title: 'zsmalloc pools per zswap pool (ZSWAP_NR_ZPOOLS)',
  detect(patch, base) {
    const { added, removed } = changes(patch, /(^|\/)mm\/zswap\.c$/);
    const value = (lines: typeof added) => lines.map((l) => DEFINE.exec(l.text)).find((m) => m)?.[1];
    const was = value(removed);
    const now = value(added);
    if (was === undefined && now === undefined) return [];
    const before = was !== undefined ? Number(was) : now !== undefined ? 1 : base.zswapPools;
    const after = now !== undefined ? Number(now) : 1;
    if (before === after) return [];
    return [
      {
        plugin: this.id,
        knob: 'zswapPools',
        before,
        after,
        summary: `zswap spreads its entries over ${after} zsmalloc pool${after === 1 ? '' : 's'} instead of ${before}`,
        evidence: evidenceOf([...removed, ...added].filter((l) => MULTI.test(l.text)).sort((a, b) => a.docLine - b.docLine)),
      },
    ];
  },
};
