// How pages per zspage are chosen: the best integer used-percentage (get_pages_per_zspage,
// ≤ v6.2) or the least tail waste (calculate_zspage_chain_size, v6.3+).
import { shapeSwitchFinding, type PatchPlugin } from '../finding';

const USEDPC = /\busedpc\b|max_usedpc|get_pages_per_zspage/;
const MINWASTE = /\bmin_waste\b|calculate_zspage_chain_size/;
const EVIDENCE = new RegExp(`${USEDPC.source}|${MINWASTE.source}|\\bwaste\\b`);

export const chainRule: PatchPlugin = {
  id: 'chain-rule',
  title: 'pages-per-zspage rule (used percentage vs least waste)',
  detect(patch) {
    return shapeSwitchFinding(
      this.id,
      patch,
      'chainRule',
      { lines: USEDPC, value: 'usedpc', summary: 'zspage chains chosen for the best used percentage instead of the least tail waste' },
      { lines: MINWASTE, value: 'minwaste', summary: 'zspage chains chosen for the least tail waste instead of the best used percentage' },
      EVIDENCE,
    );
  },
};
