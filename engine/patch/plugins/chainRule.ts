// How pages per zspage are chosen: the best integer used-percentage (get_pages_per_zspage,
// ≤ v6.2) or the least tail waste (calculate_zspage_chain_size, v6.3+).
import { changes, evidenceOf, switchDirection, type PatchPlugin } from '../finding';

const USEDPC = /\busedpc\b|max_usedpc|get_pages_per_zspage/;
const MINWASTE = /\bmin_waste\b|calculate_zspage_chain_size/;

export const chainRule: PatchPlugin = {
  id: 'chain-rule',
  title: 'pages-per-zspage rule (used percentage vs least waste)',
  detect(patch) {
    const { added, removed } = changes(patch, /(^|\/)mm\/zsmalloc\.c$/);
    const direction = switchDirection(removed, added, USEDPC, MINWASTE);
    if (!direction) return [];
    const toMinWaste = direction === 'a-to-b';
    return [
      {
        plugin: this.id,
        knob: 'chainRule',
        before: toMinWaste ? 'usedpc' : 'minwaste',
        after: toMinWaste ? 'minwaste' : 'usedpc',
        summary: toMinWaste ? 'zspage chains chosen for the least tail waste instead of the best used percentage' : 'zspage chains chosen for the best used percentage instead of the least tail waste',
        evidence: evidenceOf([...removed, ...added].filter((l) => USEDPC.test(l.text) || MINWASTE.test(l.text) || /\bwaste\b/.test(l.text)).sort((a, b) => a.docLine - b.docLine)),
      },
    ];
  },
};
