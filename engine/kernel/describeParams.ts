// One line naming every knob of a KernelParams, for report headers (reproducibility).
import type { KernelParams } from './params';

export function describeParams(p: KernelParams): string {
  const groups = p.fullness === 'almost' ? 'almost_empty/almost_full groups' : 'ratio groups';
  return `kernel ${p.version}, PAGE_SIZE ${p.pageSize}, ${p.wordBits}-bit, chain ${p.chainSize} (${p.chainRule}), ${groups}`;
}
