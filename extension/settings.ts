// The zsreview.* settings (package.json "contributes.configuration"), read fresh for each run.
import * as vscode from 'vscode';
import { KERNEL_VERSIONS, type KernelVersion } from '../engine/kernel/params';
import { DEFAULT_SEEDS, MAX_CPUS, MAX_SEEDS } from '../engine/evaluateLimits';

export interface Settings {
  /** Scenario names or .yaml paths; empty means every bundled scenario. */
  readonly scenarios: string[];
  readonly seeds: number;
  readonly kernel: KernelVersion | undefined;
  readonly cpus: number | undefined;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('zsreview');
  const seeds = c.get<number>('seeds', DEFAULT_SEEDS);
  const kernel = c.get<string>('kernel', '');
  const cpus = c.get<number>('cpus', 0);
  return {
    scenarios: (c.get<string[]>('scenarios', []) ?? []).filter((s) => typeof s === 'string' && s.trim() !== ''),
    // Out-of-range values from a hand-edited settings.json are clamped here; the engine checks again.
    seeds: Number.isInteger(seeds) ? Math.min(MAX_SEEDS, Math.max(1, seeds)) : DEFAULT_SEEDS,
    kernel: (KERNEL_VERSIONS as readonly string[]).includes(kernel) ? (kernel as KernelVersion) : undefined,
    cpus: Number.isInteger(cpus) && cpus >= 1 && cpus <= MAX_CPUS ? cpus : undefined,
  };
}
