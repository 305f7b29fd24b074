// zs_handle / zspage slab caches: one pair per pool (a member of struct zs_pool, used as
// pool->handle_cachep) or one pair for all pools (file-scope caches, used without pool->).
// The June 2024 patch went per-pool → shared; 2026's "make common caches global" too.
import { shapeSwitchFinding, type PatchPlugin } from '../finding';

/** A cache pointer's name: handle_cachep, zspage_cachep (≤ 2024), zs_handle_cache, zspage_cache (the patch), … */
const CACHE = String.raw`\w*(?:handle|zspage)\w*cache\w*`;
/** Lines that only exist because of where the caches live: the cache pointers and their helpers. */
const CACHE_CODE = new RegExp(String.raw`\b${CACHE}\b|\bcache_(alloc|free)_(handle|zspage)\b|\b\w*(create|destroy)_caches?\b|kmem_cache_create\("(zs_handle|zspage)`);
// A pool member pointed at a file-scope cache (`pool->handle_cachep = zs_handle_cachep;`, the
// oracle's refcounted variant) is the shared shape, not the per-pool one.
const PER_POOL = new RegExp(String.raw`pool->${CACHE}\b(?!\s*=\s*${CACHE}\s*;)|^\s+struct kmem_cache \*${CACHE};`);
const GLOBAL = new RegExp(String.raw`^static struct kmem_cache \*${CACHE}|kmem_cache_(z?alloc|free|destroy)\(${CACHE}\b`);

export const sharedSlabCaches: PatchPlugin = {
  id: 'shared-slab-caches',
  title: 'zs_handle / zspage slab caches shared across pools',
  detect(patch) {
    return shapeSwitchFinding(
      this.id,
      patch,
      'zsSlabCachesShared',
      { lines: PER_POOL, value: false, summary: 'zs_handle and zspage caches move from one global pair to each pool' },
      { lines: GLOBAL, value: true, summary: 'zs_handle and zspage caches move from each pool to one global pair' },
      CACHE_CODE,
    );
  },
};
