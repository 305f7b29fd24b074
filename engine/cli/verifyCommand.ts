// `zsreview verify TRACE_OR_SCENARIO`: runs the same zs_malloc / zs_free / zs_compact sequence
// through the engine and through a real kernel under QEMU (scripts/oracle/run-trace.sh) and
// prints, per snapshot, every quantity both can report, side by side. A scenario is first run
// by the engine (seeded) and recorded as a trace, so the kernel sees exactly the engine's operations.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { variantParams } from '../evaluate';
import type { KernelParams } from '../kernel/params';
import { detectChanges } from '../patch/registry';
import { readPatch } from '../patch/read';
import { MAX_PATCH_BYTES, readTextInput } from '../readInput';
import { formatVerifyText } from '../report/verifyText';
import { TOOL } from '../version';
import { readConsoleLog, type KernelCapture } from '../verify/kernelCapture';
import { fixtureFile, readFixtureText, readRunInfo } from '../verify/fixtureRuns';
import { checkKernelRunnable, kernelTarget, KERNEL_TARGETS, runKernel, type KernelTarget } from '../verify/kernelRun';
import { engineRun, verifyVariant, type VerifyReport, type VerifyVariant } from '../verify/verifyReport';
import { paramsForMachine } from '../workload/runResult';
import { runScenario } from '../workload/runScenario';
import { readScenario } from '../workload/scenario';
import { readTrace, type TraceMachine } from '../workload/trace';
import { TraceRecorder } from '../workload/traceRecorder';
import { resolveRunInput } from './scenarioFiles';
import { choice, parseCommandArgs, UsageError, wholeNumber, type Io } from './args';

const cmd = 'verify';
/** TCG runs every CPU in software on the host's cores; more than this only gets slower. */
const MAX_VM_CPUS = 8;

interface VerifyInput {
  readonly file: string;
  readonly kind: 'trace' | 'scenario';
  readonly trace: string;
  readonly traceFile: string;
  readonly machine: TraceMachine;
  readonly kernel: string;
  readonly sharedPools: string[];
  readonly seed?: number;
}

/** The trace to run: the file itself, or the operations of the engine's seeded scenario run. */
function readVerifyInput(arg: string, seed: number, outDir: () => string): VerifyInput {
  const input = resolveRunInput(arg);
  let trace: string;
  let traceFile = input.file;
  if (input.kind === 'scenario') {
    const scenario = readScenario(readTextInput(input.file, 'a scenario (*.yaml)'), input.file);
    const record = new TraceRecorder([`scenario ${scenario.name} (${input.file}), seed ${seed}, recorded by ${TOOL.name} ${TOOL.version}`]);
    runScenario(scenario, input.file, { seed, record });
    trace = record.text();
    traceFile = join(outDir(), `${scenario.name}-seed${seed}.trace`);
    writeFileSync(traceFile, trace);
  } else {
    trace = readTextInput(input.file, 'a zsreview trace (*.trace) or scenario (*.yaml)');
  }
  let machine!: TraceMachine;
  let kernel = '';
  const sharedPools: string[] = [];
  // Which kernel boots depends only on the header and pool lines: the first operation ends this
  // read. The whole trace is checked by the engine's replay, before anything boots.
  const stop = new Error('header read');
  try {
    readTrace(trace, traceFile, {
      header(m, k) {
        machine = m;
        kernel = k;
      },
      pool(name, caches) {
        if (caches === 'shared') sharedPools.push(name);
      },
      alloc() {
        throw stop;
      },
      free() {
        throw stop;
      },
      compact() {
        throw stop;
      },
      snapshot() {},
    });
  } catch (e) {
    if (e !== stop) throw e;
  }
  const where = input.kind === 'scenario' ? `scenario ${arg}` : input.file;
  if (machine.pageSize !== 4096 || machine.wordBits !== 64) throw new UsageError(`zsreview verify: ${where} is for a ${machine.wordBits}-bit machine with ${machine.pageSize}-byte pages; the oracle boots x86-64 kernels (64-bit, 4096-byte pages) only`);
  if (machine.cpus > MAX_VM_CPUS) throw new UsageError(`zsreview verify: ${where} asks for ${machine.cpus} CPUs; the emulated VM runs at most ${MAX_VM_CPUS}`);
  return { file: input.file, kind: input.kind, trace, traceFile, machine, kernel, sharedPools, ...(input.kind === 'scenario' ? { seed } : {}) };
}

/**
 * The trace as this variant ran it: the kernel line naming the series that booted and every pool
 * line the caches the kernel gave it, so a replay of the saved file alone (the fixture set,
 * --kernel-log) compares like with like.
 */
export function traceAsRun(trace: string, series: string, caches: 'own' | 'shared'): string {
  return trace.replace(/^kernel[ \t]+\S+/m, `kernel ${series}`).replace(/^pool[ \t]+(\S+).*$/gm, `pool $1 caches=${caches}`);
}

/** --kernel, or the Debian kernel of the trace's series (minimal-6.12 when a patch must be built in). */
function pickTarget(value: string | undefined, traceKernel: string, hasPatch: boolean): KernelTarget {
  if (value !== undefined) return kernelTarget(value);
  if (hasPatch) return kernelTarget('minimal-6.12');
  const named = `debian-${traceKernel}`;
  if (named in KERNEL_TARGETS) return kernelTarget(named);
  throw new UsageError(`zsreview verify: the input is for kernel ${traceKernel}, which no Debian kernel here runs; give --kernel debian-6.12 or debian-6.1 (the engine then uses that kernel's preset)`);
}

/** A console log, gzipped or not, or a directory holding one (and its run-info.txt). */
function readCapture(path: string): KernelCapture {
  const log = (existsSync(path) && statSync(path).isDirectory() && fixtureFile(path, 'console.log')) || path;
  if (!existsSync(log)) throw new UsageError(`zsreview verify: --kernel-log '${path}': no such file; give the console.log (or console.log.gz) of a scripts/oracle/run-trace.sh run, or its directory`);
  const text = log.endsWith('.gz') ? readFixtureText(log) : readTextInput(log, 'a console log of scripts/oracle/run-trace.sh');
  return readConsoleLog(text, log, readRunInfo(dirname(log)));
}

export function verifyCommand(args: string[], io: Io): number {
  const { values, positionals } = parseCommandArgs(cmd, args, {
    kernel: { type: 'string' },
    patch: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'kernel-log': { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw new UsageError('zsreview verify: give exactly one trace or scenario, e.g. zsreview verify samples/traces/zram-6.12-stock.trace');
  const format = choice(cmd, 'format', values.format, ['text', 'json'] as const, 'text');
  const seed = wholeNumber(cmd, 'seed', values.seed, 0, 2 ** 32 - 1) ?? 1;
  const logs = (values['kernel-log'] as string[] | undefined) ?? [];
  const patchFile = values.patch;
  if (logs.length > 0 && logs.length !== (patchFile ? 2 : 1)) throw new UsageError(`zsreview verify: give ${patchFile ? 'two --kernel-log (before, then after the patch)' : 'one --kernel-log'} for ${logs.length} given`);
  let out = values.out ? resolve(values.out) : '';
  const outDir = () => {
    if (!out) out = mkdtempSync(join(tmpdir(), 'zsreview-verify-'));
    mkdirSync(out, { recursive: true });
    return out;
  };

  const input = readVerifyInput(positionals[0], seed, outDir);
  const target = pickTarget(values.kernel, input.kernel, patchFile !== undefined);
  const base: KernelParams = paramsForMachine(target.series, input.machine);
  const notes: string[] = [];
  let variants: { name: VerifyVariant['name']; params: KernelParams; patches: string[] }[] = [{ name: 'kernel', params: base, patches: [] }];
  let patchInfo: VerifyReport['patch'];
  if (patchFile !== undefined) {
    const patch = readPatch(readTextInput(patchFile, 'a patch', MAX_PATCH_BYTES), patchFile);
    const { findings, unmodelled } = detectChanges(patch, base);
    patchInfo = { file: patchFile, findings: findings.map(({ plugin, knob, before, after, summary }) => ({ plugin, knob, before, after, summary })) };
    if (findings.length === 0) notes.push('the engine models nothing this patch changes, so its "after" is the "before" run; the kernel still shows what the patch does');
    if (unmodelled.length > 0) notes.push(`${unmodelled.length} hunk(s) of the patch are not modelled by the engine`);
    variants = [
      { name: 'before', params: variantParams(base, findings, 'before'), patches: [] },
      { name: 'after', params: variantParams(base, findings, 'after'), patches: [resolve(patchFile)] },
    ];
  }
  if (input.sharedPools.length > 0 && !variants.some((v) => v.params.zsSlabCachesShared)) {
    notes.push(`the trace declares caches=shared for ${input.sharedPools.length} pool(s), but a kernel without a shared-caches change gives every pool its own caches: compared that way`);
  }
  if (input.kernel !== target.series) notes.push(`the input names kernel ${input.kernel}; it runs on ${target.series} here (engine: the ${target.series} preset)`);
  const scripts = logs.length === 0 ? checkKernelRunnable() : '';

  // The patched variant first: a patch that does not apply is then said before anything boots.
  const results: VerifyVariant[] = [];
  for (let i = variants.length - 1; i >= 0; i--) {
    const v = variants[i];
    const engine = engineRun(input.trace, input.traceFile, v.params);
    let capture: KernelCapture;
    if (logs.length > 0) capture = readCapture(logs[i]);
    else {
      // The VM needs the pools' peak plus room for the kernel and initramfs (Debian's 6.12 takes ~150 MiB).
      const peakBytes = engine.snapshots.reduce((m, s) => Math.max(m, s.pools.reduce((n, p) => n + p.mmStat.memUsedMax, 0)), 0);
      const memMiB = Math.max(1024, Math.ceil((peakBytes * 1.25) / 2 ** 20) + 512);
      const dir = join(outDir(), v.name);
      mkdirSync(dir, { recursive: true });
      io.progress?.(`verify: booting ${target.path ?? target.name}${v.patches.length ? ' with the patch' : ''} (${v.name})`);
      const runTrace = join(dir, 'run.trace');
      writeFileSync(runTrace, traceAsRun(input.trace, target.series, v.params.zsSlabCachesShared ? 'shared' : 'own'));
      capture = runKernel({ target, traceFile: runTrace, outDir: dir, patches: v.patches, memMiB }, scripts);
      writeFileSync(join(dir, 'capture.json'), JSON.stringify(capture, null, 2) + '\n');
    }
    results[i] = verifyVariant(v.name, engine, capture);
  }

  const report: VerifyReport = {
    tool: TOOL,
    input: { file: input.file, kind: input.kind, sha256: createHash('sha256').update(input.trace).digest('hex'), ...(input.seed !== undefined ? { seed: input.seed } : {}) },
    kernelTarget: target.path ?? target.name,
    ...(patchInfo ? { patch: patchInfo } : {}),
    notes,
    variants: results,
    ok: results.every((r) => r.ok),
  };
  const text = formatVerifyText(report);
  const json = JSON.stringify(report, null, 2) + '\n';
  if (out) {
    writeFileSync(join(out, 'verify.txt'), text);
    writeFileSync(join(out, 'verify.json'), json);
  }
  io.out(format === 'json' ? json : text);
  return report.ok ? 0 : 1;
}
