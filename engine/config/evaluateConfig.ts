// An evaluation config: the before and after variants named directly (knob values), on a base
// from a kernel preset or a kernel .config, instead of read from a patch.
//
//   kernel: "6.10"               # base preset (default 6.10)
//   kernel_config: ./my.config   # or a kernel .config, relative to this file
//   before: { chainSize: 8 }
//   after: { chainSize: 16 }
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../inputError';
import { CHAIN_RULES, FULLNESS_SCHEMES, KERNEL_VERSIONS, kernelParams, validateKernelParams, type KernelParams } from '../kernel/params';
import type { Finding } from '../patch/finding';
import { readKernelConfig } from './kernelConfig';
import { readYamlInput } from './yamlInput';

const knobs = z.strictObject({
  pageSize: z.union([z.literal(4096), z.literal(16384), z.literal(65536)]),
  wordBits: z.union([z.literal(64), z.literal(32)]),
  chainSize: z.number().int().min(4).max(16),
  chainRule: z.enum(CHAIN_RULES),
  fullness: z.enum(FULLNESS_SCHEMES),
  physAddrBits: z.number().int().min(32).max(64),
  objIndexReservesTagBit: z.boolean(),
  slabCacheNamesPerPool: z.boolean(),
  slabinfoPartialScanLimit: z.number().int().min(1).nullable(),
  zswapPools: z.number().int().min(1).max(64),
  zswapExclusiveLoads: z.boolean(),
  zsSlabCachesShared: z.boolean(),
  lockGranularity: z.enum(['pool', 'class']),
}).partial();

const configSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  kernel: z.enum(KERNEL_VERSIONS).optional(),
  kernel_config: z.string().min(1).optional(),
  before: knobs.default({}),
  after: knobs.default({}),
});

export interface EvaluateConfig {
  readonly subject: string;
  readonly base: KernelParams;
  /** Where the base came from, in words. */
  readonly baseNotes: readonly string[];
  readonly findings: readonly Finding[];
}

export function readEvaluateConfig(text: string, file: string, kernelOption?: (typeof KERNEL_VERSIONS)[number]): EvaluateConfig {
  const { data, lineOf } = readYamlInput(text, file, configSchema, 'set before/after to KernelParams fields (chainSize, chainRule, fullness, zswapPools, zsSlabCachesShared, …) with allowed values');
  let base = kernelParams(kernelOption ?? data.kernel ?? '6.10');
  const baseNotes = [`kernel ${base.version} preset (${kernelOption ? '--kernel' : data.kernel ? 'the config' : 'default'})`];
  if (data.kernel_config) {
    const path = resolve(dirname(file), data.kernel_config);
    let configText: string;
    try {
      configText = readFileSync(path, 'utf8');
    } catch {
      throw new InputError(file, lineOf(['kernel_config']), `cannot read kernel_config '${data.kernel_config}' (looked for ${path})`, 'give a path relative to this file');
    }
    const fromConfig = readKernelConfig(configText, path);
    base = fromConfig.params;
    baseNotes.splice(0, 1, `${data.kernel_config}: ${fromConfig.notes.join(', ')}`);
  }
  const keys = [...new Set([...Object.keys(data.before), ...Object.keys(data.after)])] as (keyof typeof data.before)[];
  if (keys.length === 0) throw new InputError(file, 1, 'before and after set no knob', 'set at least one KernelParams field in after (or before)');
  const findings: Finding[] = [];
  for (const knob of keys) {
    const before = data.before[knob] ?? base[knob];
    const after = data.after[knob] ?? base[knob];
    if (before === after) continue;
    const side = data.after[knob] !== undefined ? 'after' : 'before';
    findings.push({ plugin: 'config', knob, before, after, summary: `${knob} set by ${file}`, evidence: [{ docLine: lineOf([side, knob]), file, newLine: 0 }] });
  }
  for (const side of ['before', 'after'] as const) {
    const p = { ...base, ...data[side] } as KernelParams;
    const problems = validateKernelParams(p);
    if (problems.length > 0) throw new InputError(file, lineOf([side]), `the ${side} variant is impossible: ${problems[0]}`, 'choose values the kernel allows');
  }
  return { subject: data.name ?? data.description ?? '', base, baseNotes, findings };
}
