// The lock zs_malloc/zs_free take: one pool->lock (v6.2–v6.10) or a lock per size class
// (class->lock; v6.11 "change back to per-size_class lock").
import { changes, evidenceOf, type PatchPlugin } from '../finding';

const POOL_LOCK = /spin_(un)?lock(_irqsave|_irqrestore)?\(&pool->lock\)|spinlock_t\s+lock;\s*$|spin_is_contended\(&pool->lock\)/;
const CLASS_LOCK = /spin_(un)?lock(_irqsave|_irqrestore)?\(&class->lock\)|spin_is_contended\(&class->lock\)/;

export const lockGranularity: PatchPlugin = {
  id: 'lock-granularity',
  title: 'zsmalloc lock granularity (pool lock vs per-class locks)',
  detect(patch) {
    const { added, removed } = changes(patch, /(^|\/)mm\/zsmalloc\.c$/);
    const count = (lines: typeof added, re: RegExp) => lines.filter((l) => re.test(l.text)).length;
    // The direction with more lock calls replaced wins; a few calls either way is refactoring.
    const toClass = count(removed, /&pool->lock/) - count(added, /&pool->lock/) + count(added, /&class->lock/) - count(removed, /&class->lock/);
    if (Math.abs(toClass) < 4) return [];
    const after = toClass > 0 ? 'class' : 'pool';
    return [
      {
        plugin: this.id,
        knob: 'lockGranularity',
        before: after === 'class' ? 'pool' : 'class',
        after,
        summary: after === 'class' ? 'zs_malloc/zs_free take a per-class lock instead of the pool lock' : 'zs_malloc/zs_free take the pool lock instead of a per-class lock',
        evidence: evidenceOf([...removed, ...added].filter((l) => POOL_LOCK.test(l.text) || CLASS_LOCK.test(l.text) || /(pool|class)->(migrate_)?lock\b/.test(l.text)).sort((a, b) => a.docLine - b.docLine)),
      },
    ];
  },
};
