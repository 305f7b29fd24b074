// The per-class tables a pool reads on every zs_malloc and zs_free (objects and pages per
// zspage, size → class, in-use count → fullness group). They depend only on the size-class
// table and the fullness scheme, so they are built once and shared by every pool of that
// geometry: 32 zswap pools would otherwise keep 32 identical copies (about 15 KB each with 4 KiB
// pages) in the CPU caches that the pools' own state needs.
import type { FullnessRules } from './fullness';
import { buildSizeClassTable, sizeClassIndex, type SizeClassTable } from './sizeClasses';
import type { KernelParams } from './params';

export interface ClassLookup {
  /** objs_per_zspage and pages_per_zspage per class. */
  readonly classObjs: Int32Array;
  readonly classPages: Int32Array;
  /** groupOf[groupBase[c] + inuse]: the fullness group, precomputed so the hot path does no division. */
  readonly groupOf: Uint8Array;
  readonly groupBase: Int32Array;
  /** Request size (1..PAGE_SIZE) → class id. */
  readonly classOfSize: Uint16Array;
}

const tables = new WeakMap<KernelParams, SizeClassTable>();
const lookups = new WeakMap<SizeClassTable, Map<FullnessRules, ClassLookup>>();

/** buildSizeClassTable(params), once per params object. */
export function sizeClassTableOf(params: KernelParams): SizeClassTable {
  let table = tables.get(params);
  if (!table) tables.set(params, (table = buildSizeClassTable(params)));
  return table;
}

export function classLookup(table: SizeClassTable, rules: FullnessRules): ClassLookup {
  let byRules = lookups.get(table);
  if (!byRules) lookups.set(table, (byRules = new Map()));
  let lookup = byRules.get(rules);
  if (!lookup) byRules.set(rules, (lookup = buildClassLookup(table, rules)));
  return lookup;
}

function buildClassLookup(table: SizeClassTable, rules: FullnessRules): ClassLookup {
  const n = table.classes.length;
  const classObjs = Int32Array.from(table.classes, (c) => c.objsPerZspage);
  const classPages = Int32Array.from(table.classes, (c) => c.pagesPerZspage);
  const groupBase = new Int32Array(n);
  let total = 0;
  for (let c = 0; c < n; c++) {
    groupBase[c] = total;
    total += classObjs[c] + 1;
  }
  const groupOf = new Uint8Array(total);
  for (let c = 0; c < n; c++) {
    for (let inuse = 0; inuse <= classObjs[c]; inuse++) groupOf[groupBase[c] + inuse] = rules.group(inuse, classObjs[c]);
  }
  const classOfSize = new Uint16Array(table.maxAllocSize + 1);
  for (let size = 1; size <= table.maxAllocSize; size++) classOfSize[size] = table.classOfIndex[sizeClassIndex(table, size + table.handleSize)];
  return { classObjs, classPages, groupOf, groupBase, classOfSize };
}
