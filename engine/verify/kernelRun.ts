// Runs a trace on a real kernel through scripts/oracle/run-trace.sh (QEMU, software emulation)
// and reads what it printed. The script does the building and booting; this side checks what
// can be checked without it, so the common mistakes get one clear line and no VM boots.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { UsageError } from '../cli/args';
import { findInstalled } from '../cli/scenarioFiles';
import { readRunInfo } from './fixtureRuns';
import { readConsoleLog, type KernelCapture } from './kernelCapture';

/** The kernels the oracle scripts can boot, and the engine preset each one is compared with. */
export const KERNEL_TARGETS = { 'debian-6.1': '6.1', 'debian-6.12': '6.12', 'minimal-6.12': '6.12' } as const;
export type KernelTargetName = keyof typeof KERNEL_TARGETS;

export interface KernelTarget {
  /** A named kernel, or the path of a bzImage built by scripts/oracle/build-kernel.sh (a 6.12). */
  readonly name: KernelTargetName | 'bzimage';
  readonly path?: string;
  readonly series: '6.1' | '6.12';
}

/** --kernel's value: a named kernel, or a bzImage path that must exist and be a bzImage. */
export function kernelTarget(value: string): KernelTarget {
  if (value in KERNEL_TARGETS) return { name: value as KernelTargetName, series: KERNEL_TARGETS[value as KernelTargetName] };
  const path = resolve(value);
  const fix = `give --kernel ${Object.keys(KERNEL_TARGETS).join(', ')} or the path of a bzImage built by scripts/oracle/build-kernel.sh`;
  if (!existsSync(path)) throw new UsageError(`zsreview verify: --kernel '${value}': no such file; ${fix}`);
  if (!statSync(path).isFile()) throw new UsageError(`zsreview verify: --kernel '${value}' is not a file; ${fix}`);
  // An x86 boot image carries the magic "HdrS" at offset 0x202 (Documentation/arch/x86/boot.rst).
  const magic = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  const n = readSync(fd, magic, 0, 4, 0x202);
  closeSync(fd);
  if (n !== 4 || magic.toString('latin1') !== 'HdrS') throw new UsageError(`zsreview verify: --kernel '${value}' is not an x86 bzImage (no 'HdrS' at offset 0x202); ${fix}`);
  return { name: 'bzimage', path, series: '6.12' };
}

/** scripts/oracle of this checkout (the VSIX does not ship it). */
export function oracleScriptsDir(): string | null {
  const script = findInstalled(join('scripts', 'oracle', 'run-trace.sh'));
  return script && dirname(script);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, command)));
}

export interface KernelRunRequest {
  readonly target: KernelTarget;
  readonly traceFile: string;
  readonly outDir: string;
  readonly patches: readonly string[];
  /** VM memory in MiB. */
  readonly memMiB: number;
}

/** What is missing before a kernel can run here, as one UsageError (checked before anything is built). */
export function checkKernelRunnable(): string {
  const scripts = oracleScriptsDir();
  if (!scripts) throw new UsageError('zsreview verify: scripts/oracle/run-trace.sh not found (the real-kernel runs need a zsreview checkout); give --kernel-log LOG to compare a captured run instead');
  if (!onPath('qemu-system-x86_64')) throw new UsageError('zsreview verify: qemu-system-x86_64 not found: run scripts/oracle/setup.sh as root (apt-get install qemu-system-x86), or give --kernel-log LOG to compare a captured run');
  return scripts;
}

/** Boots the kernel on the trace (progress lines go to our stderr) and returns its capture. */
export function runKernel(req: KernelRunRequest, scripts: string): KernelCapture {
  const args = [join(scripts, 'run-trace.sh'), '--kernel', req.target.path ?? req.target.name, '--trace', req.traceFile, '--out', req.outDir, '--mem', `${req.memMiB}M`];
  for (const p of req.patches) args.push('--patch', p);
  const r = spawnSync('bash', args, { stdio: ['ignore', 2, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const said = (r.stderr ?? '').trim().split('\n').filter(Boolean);
  if (r.status !== 0) {
    // run-trace.sh: 2 bad input, 3 patch does not apply, 4 missing tool, 5 the VM failed.
    const what = r.status === 3 ? 'the patch does not apply' : r.status === 4 ? 'a tool is missing' : r.status === 5 ? 'the kernel run failed' : 'the kernel run could not start';
    const detail = said.slice(-12).join('\n  ');
    throw new UsageError(`zsreview verify: ${what} (run-trace.sh exit ${r.status ?? r.signal}; log in ${req.outDir})${detail ? '\n  ' + detail : ''}`);
  }
  const log = join(req.outDir, 'console.log');
  return readConsoleLog(readFileSync(log, 'utf8'), log, readRunInfo(req.outDir));
}
