// What an evaluation request may ask for, and its defaults: light enough for the extension host
// to import without bundling the simulator.
import type { KernelVersion } from './kernel/params';

/** The base kernel when neither --kernel nor the patch says otherwise: the last one with 32 zswap pools. */
export const DEFAULT_KERNEL: KernelVersion = '6.10';
export const DEFAULT_SEEDS = 5;
export const MAX_SEEDS = 50;
export const MAX_CPUS = 4096;

/** An evaluation config rather than a patch, by its name. */
export function isConfigFile(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file);
}
