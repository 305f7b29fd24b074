// `zsreview verify`: the same operations through the engine and through a real kernel, per
// variant (the kernel as it is, and with --patch applied), compared snapshot by snapshot.
import type { KernelParams } from '../kernel/params';
import type { CacheSharing } from '../kernel/zsSlabCaches';
import type { Finding } from '../patch/finding';
import { replayTrace } from '../workload/replay';
import type { RunResult } from '../workload/runResult';
import { compareRun, type SnapshotFidelity } from './fidelity';
import type { KernelCapture } from './kernelCapture';

export interface VerifyVariant {
  /** 'kernel' without --patch; 'before' and 'after' with one. */
  readonly name: 'kernel' | 'before' | 'after';
  /** What the engine ran: the preset or the patch's variant, and how pools got their caches. */
  readonly engine: { readonly params: KernelParams; readonly caches: CacheSharing; readonly operations: number; readonly cpus: number };
  readonly kernel: Pick<KernelCapture, 'info' | 'boot'>;
  readonly snapshots: readonly SnapshotFidelity[];
  readonly ok: boolean;
}

export interface VerifyReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly input: { readonly file: string; readonly kind: 'trace' | 'scenario'; readonly sha256: string; readonly seed?: number };
  readonly kernelTarget: string;
  readonly patch?: { readonly file: string; readonly findings: readonly Pick<Finding, 'plugin' | 'knob' | 'before' | 'after' | 'summary'>[] };
  readonly notes: readonly string[];
  readonly variants: readonly VerifyVariant[];
  readonly ok: boolean;
}

/** The engine's replay of `trace` on `params`, every pool's caches as the kernel variant has them. */
export function engineRun(trace: string, traceFile: string, params: KernelParams): RunResult {
  return replayTrace(trace, traceFile, { params, caches: params.zsSlabCachesShared ? 'shared' : 'own' });
}

export function verifyVariant(name: VerifyVariant['name'], engine: RunResult, capture: KernelCapture): VerifyVariant {
  const snapshots = compareRun(capture.snapshots, engine.snapshots);
  const caches = engine.params.zsSlabCachesShared ? 'shared' : 'own';
  return {
    name,
    engine: { params: engine.params, caches, operations: engine.operations, cpus: engine.machine.cpus },
    kernel: { info: capture.info, boot: capture.boot },
    snapshots,
    ok: snapshots.every((s) => s.rows.every((r) => r.ok)) && capture.snapshots.length === engine.snapshots.length,
  };
}
