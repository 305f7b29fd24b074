// `zsreview verify` as plain text for an 80-column mail: per variant and snapshot, each quantity
// with its kind, the kernel's value, the engine's and the difference; then what differs.
import type { FidelityRow } from '../verify/fidelity';
import type { VerifyReport, VerifyVariant } from '../verify/verifyReport';

const num = (v: number) => String(v);

function variantTitle(v: VerifyVariant): string {
  const release = v.kernel.boot.uname ?? '?';
  const what = v.name === 'kernel' ? 'kernel' : v.name === 'after' ? 'after (with the patch)' : 'before (without the patch)';
  const engine = v.name === 'kernel' ? `the ${v.engine.params.version} preset` : `the patch's ${v.name} variant`;
  return `${what}: Linux ${release}, ${v.engine.cpus} CPU(s)\n  engine: ${engine}, caches ${v.engine.caches}`;
}

function rowLine(r: FidelityRow): string {
  const mark = r.ok ? '' : '  <-';
  return `  ${r.metric.padEnd(20)} ${r.kind.padEnd(6)} ${num(r.kernel).padStart(12)} ${num(r.engine).padStart(12)} ${num(r.diff).padStart(9)}${mark}`;
}

/** Slab pages, unused bytes and caches before -> after the patch at each snapshot, kernel | engine. */
function headline(report: VerifyReport): string[] {
  const before = report.variants.find((v) => v.name === 'before');
  const after = report.variants.find((v) => v.name === 'after');
  if (!before || !after) return [];
  const change = (b: number, a: number) => (b === 0 ? '' : ` (${a >= b ? '+' : ''}${((100 * (a - b)) / b).toFixed(1)}%)`);
  const out = ['', `before -> after the patch (${'kernel'.padEnd(26)} | engine)`];
  for (const snap of before.snapshots) {
    const a = after.snapshots.find((s) => s.label === snap.label);
    if (!a) continue;
    out.push(`  ${snap.label}`);
    for (const [metric, unit, scale] of [['slab.bytes', ' pages', 4096], ['slab.unused_bytes', ' B', 1], ['slab.caches', '', 1]] as const) {
      const b = snap.rows.find((r) => r.metric === metric);
      const c = a.rows.find((r) => r.metric === metric);
      if (!b || !c) continue;
      const side = (x: number, y: number) => `${x / scale} -> ${y / scale}${unit}${change(x, y)}`;
      out.push(`    ${(metric === 'slab.bytes' ? 'slab pages' : metric).padEnd(18)} ${side(b.kernel, c.kernel).padEnd(26)} | ${side(b.engine, c.engine)}`);
    }
  }
  return out;
}

export function formatVerifyText(report: VerifyReport): string {
  const out: string[] = [];
  // Paths on lines of their own, so that the other lines stay within 80 columns whatever they are.
  out.push(`# ${report.tool.name} ${report.tool.version} verify${report.input.seed !== undefined ? ` --seed ${report.input.seed}` : ''}`, `# ${report.input.file}`);
  out.push(`# input sha256 ${report.input.sha256.slice(0, 16)}, kernel ${report.kernelTarget}`);
  if (report.patch) out.push(`# patch ${report.patch.file}`);
  for (const f of report.patch?.findings ?? []) out.push(`# engine reads the patch as: ${f.summary}`);
  for (const n of report.notes) out.push(`# note: ${n}`);
  for (const v of report.variants) {
    out.push('', variantTitle(v));
    for (const snap of v.snapshots) {
      out.push('', `snapshot ${snap.label}`, `  ${'quantity'.padEnd(20)} ${'kind'.padEnd(6)} ${'kernel'.padStart(12)} ${'engine'.padStart(12)} ${'diff'.padStart(9)}`);
      for (const r of snap.rows) out.push(rowLine(r));
      for (const r of snap.rows.filter((r) => !r.ok)) for (const d of (r.differing ?? []).slice(0, 6)) out.push(`    ${r.metric}: ${d}`.slice(0, 79));
    }
  }
  out.push(...headline(report));
  const total = report.variants.flatMap((v) => v.snapshots.flatMap((s) => s.rows));
  out.push('', `result: ${total.filter((r) => r.ok).length} of ${total.length} quantities as the kernel's${report.ok ? '' : ' (the ones marked <- differ)'}`);
  return out.join('\n') + '\n';
}
