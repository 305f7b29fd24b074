// Pages per zspage at most: ZS_MAX_ZSPAGE_ORDER (1 << order, fixed at 2 = 4 pages up to v6.2),
// ZS_MAX_PAGES_PER_ZSPAGE, or CONFIG_ZSMALLOC_CHAIN_SIZE's Kconfig default (v6.3+).
import { changes, evidenceOf, type Change, type PatchPlugin } from '../finding';

const ORDER = /^#define\s+ZS_MAX_ZSPAGE_ORDER\s+(\d+)/;
const PAGES = /^#define\s+ZS_MAX_PAGES_PER_ZSPAGE\s+\(?\s*(?:_AC\()?\s*(\d+)\b/;
const KCONFIG_DEFAULT = /^\s+default\s+(\d+)\s*$/;
const CHAIN = /ZS_MAX_ZSPAGE_ORDER|ZS_MAX_PAGES_PER_ZSPAGE|ZSMALLOC_CHAIN_SIZE/;

function pagesIn(lines: Change[]): number | undefined {
  for (const l of lines) {
    const o = ORDER.exec(l.text);
    if (o) return 2 ** Number(o[1]);
    const p = PAGES.exec(l.text);
    if (p && !/CONFIG_ZSMALLOC_CHAIN_SIZE/.test(l.text)) return Number(p[1]);
  }
  return undefined;
}

/** The `default N` inside a `config ZSMALLOC_CHAIN_SIZE` block of added Kconfig lines. */
function kconfigDefault(lines: Change[]): { value: number; line: Change } | undefined {
  let inBlock = false;
  for (const l of lines) {
    if (/^config\s+ZSMALLOC_CHAIN_SIZE\b/.test(l.text)) inBlock = true;
    else if (/^(config|menu|endmenu|choice|source)\b/.test(l.text)) inBlock = false;
    const m = inBlock ? KCONFIG_DEFAULT.exec(l.text) : null;
    if (m) return { value: Number(m[1]), line: l };
  }
  return undefined;
}

export const chainSize: PatchPlugin = {
  id: 'chain-size',
  title: 'pages per zspage at most (zspage chain size)',
  detect(patch, base) {
    const code = changes(patch, /(^|\/)mm\/zsmalloc\.c$/);
    const kconfig = changes(patch, /(^|\/)mm\/Kconfig$/);
    const was = pagesIn(code.removed) ?? kconfigDefault(kconfig.removed)?.value;
    const fromKconfig = kconfigDefault(kconfig.added);
    const now = fromKconfig?.value ?? pagesIn(code.added);
    if (was === undefined && now === undefined) return [];
    const before = was ?? base.chainSize;
    const after = now ?? base.chainSize;
    const configurable = code.added.some((l) => /CONFIG_ZSMALLOC_CHAIN_SIZE/.test(l.text));
    const evidence = evidenceOf([...code.removed, ...code.added, ...kconfig.added.filter((l) => /ZSMALLOC_CHAIN_SIZE|^\s+(default|range)\s/.test(l.text))].filter((l) => CHAIN.test(l.text) || l === fromKconfig?.line || /^\s+range\s/.test(l.text)).sort((a, b) => a.docLine - b.docLine));
    return [
      {
        plugin: this.id,
        knob: 'chainSize',
        before,
        after,
        summary: `zspages of up to ${after} pages (were ${before})${configurable ? ', now set by CONFIG_ZSMALLOC_CHAIN_SIZE' : ''}`,
        evidence,
      },
    ];
  },
};
