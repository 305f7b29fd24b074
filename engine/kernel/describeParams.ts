// One line (under 80 columns) naming every knob of a KernelParams, for report headers (reproducibility).
import type { KernelParams } from './params';

export function describeParams(p: KernelParams): string {
  return `kernel ${p.version}, PAGE_SIZE ${p.pageSize}, ${p.wordBits}-bit, chain ${p.chainSize} (${p.chainRule}), ${p.fullness} groups`;
}
