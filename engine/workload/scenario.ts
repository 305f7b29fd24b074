// Scenario files (YAML, validated with zod): a machine, a kernel preset, the users of zsmalloc
// and the phases of work they do. Every mistake is reported with the file, the line of the
// offending field and what it allows.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { readYamlInput } from '../config/yamlInput';
import { InputError } from '../inputError';
import { KERNEL_VERSIONS } from '../kernel/params';
import { lz4PageSizes } from './lz4Sizes';
import type { SizeDistribution } from './sizes';

/** Operations per phase; a run does a few million per second, so 100 M is about a minute. */
const count = z.number().int().min(1).max(100_000_000);
/** At most this many planned operations in one run (a few minutes), so that no input hangs the tool. */
export const MAX_PLANNED_OPERATIONS = 200_000_000;
const pct = z.number().min(0).max(100);
const size = z.number().int().min(1).max(65536);

const sizes = z.union([
  z.strictObject({ uniform: z.tuple([size, size]).refine(([lo, hi]) => lo <= hi, 'the low end is above the high end') }),
  z.strictObject({ normal: z.strictObject({ mean: z.number().positive(), sd: z.number().min(0) }) }),
  z.strictObject({ lognormal: z.strictObject({ median: z.number().positive(), sigma: z.number().min(0) }) }),
  z.strictObject({ choices: z.array(z.tuple([size, z.number().positive()])).min(1) }),
  // Real data: the file (relative to the scenario) is cut into pages and compressed with LZ4.
  z.strictObject({ lz4: z.strictObject({ file: z.string().min(1) }) }),
]);

const caches = z.enum(['own', 'shared']);

const zswap = z.strictObject({
  /** zsmalloc pools per zswap pool: 32 (ZSWAP_NR_ZPOOLS) in v6.6–v6.10, else 1. */
  pools: z.number().int().min(1).max(64).optional(),
  caches: caches.default('own'),
  max_pool_percent: z.number().int().min(1).max(100).default(20),
  accept_threshold_percent: z.number().int().min(0).max(100).default(90),
  same_filled_pct: pct.default(0),
  sizes,
});

const zram = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a device name of letters, digits, - and _'),
  caches: caches.default('own'),
  same_filled_pct: pct.default(0),
  sizes,
});

const freeOrder = z.enum(['random', 'oldest', 'newest']);

const phase = z
  .strictObject({
    name: z.string().regex(/^\S{1,40}$/, 'a name without spaces'),
    user: z.string(),
    store: count.optional(),
    churn: count.optional(),
    store_pct: pct.default(50),
    free_pct: pct.optional(),
    overwrite: count.optional(),
    compact: z.literal(true).optional(),
    free: freeOrder.default('random'),
    /** How swapped-in pages are used (zswap churn): written (the entry is freed) or only read. */
    access: z.enum(['write', 'read']).default('write'),
    cpus: z.array(z.number().int().min(0)).min(1).optional(),
  })
  .refine((p) => [p.store, p.churn, p.free_pct, p.overwrite, p.compact].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of store, churn, free_pct, overwrite, compact',
  });

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a name of lower-case letters, digits and -'),
  description: z.string().min(1),
  machine: z.strictObject({
    page_size: z.union([z.literal(4096), z.literal(16384), z.literal(65536)]).default(4096),
    word_bits: z.union([z.literal(64), z.literal(32)]).default(64),
    cpus: z.number().int().min(1).max(4096).default(1),
    ram_mib: z.number().int().min(16).max(16 * 1024 * 1024),
  }),
  kernel: z.enum(KERNEL_VERSIONS),
  slab: z.strictObject({ merge: z.boolean().default(false) }).default({ merge: false }),
  zswap: zswap.optional(),
  zram: z.array(zram).optional(),
  sample_every: count.optional(),
  phases: z.array(phase).min(1),
});

type ParsedScenario = z.infer<typeof scenarioSchema>;
type WithSizes<T> = Omit<T, 'sizes'> & { sizes: SizeDistribution };
/** A checked scenario, with LZ4-measured sizes already read from their files. */
export type Scenario = Omit<ParsedScenario, 'zswap' | 'zram'> & {
  zswap?: WithSizes<NonNullable<ParsedScenario['zswap']>>;
  zram?: WithSizes<NonNullable<ParsedScenario['zram']>[number]>[];
};
export type ScenarioPhase = Scenario['phases'][number];

/** Parses and checks a scenario file's text. */
export function readScenario(text: string, file: string): Scenario {
  const { data: parsedScenario, lineOf: where } = readYamlInput(text, file, scenarioSchema, 'see samples/scenarios/ for the fields and their values');
  const s = parsedScenario;
  // Cross-field checks the schema cannot express.
  const users = new Set([...(s.zswap ? ['zswap'] : []), ...(s.zram ?? []).map((d) => d.name)]);
  if ((s.zram ?? []).length !== new Set((s.zram ?? []).map((d) => d.name)).size) throw new InputError(file, where(['zram']), 'two zram devices have the same name', 'name each device once');
  const planned = s.phases.reduce((n, p) => n + (p.store ?? p.churn ?? p.overwrite ?? 0), 0);
  if (planned > MAX_PLANNED_OPERATIONS) throw new InputError(file, where(['phases']), `the phases plan ${planned} operations, more than the ${MAX_PLANNED_OPERATIONS} zsreview runs at once`, 'lower the store, churn and overwrite counts');
  s.phases.forEach((p, i) => {
    if (!users.has(p.user)) throw new InputError(file, where(['phases', i, 'user']), `phase '${p.name}' uses '${p.user}', which is not defined`, `use one of: ${[...users].join(', ') || '(define zswap or zram first)'}`);
    if (p.overwrite !== undefined && p.user === 'zswap') throw new InputError(file, where(['phases', i, 'overwrite']), 'zswap has no overwrite', 'use churn for zswap; overwrite is for zram devices');
    const bad = (p.cpus ?? []).find((c) => c >= s.machine.cpus);
    if (bad !== undefined) throw new InputError(file, where(['phases', i, 'cpus']), `CPU ${bad} but the machine has ${s.machine.cpus}`, `use CPUs 0..${s.machine.cpus - 1}`);
  });
  const measured = (d: z.infer<typeof sizes>, path: (string | number)[]): SizeDistribution => {
    if (!('lz4' in d)) return d;
    const data = resolve(dirname(file), d.lz4.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(data);
    } catch {
      throw new InputError(file, where(path), `cannot read '${d.lz4.file}' (looked for ${data})`, 'give a path relative to the scenario file');
    }
    const page = s.machine.page_size;
    const samples = lz4PageSizes(bytes.subarray(0, Math.min(bytes.length, 64 * 1024 * 1024)), page);
    if (samples.length === 0) throw new InputError(file, where(path), `'${d.lz4.file}' is shorter than one ${page}-byte page`, 'use a larger file');
    return { samples };
  };
  return {
    ...s,
    zswap: s.zswap && { ...s.zswap, sizes: measured(s.zswap.sizes, ['zswap', 'sizes']) },
    zram: s.zram?.map((d, i) => ({ ...d, sizes: measured(d.sizes, ['zram', i, 'sizes']) })),
  };
}
