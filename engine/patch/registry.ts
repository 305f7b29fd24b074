// The plugin list: the only place that knows every plugin. detectChanges runs them all and
// lists, visibly, every hunk none of them claimed.
import type { KernelParams } from '../kernel/params';
import type { Finding, PatchPlugin } from './finding';
import type { Patch } from './patch';
import { chainRule } from './plugins/chainRule';
import { chainSize } from './plugins/chainSize';
import { fullnessGroups } from './plugins/fullnessGroups';
import { lockGranularity } from './plugins/lockGranularity';
import { sharedSlabCaches } from './plugins/sharedSlabCaches';
import { zswapPoolCount } from './plugins/zswapPoolCount';

export const PLUGINS: readonly PatchPlugin[] = [sharedSlabCaches, zswapPoolCount, chainSize, chainRule, lockGranularity, fullnessGroups];

export interface Unmodelled {
  readonly file: string;
  readonly docLine: number;
  readonly reason: string;
}

/** Files whose changes zsreview models; hunks elsewhere are listed as outside the model. */
const MODELLED_FILES = /(^|\/)(mm\/zsmalloc\.c|mm\/zswap\.c|mm\/Kconfig|include\/linux\/zsmalloc\.h|drivers\/block\/zram\/zram_drv\.[ch])$/;

export function detectChanges(patch: Patch, base: KernelParams): { findings: Finding[]; unmodelled: Unmodelled[] } {
  const findings = PLUGINS.flatMap((p) => p.detect(patch, base));
  const claimed = new Set(findings.flatMap((f) => f.evidence.map((e) => e.docLine)));
  const unmodelled: Unmodelled[] = [];
  for (const m of patch.messages) {
    for (const f of m.files) {
      const file = f.newPath || f.oldPath;
      for (const h of f.hunks) {
        const changed = h.lines.filter((l) => l.kind !== ' ');
        if (changed.length === 0 || changed.some((l) => claimed.has(l.docLine))) continue;
        const onlyComments = changed.every((l) => /^\s*(\/?\*|\/\/|$)/.test(l.text));
        const onlyDeclarations = changed.every((l) => /^\s*((unsigned|signed|const|struct \w+|int|long|bool|char|size_t|u\d+)\s+)+\**\w+( = [^;]+)?;\s*$|^\s*$/.test(l.text));
        const reason = !MODELLED_FILES.test(file)
          ? `${file} is outside what zsreview models`
          : onlyComments
            ? 'comments or blank lines only'
            : onlyDeclarations
              ? 'local declarations only'
              : 'no plugin recognises this change';
        unmodelled.push({ file, docLine: h.docLine, reason });
      }
    }
  }
  return { findings, unmodelled };
}
