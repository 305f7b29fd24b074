// A kernel .config as the base of an evaluation: the version in its header picks the preset, and
// the options zsreview models override it (page size, word size, zsmalloc chain size).
import { InputError } from '../inputError';
import { KERNEL_VERSIONS, kernelParams, machineKnobs, type KernelParams, type KernelVersion, type PageSize } from '../kernel/params';

export interface KernelConfigBase {
  readonly params: KernelParams;
  /** What was taken from where, for the report ("CONFIG_ZSMALLOC_CHAIN_SIZE=16 (line 812)"). */
  readonly notes: readonly string[];
}

const PAGE_OPTIONS: Record<string, PageSize> = {
  CONFIG_PAGE_SIZE_4KB: 4096, // generic, v6.10+
  CONFIG_PAGE_SIZE_16KB: 16384,
  CONFIG_PAGE_SIZE_64KB: 65536,
  CONFIG_ARM64_4K_PAGES: 4096,
  CONFIG_ARM64_16K_PAGES: 16384,
  CONFIG_ARM64_64K_PAGES: 65536,
  CONFIG_PPC_4K_PAGES: 4096,
  CONFIG_PPC_64K_PAGES: 65536,
};

/** The newest preset not newer than `major.minor` (6.1 for anything older). */
function presetFor(major: number, minor: number): KernelVersion {
  const v = major * 1000 + minor;
  const fitting = KERNEL_VERSIONS.filter((k) => {
    const [a, b] = k.split('.').map(Number);
    return a * 1000 + b <= v;
  });
  return fitting[fitting.length - 1] ?? '6.1';
}

export function readKernelConfig(text: string, file: string): KernelConfigBase {
  const lines = text.split('\n');
  const header = lines.slice(0, 10).map((l) => /^#\s*Linux\/\S+ (\d+)\.(\d+)\S* Kernel Configuration/.exec(l)).find((m) => m);
  const options = new Map<string, { value: string; line: number }>();
  lines.forEach((l, i) => {
    const m = /^(CONFIG_[A-Z0-9_]+)=(.*)$/.exec(l.trim());
    if (m) options.set(m[1], { value: m[2], line: i + 1 });
  });
  if (!header && options.size === 0) throw new InputError(file, 1, 'is not a kernel .config (no "# Linux/… Kernel Configuration" header, no CONFIG_ lines)', 'give the .config of the kernel to evaluate against');
  const notes: string[] = [];
  const version = header ? presetFor(Number(header[1]), Number(header[2])) : '6.10';
  notes.push(header ? `kernel ${header[1]}.${header[2]} → preset ${version} (line ${lines.findIndex((l) => /Kernel Configuration/.test(l)) + 1})` : 'no version header → preset 6.10');
  const changes: { -readonly [K in keyof KernelParams]?: KernelParams[K] } = {};
  for (const [name, size] of Object.entries(PAGE_OPTIONS)) {
    const o = options.get(name);
    if (o?.value === 'y') {
      changes.pageSize = size;
      notes.push(`${name}=y (line ${o.line})`);
    }
  }
  const bit64 = options.get('CONFIG_64BIT');
  if (options.size > 0) {
    Object.assign(changes, machineKnobs(changes.pageSize ?? 4096, bit64?.value === 'y' ? 64 : 32));
    notes.push(bit64 ? `CONFIG_64BIT=y (line ${bit64.line})` : 'no CONFIG_64BIT → 32-bit');
  }
  const chain = options.get('CONFIG_ZSMALLOC_CHAIN_SIZE');
  if (chain) {
    const n = Number(chain.value);
    if (!Number.isInteger(n) || n < 4 || n > 16) throw new InputError(file, chain.line, `CONFIG_ZSMALLOC_CHAIN_SIZE=${chain.value} is outside 4..16`, 'use a value Kconfig allows (range 4 16)');
    changes.chainSize = n;
    notes.push(`CONFIG_ZSMALLOC_CHAIN_SIZE=${n} (line ${chain.line})`);
  }
  return { params: { ...kernelParams(version, changes), version }, notes };
}
