// The real-kernel side of the fidelity fixture set, end to end (needs QEMU and the kernels that
// scripts/oracle/setup.sh fetches):
//   npm run test:oracle          boot every run of test/fixtures/fidelity/runs.json again, check the
//                                kernel prints the committed numbers and the engine matches them;
//                                the seed case (32 pools, shared caches, before/after) in full;
//                                the three refusals (bad bzImage, patch that does not apply, no qemu)
//   npm run fidelity:capture     boot them and (re)write test/fixtures/fidelity/<run>/
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../engine/cli';
import { readConsoleLog } from '../engine/verify/kernelCapture';
import { fixtureFile, readFixtureText } from '../engine/verify/fixtureRuns';
import { gzipSync } from 'node:zlib';

interface ManifestRun {
  readonly name: string;
  readonly input: string;
  readonly kernel: string;
  readonly seed?: number;
  readonly patch?: string;
}

const root = process.cwd();
const capture = process.argv.includes('--capture');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const fixtures = join(root, 'test', 'fixtures', 'fidelity');
const manifest = (JSON.parse(readFileSync(join(fixtures, 'runs.json'), 'utf8')) as { runs: ManifestRun[] }).runs.filter((r) => only.length === 0 || only.includes(r.name));
const work = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'zsreview-oracle-check-'));
const failures: string[] = [];
const timings: string[] = [];
const say = (text: string) => process.stdout.write(text + '\n');

function verify(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(['verify', ...args], { out: (t) => (out += t), err: (t) => (err += t), progress: (t) => process.stderr.write(t + '\n') }) as number;
  return { code, out, err };
}

function timed<T>(label: string, run: () => T): T {
  const t0 = Date.now();
  const r = run();
  timings.push(`${label.padEnd(34)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
  return r;
}

for (const run of manifest) {
  const out = join(work, run.name);
  const args = [run.input, '--kernel', run.kernel, '--out', out, ...(run.seed !== undefined ? ['--seed', String(run.seed)] : []), ...(run.patch ? ['--patch', run.patch] : [])];
  say(`\n== ${run.name}: zsreview verify ${args.join(' ')}`);
  const r = timed(run.name, () => verify(args));
  if (r.code === 2) {
    failures.push(`${run.name}: ${r.err.trim()}`);
    say(r.err);
    continue;
  }
  say(r.out.split('\n').filter((l) => l.startsWith('result:') || l.startsWith('# note') || l.includes('<-')).join('\n'));
  if (r.code !== 0) failures.push(`${run.name}: the engine differs from the kernel (see ${out}/verify.txt)`);
  for (const variant of run.patch ? ['before', 'after'] : ['kernel']) {
    const name = run.patch ? `${run.name}-${variant}` : run.name;
    const from = join(out, variant);
    const dest = join(fixtures, name);
    if (capture) {
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      // Gzipped: the logs of 32 pools with their classes tables run to megabytes as text.
      writeFileSync(join(dest, `${name}.trace.gz`), gzipSync(readFileSync(join(from, 'run.trace')), { level: 9 }));
      writeFileSync(join(dest, 'console.log.gz'), gzipSync(readFileSync(join(from, 'console.log')), { level: 9 }));
      cpSync(join(from, 'run-info.txt'), join(dest, 'run-info.txt'));
      say(`captured ${name} -> ${dest}`);
    } else if (!fixtureFile(dest, 'console.log')) {
      failures.push(`${name}: no committed fixture to compare with (run npm run fidelity:capture)`);
    } else {
      // The kernel is deterministic for a pinned operation sequence: the fresh run must print what the committed one did.
      const fresh = readConsoleLog(readFileSync(join(from, 'console.log'), 'utf8'), join(from, 'console.log')).snapshots;
      const keptLog = fixtureFile(dest, 'console.log')!;
      const kept = readConsoleLog(readFixtureText(keptLog), keptLog).snapshots;
      const same = JSON.stringify(fresh) === JSON.stringify(kept);
      say(`${name}: kernel output ${same ? 'identical to' : 'DIFFERS from'} the committed fixture`);
      if (!same) failures.push(`${name}: the kernel printed other numbers than the committed fixture`);
    }
  }
}

if (!capture && only.length === 0) {
  // The seed's idea on 32 pools: the slab pages before and after next to the engine's prediction.
  const seedRun = join(work, 'multi32-6.12-minimal', 'verify.txt');
  if (existsSync(seedRun)) {
    const text = readFileSync(seedRun, 'utf8');
    say('\n== the seed case (32 zram pools, minimal 6.12, our shared-caches patch): before -> after');
    say(text.slice(text.indexOf('before -> after')));
  }
  // --kernel PATH: the minimal 6.12 bzImage the runs above built, given as a file.
  const info = join(work, 'zstrace-zram-6.12-minimal', 'kernel', 'run-info.txt');
  const bzImage = existsSync(info) ? / -kernel (\S+)/.exec(readFileSync(info, 'utf8'))?.[1] : undefined;
  if (bzImage) {
    const r = timed('--kernel PATH_TO_BZIMAGE', () => verify(['test/fixtures/oracle/runs/zram-6.12-stock/zram-6.12-stock.trace', '--kernel', bzImage, '--out', join(work, 'bzimage-path')]));
    say(`\n== --kernel ${bzImage}: exit ${r.code}, ${r.out.split('\n').find((l) => l.startsWith('result:')) ?? r.err.trim()}`);
    if (r.code !== 0) failures.push(`--kernel ${bzImage}: exit ${r.code}`);
  } else failures.push('no minimal 6.12 bzImage found to run by path');
  say('\n== refusals');
  const bad: [string, string[], RegExp, Record<string, string>?][] = [
    ['a bzImage path that does not exist', ['test/fixtures/oracle/runs/zram-6.12-stock/zram-6.12-stock.trace', '--kernel', '/nonexistent/bzImage'], /no such file/],
    ['a file that is not a bzImage', ['test/fixtures/oracle/runs/zram-6.12-stock/zram-6.12-stock.trace', '--kernel', 'README.md'], /not an x86 bzImage/],
    ['a patch that does not apply', ['test/fixtures/oracle/runs/zram-6.12-stock/zram-6.12-stock.trace', '--kernel', 'minimal-6.12', '--patch', 'test/fixtures/oracle/patches/zsmalloc-6.1-shared-caches.patch', '--out', join(work, 'no-apply')], /does not apply/],
  ];
  for (const [what, args, expect] of bad) {
    const r = timed(`refusal: ${what}`, () => verify(args));
    const line = r.err.trim().split('\n')[0];
    say(`${what}: exit ${r.code}: ${line}`);
    if (r.code !== 2 || !expect.test(r.err)) failures.push(`${what}: expected exit 2 and ${expect}, got exit ${r.code}: ${r.err.trim()}`);
  }
  // No qemu on PATH: the built CLI in a child process with a PATH that lacks it.
  const noQemu = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'verify', 'test/fixtures/oracle/runs/zram-6.12-stock/zram-6.12-stock.trace'], { encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
  say(`no qemu-system-x86_64 on PATH: exit ${noQemu.status}: ${noQemu.stderr.trim()}`);
  if (noQemu.status !== 2 || !/qemu-system-x86_64 not found/.test(noQemu.stderr)) failures.push('missing qemu: no clear message');
}

say('\n== timings');
say(timings.join('\n'));
writeFileSync(join(work, 'timings.txt'), timings.join('\n') + '\n');
say(`\nwork directory: ${work}`);
if (failures.length > 0) {
  say(`\nFAILED (${failures.length}):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
say(`\n${capture ? 'captured' : 'checked'} ${manifest.length} runs: all as expected`);
